# Host-side state of virtual hard disks: mounted on the host (Mount-VHD) with a disk number, and
# the parent chain Test-VHD checks. The simulated host's own system disk is disk 0.

# The VHD record for a path, stored in the state so that changes persist (a hand-copied file gets one).
function Get-HvStoredVhdRecord($Tx, [string]$Path) {
    $windowsPath = ConvertTo-HvWindowsPath $Path
    $record = Get-HvVhdRecord $Tx $windowsPath
    if ($null -eq $record) { Stop-HvInvalidParameter (Get-HvNotAVhdMessage $Path) $Path }
    $Tx.State.vhds[(Get-HvPathKey $windowsPath)] = $record
    return $record
}

function Get-HvNextDiskNumber($State) {
    $used = @{}
    foreach ($record in $State.vhds.Values) { if ($null -ne $record.DiskNumber) { $used[[long]$record.DiskNumber] = $true } }
    $number = [long]1
    while ($used.ContainsKey($number)) { $number++ }
    return $number
}

# True when a running (or paused) VM has the disk attached: the host cannot open it then.
function Test-HvVhdInUseByVM($State, [string]$WindowsPath) {
    $user = Find-HvDriveUsingPath $State $WindowsPath
    return ($null -ne $user -and (Test-HvVMActive $user.VM))
}

# Problems that make Test-VHD report False: a missing file in the chain or a differencing disk whose
# parent is gone. Returns the message of the first problem, or $null.
function Get-HvVhdChainProblem($Tx, $Record) {
    $seen = @{}
    $current = $Record
    while ($current.VhdType -eq 'Differencing') {
        $key = Get-HvPathKey $current.Path
        if ($seen.ContainsKey($key)) { return "The chain of virtual hard disks is corrupted: '{0}' is its own ancestor." -f $current.Path }
        $seen[$key] = $true
        $parent = Get-HvVhdRecord $Tx ([string]$current.ParentPath)
        if ($null -eq $parent) {
            return "The chain of virtual hard disks is broken. The system cannot locate the parent virtual hard disk for the differencing disk '{0}'." -f $current.Path
        }
        $current = $parent
    }
    return $null
}
