BeforeAll { . (Join-Path $PSScriptRoot 'SimulatorTestHelpers.ps1') }

Describe 'Checkpoint-VM' {
    BeforeEach { $dir = New-SimStateDirectory; $vm = New-VM -Name 'vm' -MemoryStartupBytes 1GB }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'takes a named checkpoint of an off VM and becomes its parent' {
        $snapshot = Checkpoint-VM -Name 'vm' -SnapshotName 'base' -Passthru
        $snapshot | Should -BeOfType ([Microsoft.HyperV.PowerShell.VMSnapshot])
        $snapshot.Name | Should -Be 'base'
        $snapshot.VMName | Should -Be 'vm'
        $snapshot.VMId | Should -Be $vm.Id
        $snapshot.State | Should -Be 'Off'
        $snapshot.SnapshotType | Should -Be 'Standard'
        $snapshot.ParentSnapshotId | Should -BeNullOrEmpty
        $snapshot.MemoryStartup | Should -Be 1GB
        $current = Get-VM -Name 'vm'
        $current.ParentSnapshotId | Should -Be $snapshot.Id
        $current.ParentSnapshotName | Should -Be 'base'
    }

    It 'names a checkpoint after the VM and the time when no name is given, and writes nothing without -Passthru' {
        Get-VM -Name 'vm' | Checkpoint-VM | Should -BeNullOrEmpty
        (Get-VMSnapshot -VMName 'vm').Name | Should -Match '^vm - \(\d{1,2}/\d{1,2}/\d{4} - \d{1,2}:\d{2}:\d{2} [AP]M\)$'
    }

    It 'saves the memory of a running VM whose guest does not answer the backup service (standard checkpoint)' {
        Start-VM -Name 'vm'
        (Checkpoint-VM -VM $vm -CheckpointName 'live' -Passthru).State | Should -Be 'Saved'
        (Get-VM -Name 'vm').State | Should -Be 'Running'
    }

    It 'takes a production checkpoint (no memory) when the guest answers VSS' {
        Set-VMSimGuest -VMName 'vm' -Profile Full
        Start-VM -Name 'vm'
        (Checkpoint-VM -Name 'vm' -Passthru).State | Should -Be 'Off'
    }

    It 'fails ProductionOnly without an answering guest and Disabled always' {
        Start-VM -Name 'vm'
        Set-VM -Name 'vm' -CheckpointType ProductionOnly
        $e = Get-SimError { Checkpoint-VM -Name 'vm' -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'OperationFailed,Microsoft.HyperV.PowerShell.Commands.CheckpointVM'
        Set-VM -Name 'vm' -CheckpointType Disabled
        $e = Get-SimError { Checkpoint-VM -Name 'vm' -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidState,Microsoft.HyperV.PowerShell.Commands.CheckpointVM'
        Get-VMSnapshot -VMName 'vm' | Should -BeNullOrEmpty
    }

    It 'reports a missing VM as ObjectNotFound and refuses -AsJob' {
        (Get-SimError { Checkpoint-VM -Name 'nope' -ErrorAction Stop }).FullyQualifiedErrorId | Should -Be 'ObjectNotFound,Microsoft.HyperV.PowerShell.Commands.CheckpointVM'
        (Get-SimError { Checkpoint-VM -Name 'vm' -AsJob -ErrorAction Stop }).CategoryInfo.Category | Should -Be 'InvalidArgument'
    }
}

Describe 'Get-VMSnapshot' {
    BeforeEach {
        $dir = New-SimStateDirectory
        $vm = New-VM -Name 'vm'
        $first = Checkpoint-VM -Name 'vm' -SnapshotName 'one' -Passthru
        $second = Checkpoint-VM -Name 'vm' -SnapshotName 'two' -Passthru
    }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'lists checkpoints by VM name, VM object and name pattern, in creation order' {
        (Get-VMSnapshot -VMName 'vm').Name | Should -Be @('one', 'two')
        (Get-VM -Name 'vm' | Get-VMSnapshot).Name | Should -Be @('one', 'two')
        (Get-VMSnapshot -VMName 'vm' -Name 't*').Name | Should -Be 'two'
        (Get-VMSnapshot 'vm' 'ONE').Id | Should -Be $first.Id
        (Get-VMCheckpoint -VMName 'vm').Count | Should -Be 2
    }

    It 'finds a checkpoint by id, its parent and its children' {
        (Get-VMSnapshot -Id $second.Id).Name | Should -Be 'two'
        $second.ParentSnapshotId | Should -Be $first.Id
        $second.ParentSnapshotName | Should -Be 'one'
        (Get-VMSnapshot -ChildOf $first).Name | Should -Be 'two'
        (Get-VMSnapshot -ParentOf $second).Name | Should -Be 'one'
        (Get-VMSnapshot -ParentOf (Get-VM -Name 'vm')).Name | Should -Be 'two'
        (Get-VMSnapshot -VMName 'vm' -SnapshotType Standard).Count | Should -Be 2
    }

    It 'is silent for a VM without checkpoints but reports an unmatched name or id as ObjectNotFound' {
        $null = New-VM -Name 'bare'
        Get-VMSnapshot -VMName 'bare' | Should -BeNullOrEmpty
        foreach ($case in @({ Get-VMSnapshot -VMName 'vm' -Name 'zzz' -ErrorAction Stop }, { Get-VMSnapshot -Id ([Guid]::NewGuid()) -ErrorAction Stop })) {
            $e = Get-SimError $case
            $e.FullyQualifiedErrorId | Should -Be 'ObjectNotFound,Microsoft.HyperV.PowerShell.Commands.GetVMSnapshot'
            $e.Exception.Message | Should -Be 'Unable to find a snapshot matching the given criteria.'
        }
    }
}

Describe 'Restore-VMSnapshot' {
    BeforeEach {
        $dir = New-SimStateDirectory
        $vm = New-VM -Name 'vm' -MemoryStartupBytes 1GB
        Set-VM -Name 'vm' -ProcessorCount 2 -Notes 'before'
        $base = Checkpoint-VM -Name 'vm' -SnapshotName 'base' -Passthru
        Set-VM -Name 'vm' -ProcessorCount 4 -Notes 'after' -MemoryStartupBytes 2GB
        Add-VMNetworkAdapter -VMName 'vm' -Name 'Extra'
    }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'brings back the configuration the checkpoint captured (needs -Confirm:$false: high impact)' {
        Restore-VMSnapshot -Name 'base' -VMName 'vm' -Confirm:$false
        $restored = Get-VM -Name 'vm'
        $restored.ProcessorCount | Should -Be 2
        $restored.Notes | Should -Be 'before'
        $restored.MemoryStartup | Should -Be 1GB
        (Get-VMNetworkAdapter -VMName 'vm').Name | Should -Be 'Network Adapter'
        $restored.State | Should -Be 'Off'
        $restored.Id | Should -Be $vm.Id
    }

    It 'restores from the pipeline and by VM object, with -Passthru' {
        (Get-VMSnapshot -VMName 'vm' | Restore-VMSnapshot -Confirm:$false -Passthru).Name | Should -Be 'base'
        Set-VM -Name 'vm' -Notes 'changed'
        Restore-VMSnapshot -VM (Get-VM -Name 'vm') -Name 'base' -Confirm:$false
        (Get-VM -Name 'vm').Notes | Should -Be 'before'
    }

    It 'returns a running VM to the saved state of a standard checkpoint and starts it again' {
        Start-VM -Name 'vm'
        $live = Checkpoint-VM -Name 'vm' -SnapshotName 'live' -Passthru
        Set-VM -Name 'vm' -Notes 'later'
        Stop-VM -Name 'vm' -TurnOff
        Restore-VMCheckpoint -VMCheckpoint $live -Confirm:$false
        (Get-VM -Name 'vm').State | Should -Be 'Saved'
        Start-VM -Name 'vm'
        Restore-VMSnapshot -VMSnapshot $live -Confirm:$false
        (Get-VM -Name 'vm').State | Should -Be 'Running'
        (Get-VM -Name 'vm').Notes | Should -Be 'after'
    }

    It 'refuses a name that matches nothing or several checkpoints' {
        (Get-SimError { Restore-VMSnapshot -Name 'nope' -VMName 'vm' -Confirm:$false -ErrorAction Stop }).FullyQualifiedErrorId |
            Should -Be 'ObjectNotFound,Microsoft.HyperV.PowerShell.Commands.RestoreVMSnapshot'
        $null = Checkpoint-VM -Name 'vm' -SnapshotName 'base2'
        $e = Get-SimError { Restore-VMSnapshot -Name 'base*' -VMName 'vm' -Confirm:$false -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.RestoreVMSnapshot'
        $e.Exception.Message | Should -Be 'More than one snapshot was found matching the given criteria.'
    }
}

Describe 'Remove-VMSnapshot' {
    BeforeEach {
        $dir = New-SimStateDirectory
        $null = New-VM -Name 'vm'
        $a = Checkpoint-VM -Name 'vm' -SnapshotName 'a' -Passthru
        $b = Checkpoint-VM -Name 'vm' -SnapshotName 'b' -Passthru
        $c = Checkpoint-VM -Name 'vm' -SnapshotName 'c' -Passthru
    }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'removes one checkpoint and moves its children to its parent' {
        $removed = Remove-VMSnapshot -VMName 'vm' -Name 'b' -Passthru
        $removed.IsDeleted | Should -BeTrue
        (Get-VMSnapshot -VMName 'vm').Name | Should -Be @('a', 'c')
        (Get-VMSnapshot -VMName 'vm' -Name 'c').ParentSnapshotName | Should -Be 'a'
    }

    It 'removes a subtree with -IncludeAllChildSnapshots and the VM then derives from the parent' {
        Get-VMSnapshot -VMName 'vm' -Name 'b' | Remove-VMSnapshot -IncludeAllChildCheckpoints
        (Get-VMSnapshot -VMName 'vm').Name | Should -Be 'a'
        (Get-VM -Name 'vm').ParentSnapshotName | Should -Be 'a'
    }

    It 'removes all checkpoints of a VM without -Name, silently when there are none' {
        Get-VM -Name 'vm' | Remove-VMCheckpoint
        Get-VMSnapshot -VMName 'vm' | Should -BeNullOrEmpty
        (Get-VM -Name 'vm').ParentSnapshotId | Should -BeNullOrEmpty
        Remove-VMSnapshot -VMName 'vm' | Should -BeNullOrEmpty
    }
}

Describe 'Remove-VMSavedState' {
    BeforeEach { $dir = New-SimStateDirectory; $null = New-VM -Name 'vm' }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'discards the saved state of a saved VM' {
        Start-VM -Name 'vm'
        Save-VM -Name 'vm'
        Remove-VMSavedState -VMName 'vm'
        (Get-VM -Name 'vm').State | Should -Be 'Off'
    }

    It 'refuses a VM that is not saved with the VM as the target' {
        $e = Get-SimError { Remove-VMSavedState -VMName 'vm' -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidState,Microsoft.HyperV.PowerShell.Commands.RemoveVMSavedState'
        $e.TargetObject.Name | Should -Be 'vm'
    }

    It 'discards the saved state of a checkpoint' {
        Start-VM -Name 'vm'
        $snapshot = Checkpoint-VM -Name 'vm' -Passthru
        $snapshot.State | Should -Be 'Saved'
        Remove-VMSavedState -VMSnapshot $snapshot
        (Get-VMSnapshot -Id $snapshot.Id).State | Should -Be 'Off'
    }
}
