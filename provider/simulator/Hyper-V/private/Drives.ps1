# Drive rules shared by the hard disk and DVD drive cmdlets.

# The VMMS device name of each drive kind, as its errors name it.
$script:HvDriveDevices = @{ HardDisk = 'Virtual Hard Disk'; DvdDrive = 'Virtual CD/DVD Drive' }

# A VM's drives of one kind in controller order, filtered by the controller arguments given ($null: any).
function Select-HvDrives($VM, [string]$Kind, $ControllerType, $ControllerNumber, $ControllerLocation) {
    $selected = [System.Collections.ArrayList]::new()
    foreach ($drive in (Get-HvSortedDrives $VM $Kind)) {
        if ($null -ne $ControllerType -and $drive.ControllerType -ne [string]$ControllerType) { continue }
        if ($null -ne $ControllerNumber -and [int]$drive.ControllerNumber -ne [int]$ControllerNumber) { continue }
        if ($null -ne $ControllerLocation -and [int]$drive.ControllerLocation -ne [int]$ControllerLocation) { continue }
        [void]$selected.Add($drive)
    }
    return , $selected
}

# Attaches a new drive at the first free slot the arguments allow. The module picks the slot before
# the host checks the file ($Path: a VHD, or an ISO for a DVD drive) and the hot-plug rule.
function Add-HvDrive($Tx, $VM, [string]$Kind, $ControllerType, $ControllerNumber, $ControllerLocation, [string]$Path) {
    $slot = Find-HvControllerVacancy -VM $VM -ControllerType $ControllerType -ControllerNumber $ControllerNumber -ControllerLocation $ControllerLocation
    $windowsPath = $null
    if ($Path -and $Kind -eq 'HardDisk') { $windowsPath = Resolve-HvAttachableDisk $Tx $VM $Path }
    elseif ($Path) { $windowsPath = Resolve-HvIsoPath $Tx $Path }
    Assert-HvDriveHotPlug $VM $slot.ControllerType 'add' $script:HvDriveDevices[$Kind]
    $drive = New-HvDriveRecord $Kind $slot.ControllerType $slot.ControllerNumber $slot.ControllerLocation $windowsPath
    [void]$VM.Drives.Add($drive)
    return $drive
}

# Detaches (VM, drive) pairs: each confirmed ($TargetKey names the drive field the confirmation
# shows), IDE only while the VM is off; with -Passthru the removed drive, marked deleted.
function Remove-HvDrives($Cmdlet, $Call, $Result, $Pairs, [string]$TargetKey, [bool]$Passthru) {
    foreach ($pair in $Pairs) {
        Invoke-HvTarget $Result {
            if (-not $Cmdlet.ShouldProcess($pair.Drive[$TargetKey], $Call.Name)) { continue }
            Assert-HvDriveHotPlug $pair.VM $pair.Drive.ControllerType 'remove' $script:HvDriveDevices[$pair.Drive.Kind]
            $output = ConvertTo-HvDrive $pair.VM $pair.Drive
            $pair.VM.Drives.Remove($pair.Drive)
            if ($Passthru) { $output.IsDeleted = $true; Add-HvOutput $Result $output }
        }
    }
}

# Drive records for drive objects (HardDiskDrive / DvdDrive); a vanished drive is skipped silently.
function Find-HvDriveByObject($State, $Drives, $Result) {
    $pairs = [System.Collections.ArrayList]::new()
    foreach ($object in $Drives) {
        if ($null -eq $object) { continue }
        $vm = Get-HvVMById $State $object.VMId
        if ($null -eq $vm) {
            Add-HvError $Result (New-HvErrorRecord -ErrorId 'ObjectNotFound' -Category ObjectNotFound -Message (
                    'Hyper-V was unable to find a virtual machine with id "{0}".' -f $object.VMId))
            continue
        }
        $drive = Get-HvDriveAt $vm ([string]$object.ControllerType) $object.ControllerNumber $object.ControllerLocation
        if ($drive) { [void]$pairs.Add(@{ VM = $vm; Drive = $drive }) }
    }
    return , $pairs
}

# IDE devices cannot be attached or detached while the VM runs; SCSI can.
function Assert-HvDriveHotPlug($VM, [string]$ControllerType, [string]$Verb, [string]$Device) {
    if ($ControllerType -eq 'IDE' -and (Test-HvVMHardwareLocked $VM)) {
        Stop-HvInvalidState (Join-HvMessage ("Failed to {0} device '{1}'." -f $Verb, $Device) (
                "'{0}' cannot {1} a device on an IDE controller while the virtual machine is {2}. (Virtual machine ID {3})" -f $VM.Name, $Verb, (Get-HvStateWords $VM), $VM.Id.ToUpperInvariant()))
    }
}

# Validates a VHD path for attaching to a VM: it exists, suits the generation, is not attached elsewhere.
function Resolve-HvAttachableDisk($Tx, $VM, [string]$Path, $ExceptDrive = $null) {
    $windowsPath = ConvertTo-HvWindowsPath $Path
    $extension = Get-HvPathExtension $windowsPath
    if ($VM.Generation -eq 2 -and ($extension -eq '.vhd' -or $extension -eq '.avhd')) {
        Stop-HvInvalidParameter 'Generation 2 virtual machines do not support .vhd or .avhd format.' $Path
    }
    if ($null -eq (Get-HvVhdRecord $Tx $windowsPath)) {
        Stop-HvObjectNotFound (Join-HvMessage "Failed to add device 'Virtual Hard Disk'." (Get-HvNotAVhdMessage $windowsPath)) $Path
    }
    $user = Find-HvDriveUsingPath $Tx.State $windowsPath $ExceptDrive
    if ($user) {
        Stop-HvObjectInUse (Join-HvMessage "Failed to add device 'Virtual Hard Disk'." (
                "The virtual hard disk '{0}' is already in use by virtual machine '{1}'." -f $windowsPath, $user.VM.Name)) $Path
    }
    return $windowsPath
}

# Validates an ISO path for a DVD drive.
function Resolve-HvIsoPath($Tx, [string]$Path) {
    $windowsPath = ConvertTo-HvWindowsPath $Path
    if (-not [IO.File]::Exists((Get-HvLocalPath $windowsPath $Tx.Dir))) {
        Stop-HvObjectNotFound (Join-HvMessage "Failed to add device 'Virtual CD/DVD Disk'." (
                "The system cannot find the file '{0}'." -f $windowsPath)) $Path
    }
    return $windowsPath
}
