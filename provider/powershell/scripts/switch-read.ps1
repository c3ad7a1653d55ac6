# Reports a virtual switch by id. No such switch is 'HvObjectNotFound'.
# Payload: { switchId }
param($Payload)
. ([System.IO.Path]::Combine($PSScriptRoot, 'lib', 'HvCommon.ps1'))
. ([System.IO.Path]::Combine($PSScriptRoot, 'lib', 'HvSwitch.ps1'))

$switch = Get-HvSwitchById ([string]$Payload['switchId'])
if ($null -eq $switch) { throw (New-HvNotFoundRecord -Message ('No virtual switch has the id {0}.' -f $Payload['switchId']) -TargetObject ([string]$Payload['switchId'])) }
Get-HvSwitchDescription $switch
