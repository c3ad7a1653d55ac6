# Get/Add/Remove-VMHardDiskDrive, Get/Add-VMScsiController.

function Get-VMHardDiskDrive {
    [CmdletBinding(DefaultParameterSetName = 'VMName')]
    [OutputType('Microsoft.HyperV.PowerShell.HardDiskDrive')]
    param(
        [Parameter(ParameterSetName = 'VMName', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [string[]]$VMName,

        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VirtualMachine[]]$VM,

        [Nullable[Microsoft.HyperV.PowerShell.ControllerType]]$ControllerType,
        [Nullable[int]]$ControllerNumber,
        [Nullable[int]]$ControllerLocation
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters {
            param($tx, $result, $bound)
            foreach ($vm in (Resolve-HvVMTarget $tx.State $bound $result)) {
                Invoke-HvTarget $result {
                    if ($null -ne $ControllerType -and [string]$ControllerType -eq 'IDE') { Assert-HvGeneration2NoIde $vm }
                    foreach ($drive in (Select-HvDrives $vm 'HardDisk' $ControllerType $ControllerNumber $ControllerLocation)) {
                        Add-HvOutput $result (ConvertTo-HvDrive $vm $drive)
                    }
                }
            }
        }
    }
}

function Add-VMHardDiskDrive {
    [CmdletBinding(DefaultParameterSetName = 'VMName', SupportsShouldProcess = $true)]
    [OutputType('Microsoft.HyperV.PowerShell.HardDiskDrive')]
    param(
        [Parameter(ParameterSetName = 'VMName', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [string[]]$VMName,

        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VirtualMachine[]]$VM,

        [Parameter(Position = 1)]
        [Nullable[Microsoft.HyperV.PowerShell.ControllerType]]$ControllerType,

        [Parameter(Position = 2)]
        [Nullable[int]]$ControllerNumber,

        [Parameter(Position = 3)]
        [Nullable[int]]$ControllerLocation,

        [Parameter(Position = 4)]
        [Alias('FullName')]
        [string]$Path,

        [Nullable[uint32]]$DiskNumber,
        [string]$ResourcePoolName,
        [switch]$SupportPersistentReservations,
        [switch]$AllowUnverifiedPaths,
        [Nullable[uint64]]$MaximumIOPS,
        [Nullable[uint64]]$MinimumIOPS,
        [string]$QoSPolicyID,
        [object]$QoSPolicy,
        [Nullable[Microsoft.HyperV.PowerShell.CacheAttributes]]$OverrideCacheAttributes,
        [switch]$Passthru
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvPerVMCmdlet $PSCmdlet $call $PSBoundParameters -HvNameParameter 'VMName' -HvOutput $null -HvCheck {
            Assert-HvHardDiskArguments $bound
            if ([string]::IsNullOrEmpty($Path) -and $null -eq $DiskNumber) {
                Stop-HvInvalidParameter 'Specify the path of a virtual hard disk file or the number of a physical disk.'
            }
            if ($SupportPersistentReservations -and $null -ne $ControllerType -and [string]$ControllerType -eq 'IDE') {
                Stop-HvInvalidParameter 'Persistent reservations are supported on SCSI controllers only.'
            }
        } -HvChange {
            param($tx, $result, $vm)
            $type = $null
            if ($null -ne $ControllerType) { $type = [string]$ControllerType }
            if ($SupportPersistentReservations) { $type = 'SCSI' }
            if ($type -eq 'IDE') { Assert-HvGeneration2NoIde $vm }
            $drive = Add-HvDrive $tx $vm 'HardDisk' $type $ControllerNumber $ControllerLocation $Path
            Set-HvHardDiskSettings $drive $bound
            if ($Passthru) { Add-HvOutput $result (ConvertTo-HvDrive $vm $drive) }
        }
    }
}

function Remove-VMHardDiskDrive {
    [CmdletBinding(DefaultParameterSetName = 'VMName', SupportsShouldProcess = $true)]
    [OutputType('Microsoft.HyperV.PowerShell.HardDiskDrive')]
    param(
        [Parameter(ParameterSetName = 'VMName', Mandatory = $true, Position = 0)]
        [ValidateNotNullOrEmpty()]
        [string]$VMName,

        [Parameter(ParameterSetName = 'VMName', Mandatory = $true, Position = 1)]
        [Microsoft.HyperV.PowerShell.ControllerType]$ControllerType,

        [Parameter(ParameterSetName = 'VMName', Mandatory = $true, Position = 2)]
        [int]$ControllerNumber,

        [Parameter(ParameterSetName = 'VMName', Mandatory = $true, Position = 3)]
        [int]$ControllerLocation,

        [Parameter(ParameterSetName = 'Object', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.HardDiskDrive[]]$VMHardDiskDrive,

        [switch]$Passthru
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters -HvWrite {
            param($tx, $result, $bound)
            if ($PSCmdlet.ParameterSetName -eq 'Object') {
                $pairs = Find-HvDriveByObject $tx.State $VMHardDiskDrive $result
            } else {
                $pairs = [System.Collections.ArrayList]::new()
                foreach ($vm in (Find-HvVMByName -State $tx.State -Names @($VMName) -Result $result)) {
                    Invoke-HvTarget $result {
                        if ([string]$ControllerType -eq 'IDE') { Assert-HvGeneration2NoIde $vm }
                        $drive = Get-HvDriveAt $vm ([string]$ControllerType) $ControllerNumber $ControllerLocation
                        # An empty slot is not an error for the real module either.
                        if ($drive -and $drive.Kind -eq 'HardDisk') { [void]$pairs.Add(@{ VM = $vm; Drive = $drive }) }
                    }
                }
            }
            Remove-HvDrives $PSCmdlet $call $result $pairs 'Path' $Passthru
        }
    }
}


function Get-VMScsiController {
    [CmdletBinding(DefaultParameterSetName = 'VMName')]
    param(
        [Parameter(ParameterSetName = 'VMName', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [string[]]$VMName,

        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VirtualMachine[]]$VM,

        [Parameter(Position = 1)]
        [Nullable[int]]$ControllerNumber
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters {
            param($tx, $result, $bound)
            foreach ($vm in (Resolve-HvVMTarget $tx.State $bound $result)) {
                foreach ($number in (Get-HvControllerNumbers $vm 'SCSI')) {
                    if ($null -ne $ControllerNumber -and $number -ne $ControllerNumber) { continue }
                    Add-HvOutput $result (ConvertTo-HvScsiController $vm $number)
                }
            }
        }
    }
}

function Add-VMScsiController {
    [CmdletBinding(DefaultParameterSetName = 'VMName', SupportsShouldProcess = $true)]
    param(
        [Parameter(ParameterSetName = 'VMName', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [string[]]$VMName,

        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VirtualMachine[]]$VM,

        [switch]$Passthru
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvPerVMCmdlet $PSCmdlet $call $PSBoundParameters -HvNameParameter 'VMName' -HvOutput {
            param($tx, $vm) ConvertTo-HvScsiController $vm ([int]$vm.ScsiControllers - 1)
        } -HvChange {
            param($tx, $result, $vm)
            if (-not (Test-HvVMOff $vm)) {
                Stop-HvInvalidState (Join-HvMessage "Failed to add device 'SCSI Controller'." (
                        "'{0}' cannot add a SCSI controller while the virtual machine is running. (Virtual machine ID {1})" -f $vm.Name, $vm.Id.ToUpperInvariant()))
            }
            if ([int]$vm.ScsiControllers -ge 4) {
                Stop-HvOperation -ErrorId 'OperationFailed' -Category NotSpecified -Message (Join-HvMessage "Failed to add device 'SCSI Controller'." (
                        "'{0}' already has the maximum of 4 SCSI controllers. (Virtual machine ID {1})" -f $vm.Name, $vm.Id.ToUpperInvariant()))
            }
            $vm.ScsiControllers = [int]$vm.ScsiControllers + 1
        }
    }
}

function Set-VMHardDiskDrive {
    [CmdletBinding(DefaultParameterSetName = 'VMName', SupportsShouldProcess = $true)]
    [OutputType('Microsoft.HyperV.PowerShell.HardDiskDrive')]
    param(
        [Parameter(ParameterSetName = 'Object', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.HardDiskDrive[]]$VMHardDiskDrive,

        [Parameter(ParameterSetName = 'VMName', Mandatory = $true, Position = 0)]
        [ValidateNotNullOrEmpty()]
        [string]$VMName,

        [Parameter(ParameterSetName = 'VMName', Position = 1)]
        [Microsoft.HyperV.PowerShell.ControllerType]$ControllerType,

        [Parameter(ParameterSetName = 'VMName', Position = 2)]
        [Nullable[int]]$ControllerNumber,

        [Parameter(ParameterSetName = 'VMName', Position = 3)]
        [Nullable[int]]$ControllerLocation,

        [Parameter(Position = 4)]
        [Alias('FullName')]
        [string]$Path,

        [Nullable[Microsoft.HyperV.PowerShell.ControllerType]]$ToControllerType,
        [Nullable[int]]$ToControllerNumber,
        [Nullable[int]]$ToControllerLocation,

        [Alias('Number')]
        [uint32]$DiskNumber,

        [string]$ResourcePoolName,

        [Alias('ShareVirtualDisk')]
        [Nullable[bool]]$SupportPersistentReservations,

        [switch]$AllowUnverifiedPaths,
        [Nullable[uint64]]$MaximumIOPS,
        [Nullable[uint64]]$MinimumIOPS,
        [string]$QoSPolicyID,
        [object]$QoSPolicy,
        [Nullable[Microsoft.HyperV.PowerShell.CacheAttributes]]$OverrideCacheAttributes,
        [switch]$Passthru
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters -HvWrite {
            param($tx, $result, $bound)
            Assert-HvHardDiskArguments $bound
            if ($bound.ContainsKey('Path') -and [string]::IsNullOrEmpty($Path)) {
                Stop-HvInvalidParameter 'The Path parameter cannot be null. Specify a valid path and try again.'
            }
            $targetType = $null
            if ($null -ne $ToControllerType) { $targetType = [string]$ToControllerType }
            elseif ($bound.ContainsKey('ControllerType')) { $targetType = [string]$ControllerType }
            if ($SupportPersistentReservations -and $null -ne $targetType -and $targetType -ne 'SCSI') {
                Stop-HvInvalidParameter 'This operation is incompatible with a virtual disk that supports SCSI-3 Persistent Reservations.'
            }
            if ($PSCmdlet.ParameterSetName -eq 'Object') {
                $pairs = Find-HvDriveByObject $tx.State $VMHardDiskDrive $result
            } else {
                $pairs = [System.Collections.ArrayList]::new()
                $type = $null
                if ($bound.ContainsKey('ControllerType')) { $type = [string]$ControllerType }
                foreach ($vm in (Find-HvVMByName -State $tx.State -Names @($VMName) -Result $result)) {
                    foreach ($drive in (Select-HvDrives $vm 'HardDisk' $type $ControllerNumber $ControllerLocation)) { [void]$pairs.Add(@{ VM = $vm; Drive = $drive }) }
                }
            }
            foreach ($pair in $pairs) {
                Invoke-HvTarget $result {
                    $vm = $pair.VM
                    $drive = $pair.Drive
                    if ($drive.Kind -ne 'HardDisk') { continue }
                    if (-not $PSCmdlet.ShouldProcess(('{0} ({1})' -f $drive.ControllerType, $vm.Name), 'Set-VMHardDiskDrive')) { continue }
                    Move-HvHardDisk $tx $vm $drive $ToControllerType $ToControllerNumber $ToControllerLocation
                    if ($bound.ContainsKey('Path')) {
                        Assert-HvDriveHotPlug $vm $drive.ControllerType 'modify' 'Virtual Hard Disk'
                        $drive.Path = Resolve-HvAttachableDisk $tx $vm $Path $drive
                        $drive.DiskNumber = $null
                    }
                    Set-HvHardDiskSettings $drive $bound
                    if ($Passthru) { Add-HvOutput $result (ConvertTo-HvDrive $vm $drive) }
                }
            }
        }
    }
}
