# Windows paths of the simulated host map to real files under <state dir>/disks:
# C:\VMs\a.vhdx -> <state dir>/disks/c/vms/a.vhdx (lower case: Windows paths are case-insensitive);
# \\server\share\x.vhdx -> <state dir>/disks/unc/server/share/x.vhdx. Relative paths resolve against
# C:\ (the simulated host's current location); a path starting with \ or / is on drive C:.

# Normalized Windows path (backslashes, no . or .. segments, drive letter upper case).
function ConvertTo-HvWindowsPath([string]$Path) {
    if ([string]::IsNullOrWhiteSpace($Path)) { Stop-HvInvalidParameter 'The path is empty. Specify a valid path.' }
    $text = $Path.Trim().Replace('/', '\')
    $prefix = ''
    $rest = ''
    if ($text -match '^\\\\([^\\]+)\\([^\\]+)(.*)$') {
        $prefix = '\\' + $Matches[1] + '\' + $Matches[2]
        $rest = $Matches[3]
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
            if ($segments.Count -gt 0) { $segments.RemoveAt($segments.Count - 1) }
            continue
        }
        [void]$segments.Add($segment)
    }
    return $prefix + '\' + ($segments -join '\')
}

# Key of a Windows path in the state (paths compare case-insensitively).
function Get-HvPathKey([string]$WindowsPath) { return $WindowsPath.ToLowerInvariant() }

# Real file behind a normalized Windows path.
function Get-HvLocalPath([string]$WindowsPath, [string]$StateDir) {
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
    return [IO.Path]::Combine([string[]]$parts.ToArray([string]))
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
