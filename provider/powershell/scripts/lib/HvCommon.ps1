# Helpers shared by the operation scripts (dot-sourced; not an operation itself).

# The VM with this id, or $null. Enumerates instead of Get-VM -Id, whose "not found" looks like an argument error.
function Get-HvVmById([string]$Id) {
    $wanted = [guid]$Id
    foreach ($vm in @(Hyper-V\Get-VM -ErrorAction Stop)) {
        if ($vm.Id -eq $wanted) { return $vm }
    }
    return $null
}

# The switch with exactly this name (names may hold wildcard characters, so no -Name lookup).
function Get-HvSwitchByName([string]$Name) {
    $found = @(Hyper-V\Get-VMSwitch -ErrorAction Stop | Where-Object { $_.Name -eq $Name })
    if ($found.Count -eq 0) {
        throw (New-HvErrorRecord -Message ('No virtual switch is named "{0}"; create it first or fix switchName.' -f $Name) `
                -ErrorId 'SwitchNotFound' -Category InvalidArgument -TargetObject $Name)
    }
    if ($found.Count -gt 1) {
        throw (New-HvErrorRecord -Message ('Several virtual switches are named "{0}"; rename all but one.' -f $Name) `
                -ErrorId 'SwitchNameAmbiguous' -Category InvalidArgument -TargetObject $Name)
    }
    return $found[0]
}

# Where a host file lives: itself on a real host; the simulated host maps Windows paths into its state directory.
function Get-HvHostFilePath([string]$Path) {
    if (Get-Command -Name Resolve-VMSimPath -Module Hyper-V -ErrorAction SilentlyContinue) {
        return (Hyper-V\Resolve-VMSimPath -Path $Path)
    }
    return $Path
}

# Deletes a host file; a file that is already gone is success. The simulated host deletes it itself, so
# that it also forgets the disk and the folders the file alone needed.
function Remove-HvHostFile([string]$Path) {
    if (Get-Command -Name Remove-VMSimFile -Module Hyper-V -ErrorAction SilentlyContinue) {
        Hyper-V\Remove-VMSimFile -Path $Path -ErrorAction Stop
        return
    }
    if (Test-Path -LiteralPath $Path -PathType Leaf) { Remove-Item -LiteralPath $Path -Force -ErrorAction Stop }
}

# A Get-VHD path that names exactly this file: wildcard characters in the file name become one-character classes.
function ConvertTo-HvLiteralVhdPath([string]$Path) {
    $cut = $Path.LastIndexOf('\')
    $leaf = $Path.Substring($cut + 1)
    if (-not [Management.Automation.WildcardPattern]::ContainsWildcardCharacters($leaf)) { return $Path }
    $escaped = New-Object System.Text.StringBuilder
    foreach ($character in $leaf.ToCharArray()) {
        if ('[]*?'.IndexOf($character) -ge 0) { [void]$escaped.Append('[').Append($character).Append(']') }
        else { [void]$escaped.Append($character) }
    }
    return $Path.Substring(0, $cut + 1) + $escaped.ToString()
}
