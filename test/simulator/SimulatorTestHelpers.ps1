# Shared setup of the simulator's Pester suites: the module from the source tree and one fresh
# state directory per test (dot-source in BeforeAll, call New-SimStateDirectory in BeforeEach).

$script:SimModuleRoot = [IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../../provider/simulator'))
$script:SimManifest = Join-Path $script:SimModuleRoot 'Hyper-V/Hyper-V.psd1'
Import-Module $script:SimManifest

# The pwsh executable for child processes: the test runner's (HYPERV_PWSH), else the one on PATH.
$script:SimPwsh = $env:HYPERV_PWSH
if ([string]::IsNullOrEmpty($script:SimPwsh)) { $script:SimPwsh = (Get-Command pwsh -CommandType Application | Select-Object -First 1).Source }

function New-SimStateDirectory {
    $dir = Join-Path ([IO.Path]::GetTempPath()) ('hyperv-sim-test-' + [Guid]::NewGuid().ToString('N'))
    [void][IO.Directory]::CreateDirectory($dir)
    $env:HYPERV_SIM_STATE_DIR = $dir
    # Every save checks that each VM record it copies from remembered text is really unchanged.
    $env:HYPERV_SIM_VERIFY_WRITES = '1'
    return $dir
}

function Remove-SimStateDirectory([string]$Dir) {
    $env:HYPERV_SIM_STATE_DIR = $null
    $env:HYPERV_SIM_VERIFY_WRITES = $null
    if ($Dir -and (Test-Path -LiteralPath $Dir)) { Remove-Item -LiteralPath $Dir -Recurse -Force }
}

# The error record a simulated cmdlet writes (call it with -ErrorAction Stop inside the block).
function Get-SimError([scriptblock]$Script) {
    try {
        $null = & $Script
    } catch {
        return $_
    }
    return $null
}

# Runs a command in a fresh pwsh process against the given state directory; returns its exit code.
function Invoke-SimProcess([string]$StateDir, [string]$ScriptText, [hashtable]$Environment = @{}) {
    $info = New-Object System.Diagnostics.ProcessStartInfo
    $info.FileName = $script:SimPwsh
    foreach ($arg in @('-NoProfile', '-NonInteractive', '-Command', $ScriptText)) { $info.ArgumentList.Add($arg) }
    $info.UseShellExecute = $false
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.Environment['HYPERV_SIM_STATE_DIR'] = $StateDir
    $info.Environment['TERM'] = 'dumb'
    $info.Environment['PSModulePath'] = $script:SimModuleRoot + [IO.Path]::PathSeparator + $env:PSModulePath
    foreach ($key in $Environment.Keys) { $info.Environment[$key] = $Environment[$key] }
    return [System.Diagnostics.Process]::Start($info)
}
