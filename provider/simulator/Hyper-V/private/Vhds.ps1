# Virtual hard disks: metadata in the state (vhds, keyed by lower-case Windows path) and a real,
# sparse file under the state directory. A file that exists without metadata (copied in by hand)
# is reported as a dynamic disk whose size is the file's length.

$script:HvVhdExtensions = @('.vhd', '.vhdx', '.avhd', '.avhdx', '.vhds', '.vhdpmem')

function Get-HvVhdFormat([string]$WindowsPath) {
    switch (Get-HvPathExtension $WindowsPath) {
        '.vhd' { return 'VHD' }
        '.avhd' { return 'VHD' }
        '.vhds' { return 'VHDSet' }
        default { return 'VHDX' }
    }
}

function Get-HvVhdFileLength([string]$Format, [string]$Type, [long]$Size) {
    if ($Type -eq 'Fixed') {
        if ($Format -eq 'VHD') { return $Size + 512 }
        return $Size + 4194304
    }
    if ($Format -eq 'VHD') { return 524288 }
    return 4194304
}

# Creates (or resizes) the sparse backing file.
function Set-HvVhdFile([string]$LocalPath, [long]$Length) {
    $directory = [IO.Path]::GetDirectoryName($LocalPath)
    if (-not [IO.Directory]::Exists($directory)) { [void][IO.Directory]::CreateDirectory($directory) }
    $stream = [IO.File]::Open($LocalPath, [IO.FileMode]::OpenOrCreate, [IO.FileAccess]::ReadWrite, [IO.FileShare]::ReadWrite)
    try { $stream.SetLength($Length) } finally { $stream.Dispose() }
}

# The disk's metadata, or $null when no such file exists.
function Get-HvVhdRecord($Tx, [string]$WindowsPath) {
    $local = Get-HvLocalPath $WindowsPath $Tx.Dir
    if (-not [IO.File]::Exists($local)) { return $null }
    $key = Get-HvPathKey $WindowsPath
    if ($Tx.State.vhds.ContainsKey($key)) { return $Tx.State.vhds[$key] }
    if ($script:HvVhdExtensions -notcontains (Get-HvPathExtension $WindowsPath)) { return $null }
    $record = New-HvTable
    $record.Path = $WindowsPath
    $record.VhdFormat = Get-HvVhdFormat $WindowsPath
    $record.VhdType = 'Dynamic'
    $record.Size = (New-Object IO.FileInfo -ArgumentList $local).Length
    $record.BlockSize = 33554432
    $record.LogicalSectorSize = 512
    $record.PhysicalSectorSize = 4096
    $record.ParentPath = ''
    $record.DiskIdentifier = [Guid]::NewGuid().ToString().ToUpperInvariant()
    return $record
}

# The disks a Get-VHD path names, as the real path resolver finds them: wildcards in the file name
# match the disks in that folder (no match is no error); a path without extension tries every VHD
# extension; otherwise the one disk at that path. A literal path that names no disk is an error.
function Resolve-HvVhdRecords($Tx, [string]$Path) {
    $found = [System.Collections.ArrayList]::new()
    $cut = $Path.Replace('/', '\').LastIndexOf('\')
    $leaf = $Path.Substring($cut + 1)
    if ([Management.Automation.WildcardPattern]::ContainsWildcardCharacters($leaf)) {
        $folder = 'C:\'
        if ($cut -ge 0) { $folder = ConvertTo-HvWindowsPath $Path.Substring(0, $cut + 1) }
        $directory = Get-HvLocalPath $folder $Tx.Dir
        if (-not [IO.Directory]::Exists($directory)) { return , $found }
        $pattern = New-Object Management.Automation.WildcardPattern -ArgumentList $leaf, ([Management.Automation.WildcardOptions]::IgnoreCase)
        foreach ($file in [IO.Directory]::GetFiles($directory)) {
            $name = [IO.Path]::GetFileName($file)
            if (-not $pattern.IsMatch($name)) { continue }
            $record = Get-HvVhdRecord $Tx (Join-HvWindowsPath $folder $name)
            if ($null -ne $record -and $script:HvVhdExtensions -contains (Get-HvPathExtension $record.Path)) { [void]$found.Add($record) }
        }
        return , $found
    }
    $windowsPath = ConvertTo-HvWindowsPath $Path
    $candidates = @($windowsPath)
    if ((Get-HvPathExtension $windowsPath) -eq '') { $candidates = foreach ($extension in $script:HvVhdExtensions) { $windowsPath + $extension } }
    foreach ($candidate in $candidates) {
        $record = Get-HvVhdRecord $Tx $candidate
        if ($null -ne $record) { [void]$found.Add($record) }
    }
    if ($found.Count -eq 0) { Stop-HvInvalidParameter (Get-HvNotAVhdMessage $Path) $Path }
    return , $found
}

function Get-HvNotAVhdMessage([string]$Path) {
    return "'{0}' is not an existing virtual hard disk file." -f $Path
}

function Assert-HvVhdSize([long]$Size, [string]$Format, [int]$SectorSize) {
    $maximum = [long]70368744177664
    if ($Format -eq 'VHD') { $maximum = [long]2190433320960 }
    $description = $null
    if ($Size -lt 3145728) { $description = 'The size of the virtual hard disk must be at least 3 MB.' }
    elseif ($Size -gt $maximum) { $description = "The size of the virtual hard disk exceeds the maximum of $maximum bytes for the $Format format." }
    elseif ($Size % $SectorSize -ne 0) { $description = "The size of the virtual hard disk must be a multiple of the sector size ($SectorSize bytes)." }
    if ($description) { Stop-HvInvalidParameter (Join-HvMessage 'Failed to create the virtual hard disk.' $description) }
}

# Creates a VHD file and its metadata; the file must not exist yet.
function New-HvVhd {
    param($Tx, [string]$WindowsPath, [long]$SizeBytes, [string]$Type, [string]$ParentPath = '',
        [long]$BlockSizeBytes = 0, [int]$LogicalSectorSize = 512, [int]$PhysicalSectorSize = 0)
    $format = Get-HvVhdFormat $WindowsPath
    if ($PhysicalSectorSize -eq 0) {
        if ($format -eq 'VHD') { $PhysicalSectorSize = 512 } else { $PhysicalSectorSize = 4096 }
    }
    $local = Get-HvLocalPath $WindowsPath $Tx.Dir
    if ([IO.File]::Exists($local)) {
        Stop-HvOperation -ErrorId 'OperationFailed' -Category NotSpecified -Message (Join-HvMessage 'Failed to create the virtual hard disk.' (
                "The system failed to create '{0}': The file exists. (0x80070050)." -f $WindowsPath))
    }
    $sectorRule = $PhysicalSectorSize
    if ($format -eq 'VHD') { $sectorRule = 512 }
    Assert-HvVhdSize $SizeBytes $format $sectorRule
    if ($BlockSizeBytes -eq 0 -and $Type -ne 'Fixed') {
        if ($format -eq 'VHD') { $BlockSizeBytes = 2097152 } else { $BlockSizeBytes = 33554432 }
    }
    $record = New-HvTable
    $record.Path = $WindowsPath
    $record.VhdFormat = $format
    $record.VhdType = $Type
    $record.Size = $SizeBytes
    $record.BlockSize = $BlockSizeBytes
    $record.LogicalSectorSize = $LogicalSectorSize
    $record.PhysicalSectorSize = $PhysicalSectorSize
    $record.ParentPath = $ParentPath
    $record.DiskIdentifier = [Guid]::NewGuid().ToString().ToUpperInvariant()
    Set-HvVhdFile $local (Get-HvVhdFileLength $format $Type $SizeBytes)
    $Tx.State.vhds[(Get-HvPathKey $WindowsPath)] = $record
    return $record
}

function ConvertTo-HvVirtualHardDisk($Tx, $Record) {
    $local = Get-HvLocalPath $Record.Path $Tx.Dir
    $disk = [Microsoft.Vhd.PowerShell.VirtualHardDisk]::new()
    $disk.ComputerName = $script:HvHostInfo.ComputerName
    $disk.Path = $Record.Path
    $disk.VhdFormat = [string]$Record.VhdFormat
    $disk.VhdType = [string]$Record.VhdType
    $disk.FileSize = [uint64](New-Object IO.FileInfo -ArgumentList $local).Length
    $disk.Size = [uint64]$Record.Size
    if ($Record.VhdFormat -eq 'VHDX') { $disk.MinimumSize = [uint64]3145728 }
    $disk.LogicalSectorSize = [uint32]$Record.LogicalSectorSize
    $disk.PhysicalSectorSize = [uint32]$Record.PhysicalSectorSize
    $disk.BlockSize = [uint32]$Record.BlockSize
    $disk.ParentPath = [string]$Record.ParentPath
    $disk.DiskIdentifier = [string]$Record.DiskIdentifier
    if ($Record.VhdType -ne 'Fixed') { $disk.FragmentationPercentage = [uint32]0 }
    $disk.Alignment = 1
    $disk.Attached = [bool]$Record.Attached -or (Test-HvVhdInUseByVM $Tx.State $Record.Path)
    if ($null -ne $Record.DiskNumber) {
        $disk.DiskNumber = [uint32]$Record.DiskNumber
        $disk.Number = $disk.DiskNumber
    }
    return $disk
}
