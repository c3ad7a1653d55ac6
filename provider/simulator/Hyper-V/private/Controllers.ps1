# Drive controller objects: a VM's IDE (Generation 1: 0 and 1) and SCSI controllers with their drives.

function ConvertTo-HvController($VM, [string]$ControllerType, [int]$Number) {
    if ($ControllerType -eq 'IDE') {
        $controller = [Microsoft.HyperV.PowerShell.VMIdeController]::new()
        $controller.Name = 'IDE Controller ' + $Number
        $controller.Id = 'Microsoft:' + $VM.Id.ToUpperInvariant() + '\83F8638B-8DCA-4152-9EDA-2CA8B33039B4\' + $Number
    } else {
        $controller = [Microsoft.HyperV.PowerShell.VMScsiController]::new()
        $controller.Name = 'SCSI Controller'
        $controller.Id = 'Microsoft:' + $VM.Id.ToUpperInvariant() + '\SCSI\' + $Number
    }
    $controller.ComputerName = $script:HvHostInfo.ComputerName
    $controller.VMId = [Guid]$VM.Id
    $controller.VMName = $VM.Name
    $controller.ControllerNumber = $Number
    $controller.Drives = [Microsoft.HyperV.PowerShell.Drive[]]@(foreach ($d in (Get-HvSortedDrives $VM 'HardDisk') + (Get-HvSortedDrives $VM 'DvdDrive')) {
            if ($d.ControllerType -eq $ControllerType -and [int]$d.ControllerNumber -eq $Number) { ConvertTo-HvDrive $VM $d }
        })
    return $controller
}

function ConvertTo-HvScsiController($VM, [int]$Number) { return ConvertTo-HvController $VM 'SCSI' $Number }

# Removes a SCSI controller with the drives on it; the controllers after it move down one number,
# as their numbers are their positions among the VM's SCSI controllers.
function Remove-HvScsiController($VM, [int]$Number) {
    if (-not (Test-HvVMOff $VM)) {
        Stop-HvInvalidState (Join-HvMessage "Failed to remove device 'SCSI Controller'." (
                "'{0}' cannot remove a SCSI controller while the virtual machine is running. (Virtual machine ID {1})" -f $VM.Name, $VM.Id.ToUpperInvariant()))
    }
    foreach ($drive in @($VM.Drives)) {
        if ($drive.ControllerType -ne 'SCSI') { continue }
        if ([int]$drive.ControllerNumber -eq $Number) { $VM.Drives.Remove($drive) }
        elseif ([int]$drive.ControllerNumber -gt $Number) { $drive.ControllerNumber = [int]$drive.ControllerNumber - 1 }
    }
    $VM.ScsiControllers = [int]$VM.ScsiControllers - 1
}
