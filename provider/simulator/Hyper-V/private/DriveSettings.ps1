# Settings of a hard disk drive beyond its slot and file: passthrough disk number, storage QoS,
# persistent reservations, cache attributes. Shared by Add-VMHardDiskDrive and Set-VMHardDiskDrive.

# Argument rules the real module checks before it touches a VM (one set of messages for both cmdlets).
function Assert-HvHardDiskArguments([hashtable]$Bound) {
    $virtual = $Bound.ContainsKey('Path') -or $Bound.ContainsKey('ResourcePoolName') -or $Bound.ContainsKey('MaximumIOPS') -or
    $Bound.ContainsKey('MinimumIOPS') -or $Bound.ContainsKey('QoSPolicyID') -or $Bound.ContainsKey('QoSPolicy')
    if ($virtual -and $Bound.ContainsKey('DiskNumber')) {
        Stop-HvInvalidParameter 'The passthrough disk number cannot be provided at the same time as settings that apply to virtual hard disks.'
    }
    if ($Bound.ContainsKey('QoSPolicyID') -and $Bound.ContainsKey('QoSPolicy')) {
        Stop-HvInvalidParameter 'The QoSPolicyID and QoSPolicy parameters cannot be specified at the same time.'
    }
    $policy = [Guid]::Empty
    if ($Bound.ContainsKey('QoSPolicyID') -and -not [Guid]::TryParseExact([string]$Bound['QoSPolicyID'], 'D', [ref]$policy)) {
        Stop-HvInvalidParameter 'The QoSPolicyID parameter must be specified as a valid GUID string (XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX).'
    }
    if ($Bound.ContainsKey('QoSPolicy')) {
        Stop-HvInvalidParameter 'The specified Quality of Service policy object is not valid instance of the MSFT_StorageQoSPolicy class.'
    }
}

# Copies the settings given in $Bound onto the drive record.
function Set-HvHardDiskSettings($Drive, [hashtable]$Bound) {
    if ($Bound.ContainsKey('DiskNumber')) { $Drive.DiskNumber = [long]$Bound['DiskNumber']; $Drive.Path = $null }
    if ($Bound.ContainsKey('ResourcePoolName')) { $Drive.ResourcePoolName = [string]$Bound['ResourcePoolName'] }
    if ($null -ne $Bound['MaximumIOPS']) { $Drive.MaximumIOPS = [long]$Bound['MaximumIOPS'] }
    if ($null -ne $Bound['MinimumIOPS']) { $Drive.MinimumIOPS = [long]$Bound['MinimumIOPS'] }
    if ($Bound.ContainsKey('QoSPolicyID')) { $Drive.QoSPolicyID = ([Guid][string]$Bound['QoSPolicyID']).ToString() }
    if ($Bound.ContainsKey('SupportPersistentReservations')) { $Drive.SupportPersistentReservations = [bool]$Bound['SupportPersistentReservations'] }
    if ($null -ne $Bound['OverrideCacheAttributes']) { $Drive.WriteHardeningMethod = [string]$Bound['OverrideCacheAttributes'] }
}

# The drive-object properties of those settings.
function Set-HvHardDiskOutput($Object, $Drive) {
    if ($null -ne $Drive.DiskNumber) { $Object.DiskNumber = [int]$Drive.DiskNumber; $Object.Path = 'Disk ' + $Drive.DiskNumber }
    if ($null -ne $Drive.MaximumIOPS) { $Object.MaximumIOPS = [uint64]$Drive.MaximumIOPS } else { $Object.MaximumIOPS = [uint64]0 }
    if ($null -ne $Drive.MinimumIOPS) { $Object.MinimumIOPS = [uint64]$Drive.MinimumIOPS } else { $Object.MinimumIOPS = [uint64]0 }
    if ($Drive.QoSPolicyID) { $Object.QoSPolicyID = [Guid]$Drive.QoSPolicyID } else { $Object.QoSPolicyID = [Guid]::Empty }
    $Object.SupportPersistentReservations = [bool]$Drive.SupportPersistentReservations
    if ($Drive.WriteHardeningMethod) { $Object.WriteHardeningMethod = [string]$Drive.WriteHardeningMethod }
    else { $Object.WriteHardeningMethod = [Microsoft.HyperV.PowerShell.CacheAttributes]::Default }
    if ($Drive.ResourcePoolName) { $Object.PoolName = [string]$Drive.ResourcePoolName }
}

# Moves a drive to the slot the -To* arguments name, as the real module's FindControllerVacancyForMove
# picks it: a new controller type searches that type, a new number that controller, a new location
# that location. Moving into or out of an IDE controller needs the VM off.
function Move-HvHardDisk($Tx, $VM, $Drive, $ToControllerType, $ToControllerNumber, $ToControllerLocation) {
    $type = [string]$Drive.ControllerType
    $number = [int]$Drive.ControllerNumber
    $location = [int]$Drive.ControllerLocation
    $slot = $null
    if ($null -ne $ToControllerType -and [string]$ToControllerType -ne $type) {
        if ([string]$ToControllerType -eq 'IDE') { Assert-HvGeneration2NoIde $VM }
        $slot = Find-HvControllerVacancy -VM $VM -ControllerType ([string]$ToControllerType) -ControllerNumber $ToControllerNumber -ControllerLocation $ToControllerLocation
    } elseif ($null -ne $ToControllerNumber -and [int]$ToControllerNumber -ne $number) {
        $slot = Find-HvControllerVacancy -VM $VM -ControllerType $type -ControllerNumber $ToControllerNumber -ControllerLocation $ToControllerLocation
    } elseif ($null -ne $ToControllerLocation -and [int]$ToControllerLocation -ne $location) {
        $slot = Find-HvControllerVacancy -VM $VM -ControllerType $type -ControllerNumber $number -ControllerLocation $ToControllerLocation
    }
    if ($null -eq $slot) { return }
    Assert-HvDriveHotPlug $VM $type 'remove' 'Virtual Hard Disk'
    Assert-HvDriveHotPlug $VM $slot.ControllerType 'add' 'Virtual Hard Disk'
    $Drive.ControllerType = $slot.ControllerType
    $Drive.ControllerNumber = $slot.ControllerNumber
    $Drive.ControllerLocation = $slot.ControllerLocation
}
