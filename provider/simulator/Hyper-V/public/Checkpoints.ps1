# Checkpoint-VM, Get-VMSnapshot, Restore-VMSnapshot, Remove-VMSnapshot (and their *-VMCheckpoint
# aliases), Remove-VMSavedState.

Set-Alias -Name 'Get-VMCheckpoint' -Value 'Get-VMSnapshot'
Set-Alias -Name 'Restore-VMCheckpoint' -Value 'Restore-VMSnapshot'
Set-Alias -Name 'Remove-VMCheckpoint' -Value 'Remove-VMSnapshot'

function Checkpoint-VM {
    [CmdletBinding(DefaultParameterSetName = 'Name', SupportsShouldProcess = $true)]
    [OutputType('Microsoft.HyperV.PowerShell.VMSnapshot')]
    param(
        [Parameter(ParameterSetName = 'Name', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [Alias('VMName')]
        [ValidateNotNullOrEmpty()]
        [string[]]$Name,

        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VirtualMachine[]]$VM,

        [Parameter(Position = 1)]
        [Alias('CheckpointName')]
        [ValidateNotNullOrEmpty()]
        [string]$SnapshotName,

        [switch]$AsJob,
        [switch]$Passthru
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        $created = @{}
        Invoke-HvPerVMCmdlet $PSCmdlet $call $PSBoundParameters -HvOutput {
            param($tx, $vm) ConvertTo-HvSnapshot $tx.State $vm $created[$vm.Id]
        } -HvChange {
            param($tx, $result, $vm)
            $created[$vm.Id] = New-HvCheckpoint $vm $SnapshotName
        }
    }
}

function Get-VMSnapshot {
    [CmdletBinding(DefaultParameterSetName = 'VMName')]
    [OutputType('Microsoft.HyperV.PowerShell.VMSnapshot')]
    param(
        [Parameter(ParameterSetName = 'VMName', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [string[]]$VMName,

        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VirtualMachine[]]$VM,

        [Parameter(ParameterSetName = 'Id', Mandatory = $true, Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)]
        [ValidateNotNull()]
        [Nullable[Guid]]$Id,

        [Parameter(ParameterSetName = 'Child', Position = 0)]
        [Parameter(ParameterSetName = 'Parent', Position = 0)]
        [Parameter(ParameterSetName = 'VMName', Position = 1)]
        [Parameter(ParameterSetName = 'VMObject', Position = 1)]
        [ValidateNotNullOrEmpty()]
        [string]$Name,

        [Parameter(ParameterSetName = 'Child', Mandatory = $true)]
        [ValidateNotNull()]
        [Microsoft.HyperV.PowerShell.VMSnapshot]$ChildOf,

        [Parameter(ParameterSetName = 'Parent', Mandatory = $true)]
        [ValidateNotNull()]
        [object]$ParentOf,

        [Parameter(ParameterSetName = 'Child')]
        [Parameter(ParameterSetName = 'Parent')]
        [Parameter(ParameterSetName = 'VMName')]
        [Parameter(ParameterSetName = 'VMObject')]
        [Alias('VMRecoveryCheckpoint')]
        [Microsoft.HyperV.PowerShell.SnapshotType]$SnapshotType
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters {
            param($tx, $result, $bound)
            $set = $PSCmdlet.ParameterSetName
            $pairs = [System.Collections.ArrayList]::new()
            if ($set -eq 'Id') {
                $pair = Find-HvSnapshotById $tx.State $Id
                if ($pair) { [void]$pairs.Add($pair) }
            } elseif ($set -eq 'Child') {
                $pair = Find-HvSnapshotById $tx.State $ChildOf.Id
                if ($pair) {
                    foreach ($snapshot in (Get-HvSnapshots $pair.VM)) {
                        if ($snapshot.ParentSnapshotId -eq $pair.Snapshot.Id) { [void]$pairs.Add(@{ VM = $pair.VM; Snapshot = $snapshot }) }
                    }
                }
            } elseif ($set -eq 'Parent') {
                # The parent of a checkpoint, or the checkpoint a VM's current state derives from.
                if ($ParentOf -is [Microsoft.HyperV.PowerShell.VMSnapshot]) {
                    $child = Find-HvSnapshotById $tx.State $ParentOf.Id
                    if ($child) { $owner = $child.VM; $parentId = $child.Snapshot.ParentSnapshotId }
                } else {
                    $owner = Get-HvVMById $tx.State $ParentOf.Id
                    if ($owner) { $parentId = $owner.ParentSnapshotId }
                }
                if ($owner -and $parentId) {
                    $parent = Find-HvSnapshotById $tx.State $parentId
                    if ($parent) { [void]$pairs.Add($parent) }
                }
            } else {
                foreach ($owner in (Resolve-HvVMTarget $tx.State $bound $result)) {
                    foreach ($snapshot in (Get-HvSnapshots $owner)) { [void]$pairs.Add(@{ VM = $owner; Snapshot = $snapshot }) }
                }
            }
            # Checkpoints are stored in creation order, the order the real cmdlet sorts them in.
            $selected = @(foreach ($pair in $pairs) {
                    if ($bound.ContainsKey('SnapshotType') -and [string]$pair.Snapshot.SnapshotType -ne [string]$SnapshotType) { continue }
                    if (-not [string]::IsNullOrEmpty($Name) -and -not (Test-HvNameMatch $Name $pair.Snapshot.Name)) { continue }
                    $pair
                })
            $byVM = ($set -eq 'VMName' -or $set -eq 'VMObject')
            if ($selected.Count -eq 0 -and (-not $byVM -or $bound.ContainsKey('SnapshotType') -or $Name)) {
                Stop-HvObjectNotFound $script:HvSnapshotNotFoundMessage
            }
            foreach ($pair in $selected) { Add-HvOutput $result (ConvertTo-HvSnapshot $tx.State $pair.VM $pair.Snapshot) }
        }
    }
}

function Restore-VMSnapshot {
    [CmdletBinding(DefaultParameterSetName = 'SnapshotName', SupportsShouldProcess = $true, ConfirmImpact = 'High')]
    [OutputType('Microsoft.HyperV.PowerShell.VMSnapshot')]
    param(
        [Parameter(ParameterSetName = 'SnapshotObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [Alias('VMCheckpoint')]
        [ValidateNotNull()]
        [Microsoft.HyperV.PowerShell.VMSnapshot]$VMSnapshot,

        [Parameter(ParameterSetName = 'VM', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNull()]
        [Microsoft.HyperV.PowerShell.VirtualMachine]$VM,

        [Parameter(ParameterSetName = 'VM', Mandatory = $true)]
        [Parameter(ParameterSetName = 'SnapshotName', Mandatory = $true, Position = 0)]
        [ValidateNotNullOrEmpty()]
        [string]$Name,

        [Parameter(ParameterSetName = 'SnapshotName', Mandatory = $true, Position = 1)]
        [ValidateNotNullOrEmpty()]
        [string]$VMName,

        [switch]$AsJob,
        [switch]$Passthru
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters -HvWrite {
            param($tx, $result, $bound)
            Assert-HvNoAsJob $bound
            if ($PSCmdlet.ParameterSetName -eq 'SnapshotObject') {
                $pairs = Find-HvSnapshotByObject $tx.State @($VMSnapshot) $result
                if ($pairs.Count -eq 0) { return }
            } else {
                if ($PSCmdlet.ParameterSetName -eq 'VM') { $owners = Find-HvVMByObject $tx.State @($VM) $result }
                else { $owners = Find-HvVMByName -State $tx.State -Names @($VMName) -Result $result }
                $pairs = [System.Collections.ArrayList]::new()
                foreach ($owner in $owners) {
                    foreach ($snapshot in (Get-HvSnapshots $owner)) {
                        if (Test-HvNameMatch $Name $snapshot.Name) { [void]$pairs.Add(@{ VM = $owner; Snapshot = $snapshot }) }
                    }
                }
                if ($pairs.Count -eq 0) { Stop-HvObjectNotFound $script:HvSnapshotNotFoundMessage }
                if ($pairs.Count -gt 1) { Stop-HvInvalidParameter 'More than one snapshot was found matching the given criteria.' }
            }
            $pair = $pairs[0]
            if (-not $PSCmdlet.ShouldProcess($pair.Snapshot.Name, 'Restore-VMSnapshot')) { return }
            Restore-HvCheckpoint $tx.State $pair.VM $pair.Snapshot
            if ($Passthru) { Add-HvOutput $result (ConvertTo-HvSnapshot $tx.State $pair.VM $pair.Snapshot) }
        }
    }
}

function Remove-VMSnapshot {
    [CmdletBinding(DefaultParameterSetName = 'SnapshotName', SupportsShouldProcess = $true)]
    [OutputType('Microsoft.HyperV.PowerShell.VMSnapshot')]
    param(
        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VirtualMachine[]]$VM,

        [Parameter(ParameterSetName = 'SnapshotName', Mandatory = $true, Position = 0)]
        [ValidateNotNullOrEmpty()]
        [string[]]$VMName,

        [Parameter(ParameterSetName = 'SnapshotObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [Alias('VMCheckpoint')]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VMSnapshot[]]$VMSnapshot,

        [Parameter(ParameterSetName = 'SnapshotName', Position = 1, ValueFromPipeline = $true)]
        [Parameter(ParameterSetName = 'VMObject', Position = 1)]
        [ValidateNotNullOrEmpty()]
        [string[]]$Name,

        [Alias('IncludeAllChildCheckpoints')]
        [switch]$IncludeAllChildSnapshots,

        [switch]$AsJob,
        [switch]$Passthru
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters -HvWrite {
            param($tx, $result, $bound)
            Assert-HvNoAsJob $bound
            if ($PSCmdlet.ParameterSetName -eq 'SnapshotObject') {
                $pairs = Find-HvSnapshotByObject $tx.State $VMSnapshot $result
            } else {
                $pairs = [System.Collections.ArrayList]::new()
                foreach ($owner in (Resolve-HvVMTarget $tx.State $bound $result)) {
                    foreach ($snapshot in (Get-HvSnapshots $owner)) {
                        $hit = ($null -eq $Name)
                        foreach ($pattern in $Name) { if (Test-HvNameMatch $pattern $snapshot.Name) { $hit = $true } }
                        if ($hit) { [void]$pairs.Add(@{ VM = $owner; Snapshot = $snapshot }) }
                    }
                }
            }
            foreach ($pair in $pairs) {
                Invoke-HvTarget $result {
                    # A checkpoint already removed with its parent's subtree is skipped.
                    if (-not $pair.VM.Snapshots.Contains($pair.Snapshot)) { continue }
                    if (-not $PSCmdlet.ShouldProcess($pair.Snapshot.Name, 'Remove-VMSnapshot')) { continue }
                    $output = ConvertTo-HvSnapshot $tx.State $pair.VM $pair.Snapshot
                    Remove-HvCheckpoint $pair.VM $pair.Snapshot ([bool]$IncludeAllChildSnapshots)
                    if ($Passthru) { $output.IsDeleted = $true; Add-HvOutput $result $output }
                }
            }
        }
    }
}

function Remove-VMSavedState {
    [CmdletBinding(DefaultParameterSetName = 'VMName', SupportsShouldProcess = $true)]
    param(
        [Parameter(ParameterSetName = 'VMName', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [string[]]$VMName,

        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VirtualMachine[]]$VM,

        [Parameter(ParameterSetName = 'VMSnapshot', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [Alias('VMCheckpoint')]
        [ValidateNotNull()]
        [Microsoft.HyperV.PowerShell.VMSnapshot]$VMSnapshot
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        if ($PSCmdlet.ParameterSetName -eq 'VMSnapshot') {
            Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters -HvWrite {
                param($tx, $result, $bound)
                foreach ($pair in (Find-HvSnapshotByObject $tx.State @($VMSnapshot) $result)) {
                    if ($pair.Snapshot.State -ne 'Saved') {
                        Stop-HvInvalidState 'The operation cannot be performed while the object is in its current state.' $VMSnapshot
                    }
                    if ($PSCmdlet.ShouldProcess($pair.Snapshot.Name, 'Remove-VMSavedState')) { $pair.Snapshot.State = 'Off' }
                }
            }
            return
        }
        Invoke-HvPerVMCmdlet $PSCmdlet $call $PSBoundParameters -HvNameParameter 'VMName' -HvOutput $null -HvChange {
            param($tx, $result, $vm)
            if ($vm.State -ne 'Saved') {
                Stop-HvInvalidState 'The operation cannot be performed while the virtual machine is in its current state.' (ConvertTo-HvVirtualMachine $tx.State $vm)
            }
            Set-HvVMOff $vm
        }
    }
}
