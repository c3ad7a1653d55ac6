# Virtual hard disk helpers shared by the vhd-* operations (dot-sourced; not an operation itself).

# The disk at exactly this path, or $null when no file is there.
function Get-HvVhdAtPath([string]$Path) {
    if (-not (Test-Path -LiteralPath (Get-HvHostFilePath $Path) -PathType Leaf)) { return $null }
    $found = @(Hyper-V\Get-VHD -Path (ConvertTo-HvLiteralVhdPath $Path) -ErrorAction Stop | Where-Object { $_.Path -eq $Path })
    if ($found.Count -eq 0) { return $null }
    return $found[0]
}

function Get-HvVhdDescription($Disk) {
    $parent = $null
    if ($Disk.ParentPath) { $parent = [string]$Disk.ParentPath }
    return [pscustomobject][ordered]@{
        path          = [string]$Disk.Path
        type          = [string]$Disk.VhdType
        vhdFormat     = [string]$Disk.VhdFormat
        sizeBytes     = [long]$Disk.Size
        fileSizeBytes = [long]$Disk.FileSize
        parentPath    = $parent
    }
}

function Get-HvExistingVhd([string]$Path) {
    $disk = Get-HvVhdAtPath $Path
    if ($null -eq $disk) { throw (New-HvNotFoundRecord -Message ("No virtual hard disk exists at '{0}'." -f $Path) -TargetObject $Path) }
    return $disk
}
