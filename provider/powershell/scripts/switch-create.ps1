# Creates a virtual switch; returns what Get-VMSwitch reports.
# Payload: { switchName, type: Private|Internal|External, netAdapterName?, allowManagementOs?, notes }
param($Payload)
. ([System.IO.Path]::Combine($PSScriptRoot, 'lib', 'HvCommon.ps1'))
. ([System.IO.Path]::Combine($PSScriptRoot, 'lib', 'HvSwitch.ps1'))

$arguments = @{ Name = [string]$Payload['switchName'] }
if ([string]$Payload['type'] -eq 'External') {
    $arguments.NetAdapterName = [string]$Payload['netAdapterName']
    $arguments.AllowManagementOS = [bool]$Payload['allowManagementOs']
} else {
    $arguments.SwitchType = [string]$Payload['type']
}
if ($Payload['notes']) { $arguments.Notes = [string]$Payload['notes'] }
Get-HvSwitchDescription (Hyper-V\New-VMSwitch @arguments -ErrorAction Stop)
