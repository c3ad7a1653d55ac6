# Test-VHD, Set-VHD, Mount-VHD, Dismount-VHD: the VHD cmdlets that check, repair and mount disks
# on the host (mounting is state only: the attached flag and the disk number).

function Test-VHD {
    [CmdletBinding(DefaultParameterSetName = 'ExistingVHD')]
    [OutputType([bool])]
    param(
        [Parameter(Mandatory = $true, Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)]
        [Alias('FullName')]
        [ValidateNotNullOrEmpty()]
        [string[]]$Path,

        [Parameter(ParameterSetName = 'SharedDisk', Mandatory = $true)]
        [Alias('ShareVirtualDisk')]
        [switch]$SupportPersistentReservations,

        [switch]$AsJob
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters {
            param($tx, $result, $bound)
            Assert-HvNoAsJob $bound
            if ($PSCmdlet.ParameterSetName -eq 'SharedDisk' -and -not $SupportPersistentReservations) {
                Stop-HvInvalidParameter 'The SupportPersistentReservations switch parameter cannot be set to FALSE when using the Test-VHD cmdlet.'
            }
            foreach ($item in $Path) {
                # A path that names no disk is an error and False, as the real cmdlet writes both.
                $resolved = @{ Records = $null }
                Invoke-HvTarget $result { $resolved.Records = Resolve-HvVhdRecords $tx $item }
                if ($null -eq $resolved.Records) { Add-HvOutput $result $false; continue }
                foreach ($record in $resolved.Records) {
                    $problem = Get-HvVhdChainProblem $tx $record
                    if ($problem) {
                        Add-HvError $result (New-HvErrorRecord -ErrorId 'InvalidParameter' -Category InvalidArgument -Message $problem -TargetObject $record.Path)
                    }
                    Add-HvOutput $result ($null -eq $problem)
                }
            }
        }
    }
}

function Set-VHD {
    [CmdletBinding(DefaultParameterSetName = 'Parent', SupportsShouldProcess = $true)]
    [OutputType('Microsoft.Vhd.PowerShell.VirtualHardDisk')]
    param(
        [Parameter(Mandatory = $true, Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)]
        [Alias('FullName')]
        [ValidateNotNullOrEmpty()]
        [string]$Path,

        [Parameter(ParameterSetName = 'Parent', Mandatory = $true, Position = 1)]
        [ValidateNotNullOrEmpty()]
        [string]$ParentPath,

        [Parameter(ParameterSetName = 'Parent')]
        [string]$LeafPath,

        [Parameter(ParameterSetName = 'PhysicalSectorSize', Mandatory = $true)]
        [ValidateSet(512, 4096)]
        [uint32]$PhysicalSectorSizeBytes,

        [Parameter(ParameterSetName = 'DiskIdentifier', Mandatory = $true)]
        [switch]$ResetDiskIdentifier,

        [Parameter(ParameterSetName = 'DiskIdentifier')]
        [switch]$Force,

        [Parameter(ParameterSetName = 'Parent')]
        [switch]$IgnoreIdMismatch,

        [switch]$Passthru
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters -HvWrite {
            param($tx, $result, $bound)
            $record = Get-HvStoredVhdRecord $tx $Path
            if (-not $PSCmdlet.ShouldProcess($record.Path, 'Set-VHD')) { return }
            $failed = "Failed to set properties for the virtual disk '{0}'." -f $record.Path
            if (Test-HvVhdInUseByVM $tx.State $record.Path) {
                Stop-HvObjectInUse (Join-HvMessage $failed 'The process cannot access the file because it is being used by another process.') $record.Path
            }
            switch ($PSCmdlet.ParameterSetName) {
                'Parent' {
                    if ($record.VhdType -ne 'Differencing') {
                        Stop-HvInvalidParameter (Join-HvMessage $failed ("'{0}' is not a differencing virtual hard disk; only a differencing disk has a parent." -f $record.Path)) $Path
                    }
                    $parent = Get-HvVhdRecord $tx (ConvertTo-HvWindowsPath $ParentPath)
                    if ($null -eq $parent) { Stop-HvInvalidParameter (Join-HvMessage $failed (Get-HvNotAVhdMessage $ParentPath)) $ParentPath }
                    if ([long]$parent.Size -ne [long]$record.Size -and -not $IgnoreIdMismatch) {
                        Stop-HvInvalidParameter (Join-HvMessage $failed ("The size of the parent '{0}' does not match the differencing disk; pass -IgnoreIdMismatch to connect it anyway." -f $parent.Path)) $ParentPath
                    }
                    $record.ParentPath = $parent.Path
                }
                'PhysicalSectorSize' {
                    if ($record.VhdFormat -ne 'VHDX') {
                        Stop-HvInvalidParameter (Join-HvMessage $failed 'The physical sector size can be set only for a virtual hard disk in the VHDX format.') $Path
                    }
                    $record.PhysicalSectorSize = [long]$PhysicalSectorSizeBytes
                }
                'DiskIdentifier' {
                    if (-not $Force) { Stop-HvConfirmationRequired ('Are you sure you want to reset the disk identifier of "{0}"?' -f $record.Path) }
                    $record.DiskIdentifier = [Guid]::NewGuid().ToString().ToUpperInvariant()
                }
            }
            if ($Passthru) { Add-HvOutput $result (ConvertTo-HvVirtualHardDisk $tx $record) }
        }
    }
}

function Mount-VHD {
    [CmdletBinding(SupportsShouldProcess = $true)]
    [OutputType('Microsoft.Vhd.PowerShell.VirtualHardDisk')]
    param(
        [Parameter(Mandatory = $true, Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)]
        [Alias('FullName')]
        [ValidateNotNullOrEmpty()]
        [string[]]$Path,

        [switch]$NoDriveLetter,
        [switch]$ReadOnly,

        [Parameter(ValueFromPipelineByPropertyName = $true)]
        [Nullable[Guid]]$SnapshotId,

        [switch]$Passthru
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters -HvWrite {
            param($tx, $result, $bound)
            foreach ($item in $Path) {
                Invoke-HvTarget $result {
                    if ($null -ne $SnapshotId -and (Get-HvPathExtension (ConvertTo-HvWindowsPath $item)) -ne '.vhds') {
                        Stop-HvInvalidParameter ('The SnapshotID parameter is invalid when specified for a virtual hard disk that is not a VHD Set file: "{0}".' -f $item) $item
                    }
                    $record = Get-HvStoredVhdRecord $tx $item
                    if (-not $PSCmdlet.ShouldProcess($record.Path, 'Mount-VHD')) { continue }
                    $failed = "Failed to mount the virtual disk '{0}'." -f $record.Path
                    if ($record.Attached -or (Test-HvVhdInUseByVM $tx.State $record.Path)) {
                        Stop-HvObjectInUse (Join-HvMessage $failed 'The process cannot access the file because it is being used by another process.') $item
                    }
                    $problem = Get-HvVhdChainProblem $tx $record
                    if ($problem) { Stop-HvInvalidParameter (Join-HvMessage $failed $problem) $item }
                    $record.Attached = $true
                    $record.ReadOnly = [bool]$ReadOnly
                    $record.DiskNumber = Get-HvNextDiskNumber $tx.State
                    if ($Passthru) { Add-HvOutput $result (ConvertTo-HvVirtualHardDisk $tx $record) }
                }
            }
        }
    }
}

function Dismount-VHD {
    [CmdletBinding(DefaultParameterSetName = 'Path', SupportsShouldProcess = $true)]
    [OutputType('Microsoft.Vhd.PowerShell.VirtualHardDisk')]
    param(
        [Parameter(ParameterSetName = 'Disk', Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)]
        [Alias('Number')]
        [uint32]$DiskNumber,

        [Parameter(ParameterSetName = 'Path', Mandatory = $true, Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)]
        [Alias('FullName')]
        [ValidateNotNullOrEmpty()]
        [string[]]$Path,

        [Parameter(ParameterSetName = 'Path', ValueFromPipelineByPropertyName = $true)]
        [Nullable[Guid]]$SnapshotId,

        [switch]$Passthru
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters -HvWrite {
            param($tx, $result, $bound)
            $records = [System.Collections.ArrayList]::new()
            if ($PSCmdlet.ParameterSetName -eq 'Disk') {
                foreach ($record in $tx.State.vhds.Values) { if ($record.Attached -and [long]$record.DiskNumber -eq [long]$DiskNumber) { [void]$records.Add($record) } }
                if ($records.Count -eq 0) {
                    Stop-HvObjectNotFound ('No mounted virtual hard disk has the disk number {0}.' -f $DiskNumber) $DiskNumber
                }
            } else {
                foreach ($item in $Path) {
                    Invoke-HvTarget $result {
                        $record = Get-HvStoredVhdRecord $tx $item
                        if (-not $record.Attached) {
                            Stop-HvInvalidState (Join-HvMessage ("Failed to dismount the virtual disk '{0}'." -f $record.Path) 'The virtual disk is not mounted on the host.') $item
                        }
                        [void]$records.Add($record)
                    }
                }
            }
            foreach ($record in $records) {
                if (-not $PSCmdlet.ShouldProcess($record.Path, 'Dismount-VHD')) { continue }
                $record.Attached = $false
                $record.DiskNumber = $null
                $record.ReadOnly = $false
                if ($Passthru) { Add-HvOutput $result (ConvertTo-HvVirtualHardDisk $tx $record) }
            }
        }
    }
}
