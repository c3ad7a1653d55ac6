# Removes a virtual switch by id; a switch that is already gone is success.
# Payload: { switchId }
param($Payload)
. ([System.IO.Path]::Combine($PSScriptRoot, 'lib', 'HvCommon.ps1'))
. ([System.IO.Path]::Combine($PSScriptRoot, 'lib', 'HvSwitch.ps1'))

$switch = Get-HvSwitchById ([string]$Payload['switchId'])
if ($null -ne $switch) { Hyper-V\Remove-VMSwitch -VMSwitch $switch -Force -ErrorAction Stop }
