# The simulator's compiled types are cached where only the current user can write, and an assembly
# anyone else could have put in place is never loaded. Each case runs the module in a fresh pwsh whose
# temp and cache directories are scratch directories; a planted "assembly" is garbage, so loading it
# would fail the import.

BeforeAll {
    . (Join-Path $PSScriptRoot 'SimulatorTestHelpers.ps1')

    # Imports the module in a child pwsh with the given temp/cache directories; returns its outcome.
    function Invoke-FreshModule([string] $Root, [hashtable] $Environment) {
        $state = Join-Path $Root 'state'
        [void][IO.Directory]::CreateDirectory($state)
        $child = Invoke-SimProcess $state '$vm = Hyper-V\New-VM -Name cached; (Hyper-V\Get-VM -Id $vm.Id).Name' $Environment
        $output = $child.StandardOutput.ReadToEnd()
        $errors = $child.StandardError.ReadToEnd()
        $child.WaitForExit()
        return [pscustomobject]@{ ExitCode = $child.ExitCode; Output = $output.Trim(); Errors = $errors }
    }

    # The module's choice of cache directory for a given XDG_CACHE_HOME.
    function Get-CacheDirectory([string] $CacheHome) {
        $saved = $env:XDG_CACHE_HOME
        try {
            $env:XDG_CACHE_HOME = $CacheHome
            return & (Get-Module Hyper-V) { Get-HvSimTypeCacheDirectory }
        }
        finally { $env:XDG_CACHE_HOME = $saved }
    }

    function New-Garbage([string] $Path, [string] $Mode = '600') {
        [void][IO.Directory]::CreateDirectory((Split-Path $Path))
        [IO.File]::WriteAllText($Path, 'not an assembly')
        & chmod $Mode $Path
    }

    # The cache file's name (of the sources and the runtime), as this process's module computes it.
    $script:assemblyName = & (Get-Module Hyper-V) { 'HyperVSim-' + (Get-HvSimTypeHash (Get-HvSimTypeSources)) + '.dll' }
    # One fresh run, compiling: an empty private cache, and in the shared temp directory an
    # "assembly" under the very name the module would look for, which anyone could have put there.
    $script:clean = Join-Path $TestDrive 'clean'
    New-Garbage (Join-Path $clean "tmp/hyperv-sim-types/$assemblyName") '666'
    $script:first = Invoke-FreshModule $clean @{ XDG_CACHE_HOME = (Join-Path $clean 'cache'); TMPDIR = (Join-Path $clean 'tmp') }
    $script:cacheDir = Join-Path $clean 'cache/pulumi-hyperv/simulator-types'
}

Describe 'the simulator type cache' -Skip:($IsWindows -or -not $IsCoreCLR) {
    It 'compiles into a cache directory that only the current user can use' {
        $first.ExitCode | Should -Be 0 -Because $first.Errors
        $first.Output | Should -Be 'cached'
        $assemblyName | Should -Match '^HyperVSim-[0-9A-F]{20}\.dll$'
        @(Get-ChildItem -LiteralPath $cacheDir -Filter 'HyperVSim-*.dll').Name | Should -Be @($assemblyName)
        ((Get-Item -LiteralPath $cacheDir).UnixStat.Mode -band 511) | Should -Be 448 # 0700
    }

    It 'never loads an assembly planted in the shared temp directory' {
        # The planted file is garbage: loading it would have failed the import above.
        $first.ExitCode | Should -Be 0 -Because $first.Errors
        [IO.File]::ReadAllText((Join-Path $clean "tmp/hyperv-sim-types/$assemblyName")) | Should -Be 'not an assembly'
    }

    # The decisions below are the module's own (its private functions, run in this process with the
    # cache location pointed at a scratch directory); the runs above show what a refused cache leads to.
    It 'refuses a cache directory that others may write to, and a cached file others may write' {
        $open = Join-Path $TestDrive 'open'
        $planted = Join-Path $open "cache/pulumi-hyperv/simulator-types/$assemblyName"
        New-Garbage $planted
        & chmod 777 (Split-Path $planted)
        Get-CacheDirectory (Join-Path $open 'cache') | Should -BeNullOrEmpty

        & chmod 700 (Split-Path $planted)
        Get-CacheDirectory (Join-Path $open 'cache') | Should -Be (Split-Path $planted)
        & chmod 666 $planted
        & (Get-Module Hyper-V) { param($path) Test-HvSimPrivateItem $path (Get-HvSimCurrentUserId) } $planted | Should -BeFalse
        & chmod 600 $planted
        & (Get-Module Hyper-V) { param($path) Test-HvSimPrivateItem $path (Get-HvSimCurrentUserId) } $planted | Should -BeTrue
    }

    It 'refuses a cache directory that belongs to another user' -Skip:((& id -u) -ne '0') {
        $foreign = Join-Path $TestDrive 'foreign'
        $planted = Join-Path $foreign "cache/pulumi-hyperv/simulator-types/$assemblyName"
        New-Garbage $planted
        & chmod 700 (Split-Path $planted)
        & chown -R 65534 (Join-Path $foreign 'cache/pulumi-hyperv')
        Get-CacheDirectory (Join-Path $foreign 'cache') | Should -BeNullOrEmpty
    }
}
