# New-VHD, Get-VHD, Resize-VHD.

function New-VHD {
    [CmdletBinding(DefaultParameterSetName = 'DynamicWithoutSource', SupportsShouldProcess = $true)]
    [OutputType('Microsoft.Vhd.PowerShell.VirtualHardDisk')]
    param(
        [Parameter(Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [string[]]$Path,

        [Parameter(ParameterSetName = 'Differencing', Mandatory = $true, Position = 1)]
        [ValidateNotNullOrEmpty()]
        [string]$ParentPath,

        [Parameter(ParameterSetName = 'DynamicWithoutSource', Mandatory = $true, Position = 1)]
        [Parameter(ParameterSetName = 'FixedWithoutSource', Mandatory = $true, Position = 1)]
        [Parameter(ParameterSetName = 'Differencing', Position = 2)]
        [uint64]$SizeBytes,

        [Parameter(ParameterSetName = 'DynamicWithoutSource')]
        [switch]$Dynamic,

        [Parameter(ParameterSetName = 'FixedWithoutSource', Mandatory = $true)]
        [switch]$Fixed,

        [Parameter(ParameterSetName = 'Differencing')]
        [switch]$Differencing,

        [uint32]$BlockSizeBytes,

        [Parameter(ParameterSetName = 'DynamicWithoutSource')]
        [Parameter(ParameterSetName = 'FixedWithoutSource')]
        [ValidateSet(512, 4096)]
        [uint32]$LogicalSectorSizeBytes = 512,

        [ValidateSet(512, 4096)]
        [uint32]$PhysicalSectorSizeBytes,

        [switch]$AsJob
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters -HvWrite {
            param($tx, $result, $bound)
            Assert-HvNoAsJob $bound
            foreach ($item in $Path) {
                Invoke-HvTarget $result {
                    $windowsPath = ConvertTo-HvWindowsPath $item
                    if (-not $PSCmdlet.ShouldProcess($windowsPath, 'New-VHD')) { continue }
                    $type = 'Dynamic'
                    if ($Fixed) { $type = 'Fixed' }
                    $size = [long]$SizeBytes
                    $parent = ''
                    $logical = [int]$LogicalSectorSizeBytes
                    if ($PSCmdlet.ParameterSetName -eq 'Differencing') {
                        $type = 'Differencing'
                        $parentWindowsPath = ConvertTo-HvWindowsPath $ParentPath
                        $parentRecord = Get-HvVhdRecord $tx $parentWindowsPath
                        if ($null -eq $parentRecord) { Stop-HvInvalidParameter (Get-HvNotAVhdMessage $ParentPath) $ParentPath }
                        $parent = $parentRecord.Path
                        $logical = [int]$parentRecord.LogicalSectorSize
                        if (-not $bound.ContainsKey('SizeBytes')) { $size = [long]$parentRecord.Size }
                    }
                    $record = New-HvVhd -Tx $tx -WindowsPath $windowsPath -SizeBytes $size -Type $type -ParentPath $parent `
                        -BlockSizeBytes ([long]$BlockSizeBytes) -LogicalSectorSize $logical -PhysicalSectorSize ([int]$PhysicalSectorSizeBytes)
                    Add-HvOutput $result (ConvertTo-HvVirtualHardDisk $tx $record)
                }
            }
        }
    }
}

function Get-VHD {
    [CmdletBinding(DefaultParameterSetName = 'Path')]
    [OutputType('Microsoft.Vhd.PowerShell.VirtualHardDisk')]
    param(
        [Parameter(ParameterSetName = 'Path', Mandatory = $true, Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)]
        [Alias('FullName')]
        [ValidateNotNullOrEmpty()]
        [string[]]$Path,

        [Parameter(ParameterSetName = 'VMId', Mandatory = $true, Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)]
        [Alias('Id')]
        [ValidateNotNullOrEmpty()]
        [Guid[]]$VMId
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters {
            param($tx, $result, $bound)
            $paths = [System.Collections.ArrayList]::new()
            if ($PSCmdlet.ParameterSetName -eq 'VMId') {
                foreach ($id in $VMId) {
                    $vm = Get-HvVMById $tx.State $id
                    if ($null -eq $vm) {
                        Add-HvError $result (New-HvErrorRecord -ErrorId 'ObjectNotFound' -Category ObjectNotFound -Message (
                                'Hyper-V was unable to find a virtual machine with id "{0}".' -f $id))
                        continue
                    }
                    foreach ($drive in (Get-HvSortedDrives $vm 'HardDisk')) { if ($drive.Path) { [void]$paths.Add($drive.Path) } }
                }
            } else {
                foreach ($item in $Path) { [void]$paths.Add($item) }
            }
            foreach ($item in $paths) {
                Invoke-HvTarget $result {
                    foreach ($record in (Resolve-HvVhdRecords $tx $item)) { Add-HvOutput $result (ConvertTo-HvVirtualHardDisk $tx $record) }
                }
            }
        }
    }
}

function Resize-VHD {
    [CmdletBinding(DefaultParameterSetName = 'Size', SupportsShouldProcess = $true)]
    [OutputType('Microsoft.Vhd.PowerShell.VirtualHardDisk')]
    param(
        [Parameter(Mandatory = $true, Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)]
        [Alias('FullName')]
        [ValidateNotNullOrEmpty()]
        [string[]]$Path,

        [Parameter(ParameterSetName = 'Size', Mandatory = $true, Position = 1)]
        [uint64]$SizeBytes,

        [Parameter(ParameterSetName = 'MinimumSize', Mandatory = $true)]
        [switch]$ToMinimumSize,

        [switch]$AsJob,
        [switch]$Passthru
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters -HvWrite {
            param($tx, $result, $bound)
            Assert-HvNoAsJob $bound
            foreach ($item in $Path) {
                Invoke-HvTarget $result {
                    $windowsPath = ConvertTo-HvWindowsPath $item
                    $record = Get-HvVhdRecord $tx $windowsPath
                    if ($null -eq $record) { Stop-HvInvalidParameter (Get-HvNotAVhdMessage $item) $item }
                    if (-not $PSCmdlet.ShouldProcess($windowsPath, 'Resize-VHD')) { continue }
                    $minimum = [long]3145728
                    $newSize = [long]$SizeBytes
                    if ($ToMinimumSize) { $newSize = $minimum }
                    if ($record.VhdFormat -eq 'VHD' -and $newSize -lt [long]$record.Size) {
                        Stop-HvInvalidParameter (Join-HvMessage 'Failed to resize the virtual disk.' 'A virtual hard disk in the VHD format can only be expanded.') $item
                    }
                    if ($newSize -lt $minimum) {
                        Stop-HvInvalidParameter (Join-HvMessage 'Failed to resize the virtual disk.' (
                                'The requested size {0} is smaller than the minimum size {1} of the virtual disk.' -f $newSize, $minimum)) $item
                    }
                    $user = Find-HvDriveUsingPath $tx.State $windowsPath
                    if ($user -and (Test-HvVMActive $user.VM) -and $user.Drive.ControllerType -eq 'IDE') {
                        Stop-HvInvalidState (Join-HvMessage 'Failed to resize the virtual disk.' (
                                "The virtual disk '{0}' is attached to an IDE controller of the running virtual machine '{1}'; only SCSI-attached disks can be resized online." -f $windowsPath, $user.VM.Name)) $item
                    }
                    $sector = [long]$record.PhysicalSectorSize
                    if ($record.VhdFormat -eq 'VHD') { $sector = 512 }
                    if ($newSize % $sector -ne 0) {
                        Stop-HvInvalidParameter (Join-HvMessage 'Failed to resize the virtual disk.' (
                                'The size of the virtual hard disk must be a multiple of the sector size ({0} bytes).' -f $sector)) $item
                    }
                    $key = Get-HvPathKey $windowsPath
                    $tx.State.vhds[$key] = $record
                    $record.Size = $newSize
                    Set-HvVhdFile (Get-HvLocalPath $windowsPath $tx.Dir) (Get-HvVhdFileLength $record.VhdFormat $record.VhdType $newSize)
                    if ($Passthru) { Add-HvOutput $result (ConvertTo-HvVirtualHardDisk $tx $record) }
                }
            }
        }
    }
}
