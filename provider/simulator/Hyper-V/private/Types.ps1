# Loads the Hyper-V enum/object types and the simulator's helpers. Compiling C# costs seconds, so the
# assembly is compiled once per source hash and PowerShell edition and cached, in a directory only the
# current user can write: an assembly anyone else could have planted (e.g. in the shared temp directory)
# is never loaded. When no such directory can be had, the types are compiled in memory instead.

function Get-HvSimCurrentUserId {
    $id = & id -u 2>$null
    return [long]$id
}

# Unix only: true when the user owns the item and nobody else may write to it.
function Test-HvSimPrivateItem([string]$Path, [long]$UserId) {
    $property = (Get-Item -LiteralPath $Path -Force).PSObject.Properties['UnixStat']
    if ($null -eq $property -or $null -eq $property.Value) { return $false }
    $stat = $property.Value
    $groupOrOtherWrite = 18 # 0o022
    return ([long]$stat.UserId -eq $UserId) -and (([int]$stat.Mode -band $groupOrOtherWrite) -eq 0)
}

# The cache directory, created if needed, or $null when it is not private to the current user.
function Get-HvSimTypeCacheDirectory {
    $onWindows = [Environment]::OSVersion.Platform -eq [PlatformID]::Win32NT
    if ($onWindows) {
        # The per-user profile: only this user (and administrators) can write there.
        $base = $env:LOCALAPPDATA
        if (-not $base) { $base = [IO.Path]::GetTempPath() }
        $dir = [IO.Path]::Combine($base, 'pulumi-hyperv', 'simulator-types')
        [void][IO.Directory]::CreateDirectory($dir)
        return $dir
    }
    $userId = Get-HvSimCurrentUserId
    $base = $env:XDG_CACHE_HOME
    if (-not $base -and $env:HOME) { $base = [IO.Path]::Combine($env:HOME, '.cache') }
    if (-not $base) { $base = [IO.Path]::Combine([IO.Path]::GetTempPath(), 'pulumi-hyperv-' + $userId) }
    $dir = $base
    foreach ($part in @('pulumi-hyperv', 'simulator-types')) {
        $dir = [IO.Path]::Combine($dir, $part)
        if (-not [IO.Directory]::Exists($dir)) {
            [void][IO.Directory]::CreateDirectory($dir)
            & chmod 700 $dir 2>$null
        }
    }
    if (-not (Test-HvSimPrivateItem $dir $userId)) { return $null }
    return $dir
}

# Every C# file of the types folder, in a fixed order: the cache file's name depends on it.
function Get-HvSimTypeSources {
    $typesDir = Join-Path $script:HvModuleRoot 'types'
    return @(Get-ChildItem -LiteralPath $typesDir -Filter '*.cs' | Sort-Object Name | ForEach-Object { $_.FullName })
}

# The compiled types' hash: of the sources and of the runtime that compiles them.
function Get-HvSimTypeHash([string[]]$Sources) {
    $builder = [System.Text.StringBuilder]::new()
    foreach ($source in $Sources) { [void]$builder.Append([IO.File]::ReadAllText($source)) }
    [void]$builder.Append($PSVersionTable.PSEdition).Append([Environment]::Version.ToString())
    $sha = [Security.Cryptography.SHA256]::Create()
    try {
        $hashBytes = $sha.ComputeHash([Text.Encoding]::UTF8.GetBytes($builder.ToString()))
    } finally {
        $sha.Dispose()
    }
    return ([BitConverter]::ToString($hashBytes) -replace '-', '').Substring(0, 20)
}

function Import-HvSimTypes {
    if ('HyperVSimulator.Json' -as [type]) { return }
    $sources = Get-HvSimTypeSources
    # PowerShell 7 compiles in debug mode unless told otherwise (3-5x slower JSON handling).
    $compile = @{ Path = $sources }
    if ($PSVersionTable.PSEdition -eq 'Core') { $compile.CompilerOptions = '/optimize+' }
    $cacheDir = Get-HvSimTypeCacheDirectory
    if ($null -eq $cacheDir) {
        Add-Type @compile
        return
    }
    $hash = Get-HvSimTypeHash $sources
    $assemblyPath = Join-Path $cacheDir ('HyperVSim-' + $hash + '.dll')
    if (-not (Test-Path -LiteralPath $assemblyPath)) {
        # Compile under a unique name, then move into place: parallel first loads never see a partial file.
        $partial = Join-Path $cacheDir ('HyperVSim-' + $hash + '.' + [Guid]::NewGuid().ToString('N') + '.dll')
        Add-Type @compile -OutputAssembly $partial -OutputType Library
        try {
            [IO.File]::Move($partial, $assemblyPath)
        } catch {
            # Another process won the race; its identical assembly is used.
            Remove-Item -LiteralPath $partial -Force -ErrorAction SilentlyContinue
        }
    }
    $onWindows = [Environment]::OSVersion.Platform -eq [PlatformID]::Win32NT
    if (-not $onWindows -and -not (Test-HvSimPrivateItem $assemblyPath (Get-HvSimCurrentUserId))) {
        Add-Type @compile
        return
    }
    Add-Type -Path $assemblyPath
}
