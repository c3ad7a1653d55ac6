# Every PowerShell file that may run on a Hyper-V host must work on Windows PowerShell 5.1.

BeforeDiscovery {
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    # The check itself runs in the suite's shell, which is Windows PowerShell 5.1 on Windows too.
    $scanned = @((Join-Path $root 'provider'), (Join-Path $PSScriptRoot 'operations'), (Join-Path $PSScriptRoot 'WindowsPowerShellCompatibility.psm1'))
    $script:files = @(Get-ChildItem -Path $scanned -Recurse -File -Include '*.ps1', '*.psm1', '*.psd1' |
            ForEach-Object { @{ Path = $_.FullName; Name = $_.FullName.Substring($root.Length + 1) } })
    $script:samples = @(
        @{ Rule = 'Ternary'; Text = '$a = $b ? 1 : 2' }
        @{ Rule = 'PipelineChain'; Text = 'Get-Item x && Remove-Item x' }
        @{ Rule = 'PipelineChain'; Text = 'Get-Item x || throw "no"' }
        @{ Rule = 'NullCoalescing'; Text = '$x ?? 1' }
        @{ Rule = 'NullCoalescing'; Text = '$x ??= 1' }
        @{ Rule = 'NullConditional'; Text = '${vm}?.Name' }
        @{ Rule = 'NullConditional'; Text = '${list}?[0]' }
        @{ Rule = 'BackgroundOperator'; Text = 'Start-Sleep 1 &' }
        @{ Rule = 'CleanBlock'; Text = 'function f { process { 1 } clean { 2 } }' }
        @{ Rule = 'UsingNamespace'; Text = 'using namespace System.IO' }
        @{ Rule = 'NewParameter'; Text = 'ConvertTo-Json -InputObject $x -AsArray' }
        @{ Rule = 'NewParameter'; Text = 'ConvertTo-Json -InputObject $x -EnumsAsStrings' }
        @{ Rule = 'NewParameter'; Text = 'ConvertTo-Json -InputObject $x -EscapeHandling EscapeNonAscii' }
        @{ Rule = 'NewParameter'; Text = 'Microsoft.PowerShell.Utility\ConvertFrom-Json -InputObject $j -AsHash' }
        @{ Rule = 'NewParameter'; Text = '$items | ForEach-Object -Parallel { $_ }' }
        @{ Rule = 'NewParameter'; Text = '$items | % -Parallel { $_ } -ThrottleLimit 2' }
        @{ Rule = 'NewParameter'; Text = 'Get-Content -Path x -AsByteStream' }
        @{ Rule = 'NewParameter'; Text = 'Join-Path a b c' }
        @{ Rule = 'NewCommand'; Text = 'Get-Error -Newest 1' }
        @{ Rule = 'NewEncoding'; Text = 'Set-Content -Path x -Value 1 -Encoding utf8NoBOM' }
        @{ Rule = 'NewEscape'; Text = '"`e[31m red"' }
        @{ Rule = 'NewEscape'; Text = '"`u{1F600}"' }
        @{ Rule = 'ReplaceScriptBlock'; Text = '"abc" -replace "b", { "B" }' }
        @{ Rule = 'ParseError'; Text = 'if ($true) {' }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'WindowsPowerShellCompatibility.psm1') -Force
}

Describe 'Windows PowerShell 5.1 compatibility of <Name>' -ForEach $files {
    It 'uses nothing Windows PowerShell 5.1 lacks' {
        $findings = @(Test-WindowsPowerShellCompatibility -Path $Path)
        $report = ($findings | ForEach-Object { "line $($_.Line): [$($_.Rule)] $($_.Message) -- $($_.Text)" }) -join "`n"
        $report | Should -BeNullOrEmpty
    }
}

Describe 'the Windows PowerShell 5.1 compatibility check' {
    It 'scans the runtime itself, including the prelude and the built-in operations' {
        $names = @($files | ForEach-Object { $_.Name -replace '\\', '/' })
        $names | Should -Contain 'provider/powershell/scripts/prelude.psm1'
        $names | Should -Contain 'provider/powershell/scripts/echo.ps1'
        $names | Should -Contain 'test/powershell/WindowsPowerShellCompatibility.psm1'
    }

    It 'reports <Rule> in: <Text>' -ForEach $samples {
        $findings = @(Test-WindowsPowerShellCompatibility -ScriptText $Text)
        @($findings | ForEach-Object { $_.Rule }) | Should -Contain $Rule
    }

    It 'passes 5.1-compatible code, including version-gated parameters passed by splatting' {
        $text = @'
param($Payload)
$arguments = @{ InputObject = $Payload; Depth = 8; Compress = $true }
if ($PSVersionTable.PSVersion -ge [version]'6.2') { $arguments.EscapeHandling = 'EscapeNonAscii' }
$value = if ($null -eq $Payload) { 1 } else { 2 }
$items = @(1, 2) | ForEach-Object { $_ * 2 }
Microsoft.PowerShell.Utility\ConvertTo-Json @arguments
"plain `t text $value"
Join-Path -Path (Join-Path 'a' 'b') -ChildPath 'c'
'@
        @(Test-WindowsPowerShellCompatibility -ScriptText $text) | Should -BeNullOrEmpty
    }

    It 'reports non-ASCII files without a byte order mark, and accepts them with one' {
        $directory = Join-Path ([System.IO.Path]::GetTempPath()) ([guid]::NewGuid().ToString())
        New-Item -ItemType Directory -Path $directory | Out-Null
        try {
            $withoutBom = Join-Path $directory 'without.ps1'
            $withBom = Join-Path $directory 'with.ps1'
            [System.IO.File]::WriteAllText($withoutBom, "'caf$([char]0xe9)'", (New-Object System.Text.UTF8Encoding $false))
            [System.IO.File]::WriteAllText($withBom, "'caf$([char]0xe9)'", (New-Object System.Text.UTF8Encoding $true))
            @(Test-WindowsPowerShellCompatibility -Path $withoutBom | ForEach-Object { $_.Rule }) | Should -Be @('NonAsciiWithoutBom')
            @(Test-WindowsPowerShellCompatibility -Path $withBom) | Should -BeNullOrEmpty
        }
        finally {
            Remove-Item -LiteralPath $directory -Recurse -Force
        }
    }
}
