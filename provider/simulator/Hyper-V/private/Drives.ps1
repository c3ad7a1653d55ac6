# Drive rules shared by the hard disk and DVD drive cmdlets.

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
    if ($ControllerType -eq 'IDE' -and (Test-HvVMActive $VM)) {
        Stop-HvInvalidState (Join-HvMessage ("Failed to {0} device '{1}'." -f $Verb, $Device) (
                "'{0}' cannot {1} a device on an IDE controller while the virtual machine is running. (Virtual machine ID {2})" -f $VM.Name, $Verb, $VM.Id.ToUpperInvariant()))
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
