# Runs the project's Pester suites (test/**/*.Tests.ps1) and prints one summary line that
# scripts/test.mjs reads: PESTER-SUMMARY {"passed":N,"failed":N,"skipped":N}
param(
    [Parameter(Mandatory = $true)][string] $PesterManifest,
    [string[]] $Path = @([System.IO.Path]::Combine($PSScriptRoot, '..', 'test')),
    [string] $ResultFile = ''
)
$ErrorActionPreference = 'Stop'
# `pwsh -File` passes "a,b" as one string: split it into the paths it names.
$Path = @($Path | ForEach-Object { $_ -split ',' } | Where-Object { $_ })
Import-Module $PesterManifest -Force
$config = New-PesterConfiguration
$config.Run.Path = $Path
$config.Run.PassThru = $true
$config.Run.Exit = $false
$config.Output.Verbosity = 'Normal'
if ($ResultFile) {
    $config.TestResult.Enabled = $true
    $config.TestResult.OutputFormat = 'JUnitXml'
    $config.TestResult.OutputPath = $ResultFile
}
$result = Invoke-Pester -Configuration $config
$summary = [ordered]@{
    passed  = $result.PassedCount
    failed  = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    skipped = $result.SkippedCount + $result.NotRunCount
}
Write-Output ('PESTER-SUMMARY ' + (ConvertTo-Json -InputObject $summary -Compress))
