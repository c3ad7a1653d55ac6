# Deletes a virtual hard disk file; a file that is already gone is success.
# Payload: { path }
param($Payload)
. ([System.IO.Path]::Combine($PSScriptRoot, 'lib', 'HvCommon.ps1'))

Remove-HvHostFile ([string]$Payload['path'])
