# Windows paths of the simulated host map to real files under <state dir>/disks:
# C:\VMs\a.vhdx -> <state dir>/disks/c/vms/a.vhdx (lower case: Windows paths are case-insensitive);
# \\server\share\x.vhdx -> <state dir>/disks/unc/server/share/x.vhdx. Relative paths resolve against
# C:\ (the simulated host's current location); a path starting with \ or / is on drive C:.

# The error a host gives for a path it cannot use (InvalidParameter, InvalidArgument).
function Stop-HvBadPath([string]$Path, [string]$Why) {
    Stop-HvInvalidParameter ("The path '{0}' is not valid: {1}." -f ($Path -replace '[\x00-\x1f]', '?'), $Why) $Path
}

# Normalized Windows path (backslashes, no . or .. segments, drive letter upper case). Only such a
# path maps into the state directory: device paths, NUL and control characters, UNC servers or
# shares named . or .., and .. past the drive or share are refused.
function ConvertTo-HvWindowsPath([string]$Path) {
    if ([string]::IsNullOrWhiteSpace($Path)) { Stop-HvInvalidParameter 'The path is empty. Specify a valid path.' }
    if ($Path -match '[\x00-\x1f]') { Stop-HvBadPath $Path 'it contains NUL or control characters' }
    $text = $Path.Trim().Replace('/', '\')
    if ($text -match '^\\\\[.?]\\') { Stop-HvBadPath $Path 'device paths are not supported' }
    $prefix = ''
    $rest = ''
    if ($text -match '^\\\\([^\\]+)\\([^\\]+)(.*)$') {
        $server, $share, $rest = $Matches[1], $Matches[2], $Matches[3]
        if ($server -match '^\.+$' -or $share -match '^\.+$') { Stop-HvBadPath $Path 'the server and share must be names' }
        $prefix = '\\' + $server + '\' + $share
    } elseif ($text -match '^([A-Za-z]):(.*)$') {
        $prefix = $Matches[1].ToUpperInvariant() + ':'
        $rest = $Matches[2]
    } elseif ($text.StartsWith('\')) {
        $prefix = 'C:'
        $rest = $text
    } else {
        $prefix = 'C:'
        $rest = '\' + $text
    }
    if ($rest.IndexOfAny([char[]]'<>"|?*') -ge 0) {
        Stop-HvInvalidParameter ("The path '{0}' contains characters that are not valid in a file name." -f $Path) $Path
    }
    $segments = [System.Collections.ArrayList]::new()
    foreach ($segment in $rest.Split([char]'\')) {
        if ($segment -eq '' -or $segment -eq '.') { continue }
        if ($segment -eq '..') {
            if ($segments.Count -eq 0) { Stop-HvBadPath $Path '".." leaves the root of its drive or share' }
            $segments.RemoveAt($segments.Count - 1)
            continue
        }
        [void]$segments.Add($segment)
    }
    return $prefix + '\' + ($segments -join '\')
}

# Key of a Windows path in the state (paths compare case-insensitively).
function Get-HvPathKey([string]$WindowsPath) { return $WindowsPath.ToLowerInvariant() }

# Real file behind a Windows path: normalized again here (callers may hold a path from a file such
# as an export's configuration), and never outside <state dir>/disks.
function Get-HvLocalPath([string]$WindowsPath, [string]$StateDir) {
    $given = $WindowsPath
    $WindowsPath = ConvertTo-HvWindowsPath $WindowsPath
    $lower = $WindowsPath.ToLowerInvariant()
    $parts = [System.Collections.ArrayList]::new()
    [void]$parts.Add($StateDir)
    [void]$parts.Add('disks')
    if ($lower.StartsWith('\\')) {
        [void]$parts.Add('unc')
        $lower = $lower.Substring(2)
    } else {
        [void]$parts.Add($lower.Substring(0, 1))
        $lower = $lower.Substring(2)
    }
    foreach ($segment in $lower.Split([char]'\')) {
        if ($segment -ne '') { [void]$parts.Add($segment) }
    }
    $local = [IO.Path]::GetFullPath([IO.Path]::Combine([string[]]$parts.ToArray([string])))
    $area = [IO.Path]::GetFullPath([IO.Path]::Combine($StateDir, 'disks')) + [IO.Path]::DirectorySeparatorChar
    if (-not $local.StartsWith($area, [StringComparison]::Ordinal)) { Stop-HvBadPath $given 'it is outside the host''s storage' }
    return $local
}

function Get-HvPathExtension([string]$WindowsPath) {
    $leaf = $WindowsPath.Substring($WindowsPath.LastIndexOf('\') + 1)
    $dot = $leaf.LastIndexOf('.')
    if ($dot -lt 0) { return '' }
    return $leaf.Substring($dot).ToLowerInvariant()
}

function Join-HvWindowsPath([string]$Parent, [string]$Child) {
    return ConvertTo-HvWindowsPath ($Parent.TrimEnd('\') + '\' + $Child)
}

# True for a bare file name (no directory part), which New-VM resolves against host folders.
function Test-HvBareFileName([string]$Path) {
    return ($Path.IndexOfAny([char[]]'\/:') -lt 0)
}

# Removes $Folder and each parent left empty, up to (not including) the state directory.
function Remove-HvEmptyFolders([string]$Folder, [string]$StateDir) {
    $root = [IO.Path]::GetFullPath($StateDir).TrimEnd([IO.Path]::DirectorySeparatorChar)
    $current = [IO.Path]::GetFullPath($Folder)
    while ($current.Length -gt $root.Length -and $current.StartsWith($root + [IO.Path]::DirectorySeparatorChar) -and
        [IO.Directory]::Exists($current) -and -not [IO.Directory]::EnumerateFileSystemEntries($current).GetEnumerator().MoveNext()) {
        [IO.Directory]::Delete($current)
        $current = [IO.Path]::GetDirectoryName($current)
    }
}
