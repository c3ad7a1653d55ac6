# Deletes a virtual hard disk file; a file that is already gone is success.
# Payload: { path }
param($Payload)
. ([System.IO.Path]::Combine($PSScriptRoot, 'lib', 'HvCommon.ps1'))

$file = Get-HvHostFilePath ([string]$Payload['path'])
if (Test-Path -LiteralPath $file -PathType Leaf) { Remove-Item -LiteralPath $file -Force -ErrorAction Stop }
