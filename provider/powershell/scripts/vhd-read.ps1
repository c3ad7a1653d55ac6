# Reports a virtual hard disk by its path. No file there is 'HvObjectNotFound'.
# Payload: { path }
param($Payload)
. ([System.IO.Path]::Combine($PSScriptRoot, 'lib', 'HvCommon.ps1'))
. ([System.IO.Path]::Combine($PSScriptRoot, 'lib', 'HvVhd.ps1'))

Get-HvVhdDescription (Get-HvExistingVhd ([string]$Payload['path']))
