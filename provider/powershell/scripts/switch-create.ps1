# Creates a virtual switch; returns what Get-VMSwitch reports. A name the host already has is refused:
# Hyper-V allows duplicates, but then every adapter naming that switch is ambiguous.
# Payload: { switchName, type: Private|Internal|External, netAdapterName?, allowManagementOs?, notes }
param($Payload)
. ([System.IO.Path]::Combine($PSScriptRoot, 'lib', 'HvCommon.ps1'))
. ([System.IO.Path]::Combine($PSScriptRoot, 'lib', 'HvSwitch.ps1'))

$name = [string]$Payload['switchName']
$existing = @(Hyper-V\Get-VMSwitch -ErrorAction Stop | Where-Object { $_.Name -eq $name })
if ($existing.Count -gt 0) {
    $message = ('A virtual switch named "{0}" already exists on this host (id {1}), e.g. from another stack of this program; ' +
        'give this VirtualSwitch another switchName (one per stack), or use the existing switch: name it in the ' +
        'VM''s networkAdapters and remove this VirtualSwitch resource.') -f $name, $existing[0].Id
    throw (New-HvErrorRecord -Message $message -ErrorId 'SwitchNameTaken' -Category ResourceExists -TargetObject $name)
}
$arguments = @{ Name = $name }
if ([string]$Payload['type'] -eq 'External') {
    $arguments.NetAdapterName = [string]$Payload['netAdapterName']
    $arguments.AllowManagementOS = [bool]$Payload['allowManagementOs']
} else {
    $arguments.SwitchType = [string]$Payload['type']
}
if ($Payload['notes']) { $arguments.Notes = [string]$Payload['notes'] }
Get-HvSwitchDescription (Hyper-V\New-VMSwitch @arguments -ErrorAction Stop)
