# Loads the Hyper-V enum/object types and the simulator's helpers. Compiling C# costs seconds, so
# the assembly is compiled once per source hash and PowerShell edition and cached in the temp dir.

function Import-HvSimTypes {
    if ('HyperVSimulator.Json' -as [type]) { return }
    $typesDir = Join-Path $script:HvModuleRoot 'types'
    # Every C# file of the folder, in a fixed order: the hash below depends on it.
    $sources = @(Get-ChildItem -LiteralPath $typesDir -Filter '*.cs' | Sort-Object Name | ForEach-Object { $_.FullName })
    $builder = [System.Text.StringBuilder]::new()
    foreach ($source in $sources) { [void]$builder.Append([IO.File]::ReadAllText($source)) }
    [void]$builder.Append($PSVersionTable.PSEdition).Append([Environment]::Version.ToString())
    $sha = [Security.Cryptography.SHA256]::Create()
    try {
        $hashBytes = $sha.ComputeHash([Text.Encoding]::UTF8.GetBytes($builder.ToString()))
    } finally {
        $sha.Dispose()
    }
    $hash = ([BitConverter]::ToString($hashBytes) -replace '-', '').Substring(0, 20)
    $cacheDir = Join-Path ([IO.Path]::GetTempPath()) 'hyperv-sim-types'
    $assemblyPath = Join-Path $cacheDir ('HyperVSim-' + $hash + '.dll')
    if (-not (Test-Path -LiteralPath $assemblyPath)) {
        [void][IO.Directory]::CreateDirectory($cacheDir)
        # Compile under a unique name, then move into place: parallel first loads never see a partial file.
        $partial = Join-Path $cacheDir ('HyperVSim-' + $hash + '.' + [Guid]::NewGuid().ToString('N') + '.dll')
        $compile = @{ Path = $sources; OutputAssembly = $partial; OutputType = 'Library' }
        # PowerShell 7 compiles in debug mode unless told otherwise (3-5x slower JSON handling).
        if ($PSVersionTable.PSEdition -eq 'Core') { $compile.CompilerOptions = '/optimize+' }
        Add-Type @compile
        try {
            [IO.File]::Move($partial, $assemblyPath)
        } catch {
            # Another process won the race; its identical assembly is used.
            Remove-Item -LiteralPath $partial -Force -ErrorAction SilentlyContinue
        }
    }
    Add-Type -Path $assemblyPath
}
