# Get/Add/Set/Remove-VMDvdDrive. DVD drives sit on IDE (Generation 1) or SCSI (Generation 2).

function Get-HvDvdControllerType($VM) {
    if ($VM.Generation -eq 2) { return 'SCSI' }
    return 'IDE'
}

# (VM, DVD drive) pairs of the VMName / VMDvdDrive sets, filtered by controller number/location.
function Resolve-HvDvdTarget($Tx, [hashtable]$Bound, $Result, $ControllerNumber, $ControllerLocation) {
    if ($Bound.ContainsKey('VMDvdDrive')) { return , (Find-HvDriveByObject $Tx.State $Bound['VMDvdDrive'] $Result) }
    $pairs = [System.Collections.ArrayList]::new()
    foreach ($vm in (Resolve-HvVMTarget $Tx.State $Bound $Result)) {
        foreach ($drive in (Select-HvDrives $vm 'DvdDrive' $null $ControllerNumber $ControllerLocation)) { [void]$pairs.Add(@{ VM = $vm; Drive = $drive }) }
    }
    return , $pairs
}

function Get-VMDvdDrive {
    [CmdletBinding(DefaultParameterSetName = 'VMName')]
    [OutputType('Microsoft.HyperV.PowerShell.DvdDrive')]
    param(
        [Parameter(ParameterSetName = 'VMName', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [string[]]$VMName,

        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VirtualMachine[]]$VM,

        [Nullable[int]]$ControllerNumber,
        [Nullable[int]]$ControllerLocation
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters {
            param($tx, $result, $bound)
            foreach ($pair in (Resolve-HvDvdTarget $tx $bound $result $ControllerNumber $ControllerLocation)) {
                Add-HvOutput $result (ConvertTo-HvDrive $pair.VM $pair.Drive)
            }
        }
    }
}

function Add-VMDvdDrive {
    [CmdletBinding(DefaultParameterSetName = 'VMName', SupportsShouldProcess = $true)]
    [OutputType('Microsoft.HyperV.PowerShell.DvdDrive')]
    param(
        [Parameter(ParameterSetName = 'VMName', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [string[]]$VMName,

        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VirtualMachine[]]$VM,

        [Parameter(Position = 2)]
        [Nullable[int]]$ControllerNumber,

        [Parameter(Position = 3)]
        [Nullable[int]]$ControllerLocation,

        [Parameter(Position = 4)]
        [string]$Path,

        [string]$ResourcePoolName,
        [switch]$AllowUnverifiedPaths,
        [switch]$Passthru
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvPerVMCmdlet $PSCmdlet $call $PSBoundParameters -HvNameParameter 'VMName' -HvOutput $null -HvChange {
            param($tx, $result, $vm)
            $drive = Add-HvDrive $tx $vm 'DvdDrive' (Get-HvDvdControllerType $vm) $ControllerNumber $ControllerLocation $Path
            if ($Passthru) { Add-HvOutput $result (ConvertTo-HvDrive $vm $drive) }
        }
    }
}

function Set-VMDvdDrive {
    [CmdletBinding(DefaultParameterSetName = 'VMName', SupportsShouldProcess = $true)]
    [OutputType('Microsoft.HyperV.PowerShell.DvdDrive')]
    param(
        [Parameter(ParameterSetName = 'VMName', Mandatory = $true, Position = 0)]
        [ValidateNotNullOrEmpty()]
        [string]$VMName,

        [Parameter(ParameterSetName = 'VMName', Position = 1)]
        [Nullable[int]]$ControllerNumber,

        [Parameter(ParameterSetName = 'VMName', Position = 2)]
        [Nullable[int]]$ControllerLocation,

        [Parameter(ParameterSetName = 'Object', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.DvdDrive[]]$VMDvdDrive,

        [Nullable[int]]$ToControllerNumber,
        [Nullable[int]]$ToControllerLocation,

        [Parameter(Position = 3)]
        [AllowNull()]
        [AllowEmptyString()]
        [string]$Path,

        [string]$ResourcePoolName,
        [switch]$AllowUnverifiedPaths,
        [switch]$Passthru
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters -HvWrite {
            param($tx, $result, $bound)
            foreach ($pair in (Resolve-HvDvdTarget $tx $bound $result $ControllerNumber $ControllerLocation)) {
                Invoke-HvTarget $result {
                    $vm = $pair.VM
                    $drive = $pair.Drive
                    if (-not $PSCmdlet.ShouldProcess($drive.Id, 'Set-VMDvdDrive')) { continue }
                    if ($null -ne $ToControllerNumber -or $null -ne $ToControllerLocation) {
                        $number = [int]$drive.ControllerNumber
                        $location = [int]$drive.ControllerLocation
                        if ($null -ne $ToControllerNumber) { $number = $ToControllerNumber }
                        if ($null -ne $ToControllerLocation) { $location = $ToControllerLocation }
                        if ($number -ne [int]$drive.ControllerNumber -or $location -ne [int]$drive.ControllerLocation) {
                            Assert-HvDriveHotPlug $vm $drive.ControllerType 'modify' 'Virtual CD/DVD Drive'
                            $slot = Find-HvControllerVacancy -VM $vm -ControllerType $drive.ControllerType -ControllerNumber $number -ControllerLocation $location
                            $drive.ControllerNumber = $slot.ControllerNumber
                            $drive.ControllerLocation = $slot.ControllerLocation
                        }
                    }
                    if ($bound.ContainsKey('Path')) {
                        if ([string]::IsNullOrEmpty($Path)) { $drive.Path = $null } else { $drive.Path = Resolve-HvIsoPath $tx $Path }
                    }
                    if ($Passthru) { Add-HvOutput $result (ConvertTo-HvDrive $vm $drive) }
                }
            }
        }
    }
}

function Remove-VMDvdDrive {
    [CmdletBinding(DefaultParameterSetName = 'VMName', SupportsShouldProcess = $true)]
    [OutputType('Microsoft.HyperV.PowerShell.DvdDrive')]
    param(
        [Parameter(ParameterSetName = 'VMName', Mandatory = $true, Position = 0)]
        [ValidateNotNullOrEmpty()]
        [string]$VMName,

        [Parameter(ParameterSetName = 'VMName', Mandatory = $true, Position = 1)]
        [int]$ControllerNumber,

        [Parameter(ParameterSetName = 'VMName', Mandatory = $true, Position = 2)]
        [int]$ControllerLocation,

        [Parameter(ParameterSetName = 'Object', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.DvdDrive[]]$VMDvdDrive,

        [switch]$Passthru
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters -HvWrite {
            param($tx, $result, $bound)
            $number = $null
            $location = $null
            if ($PSCmdlet.ParameterSetName -eq 'VMName') { $number = $ControllerNumber; $location = $ControllerLocation }
            Remove-HvDrives $PSCmdlet $call $result (Resolve-HvDvdTarget $tx $bound $result $number $location) 'Id' $Passthru
        }
    }
}
