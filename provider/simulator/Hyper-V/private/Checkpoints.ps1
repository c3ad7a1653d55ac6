# Checkpoints: each one keeps a copy of the VM's configuration and the state it was taken in
# (Saved when the guest's memory was captured, Off otherwise). Restoring copies the configuration
# back. The tree is kept through each checkpoint's parent id and the VM's current parent.

# VM record fields that belong to the VM itself, not to a checkpoint's configuration.
$script:HvCheckpointExcluded = @('Id', 'Name', 'Snapshots', 'ParentSnapshotId', 'Guest', 'CreationTime', 'State', 'StartedAt',
    'Path', 'ConfigurationLocation', 'SnapshotFileLocation', 'SmartPagingFilePath', 'Planned')

$script:HvSnapshotNotFoundMessage = 'Unable to find a snapshot matching the given criteria.'

# A VM can hold at most 50 checkpoints (Hyper-V scalability limits).
$script:HvCheckpointLimit = 50

function Copy-HvRecord($Record) { return [HyperVSimulator.Json]::Parse([HyperVSimulator.Json]::Write($Record)) }

function Get-HvSnapshots($VM) {
    if ($null -eq $VM.Snapshots) { return , @() }
    return , @($VM.Snapshots)
}

function New-HvCheckpointConfig($VM) {
    $config = New-HvTable
    foreach ($key in @($VM.Keys)) {
        if ($script:HvCheckpointExcluded -notcontains $key) { $config[$key] = $VM[$key] }
    }
    return Copy-HvRecord $config
}

# Takes a checkpoint of the VM as Checkpoint-VM does for its CheckpointType; returns the record.
function New-HvCheckpoint($VM, [string]$Name) {
    $failed = "Checkpoint operation for '{0}' failed. (Virtual machine ID {1})" -f $VM.Name, $VM.Id.ToUpperInvariant()
    if ($VM.CheckpointType -eq 'Disabled') {
        Stop-HvInvalidState (Join-HvMessage $failed ("Checkpoints are disabled for '{0}'." -f $VM.Name))
    }
    if ((Get-HvSnapshots $VM).Count -ge $script:HvCheckpointLimit) {
        Stop-HvOperation -ErrorId 'OperationFailed' -Category NotSpecified -Message (Join-HvMessage $failed (
                "'{0}' already has the maximum of {1} checkpoints." -f $VM.Name, $script:HvCheckpointLimit))
    }
    $active = Test-HvVMActive $VM
    $state = 'Off'
    if ($VM.State -eq 'Saved') { $state = 'Saved' }
    if ($active) {
        # A production checkpoint asks the guest's backup (VSS) service for a consistent disk state
        # and keeps no memory; without an answering guest, Production falls back to a standard
        # checkpoint (memory saved), ProductionOnly fails.
        $production = ($VM.CheckpointType -eq 'Production' -or $VM.CheckpointType -eq 'ProductionOnly') -and $VM.State -eq 'Running' -and
        (Test-HvServiceResponding $VM 'VSS')
        if ($VM.CheckpointType -eq 'ProductionOnly' -and -not $production) {
            Stop-HvOperationFailed (Join-HvMessage $failed ("Production checkpoints cannot be created for '{0}': the guest's backup (Volume Shadow Copy) integration service does not answer." -f $VM.Name))
        }
        if (-not $production) { $state = 'Saved' }
    }
    $now = [DateTime]::Now
    if ([string]::IsNullOrEmpty($Name)) {
        $Name = '{0} - ({1})' -f $VM.Name, $now.ToString('M/d/yyyy - h:mm:ss tt', [Globalization.CultureInfo]::InvariantCulture)
    }
    $snapshot = New-HvTable
    $snapshot.Id = [Guid]::NewGuid().ToString()
    $snapshot.Name = $Name
    $snapshot.ParentSnapshotId = $VM.ParentSnapshotId
    $snapshot.CreationTime = $now.ToUniversalTime().ToString('o')
    $snapshot.SnapshotType = 'Standard'
    $snapshot.IsAutomaticCheckpoint = $false
    $snapshot.State = $state
    $snapshot.Config = New-HvCheckpointConfig $VM
    if ($null -eq $VM.Snapshots) { $VM.Snapshots = [System.Collections.ArrayList]::new() }
    [void]$VM.Snapshots.Add($snapshot)
    $VM.ParentSnapshotId = $snapshot.Id
    return $snapshot
}

# Applies a checkpoint: the VM gets its configuration back and the checkpoint's state (Off or
# Saved). As Restore-VMSnapshot does, a running VM is saved first and started again afterwards
# when the checkpoint holds a saved state.
function Restore-HvCheckpoint($State, $VM, $Snapshot) {
    $wasRunning = $VM.State -eq 'Running'
    foreach ($key in @($VM.Keys)) {
        if ($script:HvCheckpointExcluded -notcontains $key) { $VM.Remove($key) }
    }
    $config = Copy-HvRecord $Snapshot.Config
    foreach ($key in @($config.Keys)) { $VM[$key] = $config[$key] }
    $VM.State = [string]$Snapshot.State
    $VM.StartedAt = $null
    $VM.ParentSnapshotId = $Snapshot.Id
    if ($wasRunning -and $VM.State -eq 'Saved') { Set-HvVMRunning $State $VM }
}

# Deletes checkpoints: children of a deleted checkpoint move to its parent (their disks merge in
# Hyper-V); with -IncludeAllChildSnapshots the whole subtree goes.
function Remove-HvCheckpoint($VM, $Snapshot, [bool]$IncludeChildren) {
    $children = @(foreach ($candidate in (Get-HvSnapshots $VM)) { if ($candidate.ParentSnapshotId -eq $Snapshot.Id) { $candidate } })
    if ($IncludeChildren) {
        foreach ($child in $children) { Remove-HvCheckpoint $VM $child $true }
    } else {
        foreach ($child in $children) { $child.ParentSnapshotId = $Snapshot.ParentSnapshotId }
    }
    if ($VM.ParentSnapshotId -eq $Snapshot.Id) { $VM.ParentSnapshotId = $Snapshot.ParentSnapshotId }
    $VM.Snapshots.Remove($Snapshot)
}

function Find-HvSnapshotById($State, $Id) {
    foreach ($vm in $State.vms.Values) {
        foreach ($snapshot in (Get-HvSnapshots $vm)) {
            if ([Guid]$snapshot.Id -eq [Guid]$Id) { Register-HvChangedVM $vm; return @{ VM = $vm; Snapshot = $snapshot } }
        }
    }
    return $null
}

# (VM, checkpoint) pairs for VMSnapshot objects; a checkpoint that no longer exists is an error.
function Find-HvSnapshotByObject($State, $Objects, $Result) {
    $pairs = [System.Collections.ArrayList]::new()
    foreach ($object in $Objects) {
        if ($null -eq $object) { continue }
        $pair = Find-HvSnapshotById $State $object.Id
        if ($null -eq $pair) { Add-HvError $Result (New-HvErrorRecord -ErrorId 'ObjectNotFound' -Category ObjectNotFound -Message $script:HvSnapshotNotFoundMessage) }
        else { [void]$pairs.Add($pair) }
    }
    return , $pairs
}

function Get-HvSnapshotName($VM, $Id) {
    if ([string]::IsNullOrEmpty([string]$Id)) { return $null }
    foreach ($snapshot in (Get-HvSnapshots $VM)) { if ($snapshot.Id -eq $Id) { return $snapshot.Name } }
    return $null
}

# A read-only VM record of the configuration a checkpoint holds (for the objects built from it).
function Get-HvSnapshotView($VM, $Snapshot) {
    $config = $Snapshot.Config
    $view = New-HvTable
    foreach ($key in @($config.Keys)) { $view[$key] = $config[$key] }
    $view.Id = $VM.Id
    $view.Name = $VM.Name
    $view.State = $Snapshot.State
    return $view
}

function ConvertTo-HvSnapshot($State, $VM, $Snapshot) {
    $config = $Snapshot.Config
    $view = Get-HvSnapshotView $VM $Snapshot
    $object = [Microsoft.HyperV.PowerShell.VMSnapshot]::new()
    $object.ComputerName = $script:HvHostInfo.ComputerName
    $object.Name = $Snapshot.Name
    $object.Id = [Guid]$Snapshot.Id
    $object.VMId = [Guid]$VM.Id
    $object.VMName = $VM.Name
    $object.SnapshotType = [string]$Snapshot.SnapshotType
    $object.IsAutomaticCheckpoint = [bool]$Snapshot.IsAutomaticCheckpoint
    $object.State = [string]$Snapshot.State
    if ($Snapshot.ParentSnapshotId) {
        $object.ParentSnapshotId = [Guid]$Snapshot.ParentSnapshotId
        $object.ParentCheckpointId = $object.ParentSnapshotId
        $object.ParentSnapshotName = Get-HvSnapshotName $VM $Snapshot.ParentSnapshotId
        $object.ParentCheckpointName = $object.ParentSnapshotName
    }
    $object.CreationTime = [DateTime]::Parse([string]$Snapshot.CreationTime, [Globalization.CultureInfo]::InvariantCulture, [Globalization.DateTimeStyles]::RoundtripKind).ToLocalTime()
    $object.Path = $VM.SnapshotFileLocation
    $object.Generation = [int]$config.Generation
    $object.Version = [string]$config.Version
    $object.ProcessorCount = [long]$config.ProcessorCount
    $object.MemoryStartup = [long]$config.Memory.StartupMB * $script:HvMB
    $object.MemoryMinimum = [long]$config.Memory.MinimumMB * $script:HvMB
    $object.MemoryMaximum = [long]$config.Memory.MaximumMB * $script:HvMB
    $object.DynamicMemoryEnabled = [bool]$config.Memory.Dynamic
    $object.Notes = [string]$config.Notes
    $object.CheckpointType = [string]$config.CheckpointType
    $object.HardDrives = [Microsoft.HyperV.PowerShell.HardDiskDrive[]]@(foreach ($d in (Get-HvSortedDrives $view 'HardDisk')) { ConvertTo-HvDrive $view $d })
    $object.DVDDrives = [Microsoft.HyperV.PowerShell.DvdDrive[]]@(foreach ($d in (Get-HvSortedDrives $view 'DvdDrive')) { ConvertTo-HvDrive $view $d })
    $adapters = [System.Collections.Generic.List[Microsoft.HyperV.PowerShell.VMNetworkAdapter]]::new()
    foreach ($nic in $config.NetworkAdapters) { $adapters.Add((ConvertTo-HvNetworkAdapter $State $view $nic)) }
    $object.NetworkAdapters = $adapters
    return $object
}
