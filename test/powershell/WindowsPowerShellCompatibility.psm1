# Checks PowerShell source for syntax, cmdlets and parameters that Windows PowerShell 5.1 lacks. Many
# Hyper-V hosts only have 5.1, so every script that may run there must pass.
#
# The source is parsed with PowerShell's own parser and the syntax tree is searched; nothing is run.
# The check knows the common PowerShell 6+ additions; it is a safety net, not a 5.1 parser.

Set-StrictMode -Version 3.0

# Parameters added after 5.1, by cmdlet.
$script:NewParameters = @{
    'ConvertTo-Json'    = @('AsArray', 'EnumsAsStrings', 'EscapeHandling')
    'ConvertFrom-Json'  = @('AsHashtable', 'NoEnumerate', 'DateKind', 'Depth')
    'ForEach-Object'    = @('Parallel', 'ThrottleLimit', 'TimeoutSeconds', 'AsJob', 'UseNewRunspace')
    'Get-Content'       = @('AsByteStream')
    'Set-Content'       = @('AsByteStream')
    'Add-Content'       = @('AsByteStream')
    'Invoke-WebRequest' = @('SkipCertificateCheck', 'Authentication', 'Token', 'SslProtocol', 'SkipHeaderValidation',
        'MaximumRetryCount', 'RetryIntervalSec', 'StatusCodeVariable', 'ResponseHeadersVariable', 'Form', 'Resume',
        'SkipHttpErrorCheck', 'NoProxy')
    'Invoke-RestMethod' = @('SkipCertificateCheck', 'Authentication', 'Token', 'SslProtocol', 'SkipHeaderValidation',
        'MaximumRetryCount', 'RetryIntervalSec', 'StatusCodeVariable', 'ResponseHeadersVariable', 'Form', 'Resume',
        'SkipHttpErrorCheck', 'NoProxy', 'FollowRelLink')
    'Join-Path'         = @('AdditionalChildPath')
    'Select-String'     = @('Raw', 'NoEmphasis')
    'Test-Connection'   = @('TargetName', 'Ping', 'Traceroute', 'TcpPort', 'MtuSize', 'Repeat')
    'Get-ChildItem'     = @('FollowSymlink')
    'Start-Process'     = @('Environment')
    'Import-Module'     = @('UseWindowsPowerShell', 'SkipEditionCheck')
    'Split-Path'        = @('LeafBase', 'Extension')
    'Get-Date'          = @('AsUTC', 'UnixTimeSeconds')
    'Sort-Object'       = @('Top', 'Bottom', 'Stable')
    'Get-Random'        = @('Shuffle')
    'Out-File'          = @()
}

# Cmdlets that do not exist in Windows PowerShell 5.1.
$script:NewCommands = @('Get-Error', 'Test-Json', 'ConvertFrom-Markdown', 'Show-Markdown', 'Get-MarkdownOption',
    'Set-MarkdownOption', 'Get-Uptime', 'Remove-Alias', 'Remove-Service', 'Join-String', 'Get-PSSubsystem',
    'Start-ThreadJob', 'ConvertTo-CliXml', 'ConvertFrom-CliXml', 'Get-SecureRandom', 'Enable-ExperimentalFeature',
    'Disable-ExperimentalFeature', 'Get-ExperimentalFeature')

# Encoding names only PowerShell 6+ accepts.
$script:NewEncodings = @('utf8NoBOM', 'utf8BOM', 'ansi')

$script:Aliases = @{ '%' = 'ForEach-Object'; 'foreach' = 'ForEach-Object'; '?' = 'Where-Object'; 'where' = 'Where-Object';
    'gc' = 'Get-Content'; 'sc' = 'Set-Content'; 'ac' = 'Add-Content'; 'iwr' = 'Invoke-WebRequest'; 'irm' = 'Invoke-RestMethod';
    'sls' = 'Select-String'; 'gci' = 'Get-ChildItem'; 'ls' = 'Get-ChildItem'; 'dir' = 'Get-ChildItem'; 'ipmo' = 'Import-Module';
    'sort' = 'Sort-Object'; 'start' = 'Start-Process'; 'saps' = 'Start-Process' }

function New-CompatibilityFinding {
    param([string] $Path, [object] $Extent, [string] $Rule, [string] $Message)
    $line = 0; $column = 0; $text = ''
    if ($null -ne $Extent) {
        $line = $Extent.StartLineNumber; $column = $Extent.StartColumnNumber
        $text = ($Extent.Text -split "`n")[0]
    }
    [pscustomobject]@{ Path = $Path; Line = $line; Column = $column; Rule = $Rule; Message = $Message; Text = $text }
}

function Get-CommandBaseName {
    param([System.Management.Automation.Language.CommandAst] $Command)
    $name = $Command.GetCommandName()
    if (-not $name) { return $null }
    if ($name.Contains('\')) { $name = $name.Substring($name.LastIndexOf('\') + 1) }
    if ($script:Aliases.ContainsKey($name)) { return $script:Aliases[$name] }
    return $name
}

function Test-ParameterMatch {
    # PowerShell accepts unambiguous prefixes of parameter names, so '-AsHash' counts as -AsHashtable.
    param([string] $Written, [string] $Parameter)
    if ($Written -eq $Parameter) { return $true }
    return $Written.Length -ge 3 -and $Parameter.StartsWith($Written, [System.StringComparison]::OrdinalIgnoreCase)
}

function Find-CommandProblems {
    param([System.Management.Automation.Language.Ast] $Ast, [string] $Path)
    $commands = $Ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.CommandAst] }, $true)
    foreach ($command in $commands) {
        $name = Get-CommandBaseName $command
        if (-not $name) { continue }
        $known = @($script:NewCommands | Where-Object { $_ -eq $name })
        if ($known.Count -gt 0) {
            New-CompatibilityFinding $Path $command.Extent 'NewCommand' "'$name' does not exist in Windows PowerShell 5.1."
        }
        $elements = @($command.CommandElements)
        $newParameters = @()
        foreach ($key in $script:NewParameters.Keys) { if ($key -eq $name) { $newParameters = $script:NewParameters[$key] } }
        $positional = 0
        for ($index = 1; $index -lt $elements.Count; $index++) {
            $element = $elements[$index]
            if ($element -is [System.Management.Automation.Language.CommandParameterAst]) {
                foreach ($parameter in $newParameters) {
                    if (Test-ParameterMatch $element.ParameterName $parameter) {
                        New-CompatibilityFinding $Path $element.Extent 'NewParameter' "$name -$parameter does not exist in Windows PowerShell 5.1."
                    }
                }
                if ($element.ParameterName -eq 'Encoding') {
                    $value = $element.Argument
                    if ($null -eq $value -and $index + 1 -lt $elements.Count) { $value = $elements[$index + 1] }
                    if ($value -is [System.Management.Automation.Language.StringConstantExpressionAst] -and
                        @($script:NewEncodings | Where-Object { $_ -eq $value.Value }).Count -gt 0) {
                        New-CompatibilityFinding $Path $value.Extent 'NewEncoding' "-Encoding $($value.Value) does not exist in Windows PowerShell 5.1; use UTF8 (with BOM) or write bytes with [System.IO.File]."
                    }
                }
                if ($null -eq $element.Argument -and $index + 1 -lt $elements.Count -and
                    -not ($elements[$index + 1] -is [System.Management.Automation.Language.CommandParameterAst])) {
                    $index++
                }
            }
            else { $positional++ }
        }
        if ($name -eq 'Join-Path' -and $positional -gt 2) {
            New-CompatibilityFinding $Path $command.Extent 'NewParameter' 'Join-Path takes only two positional paths in Windows PowerShell 5.1; nest Join-Path calls.'
        }
    }
}

function Find-SyntaxProblems {
    param([System.Management.Automation.Language.Ast] $Ast, [string] $Path)
    $nodes = $Ast.FindAll({ param($node) $true }, $true)
    foreach ($node in $nodes) {
        $type = $node.GetType().Name
        switch ($type) {
            'TernaryExpressionAst' {
                New-CompatibilityFinding $Path $node.Extent 'Ternary' "The ternary operator '? :' needs PowerShell 7; use if/else."
            }
            'PipelineChainAst' {
                New-CompatibilityFinding $Path $node.Extent 'PipelineChain' "Pipeline chains '&&' and '||' need PowerShell 7; use if (`$?) or try/catch."
            }
            'BinaryExpressionAst' {
                $operator = $node.Operator.ToString()
                if ($operator -eq 'QuestionQuestion') {
                    New-CompatibilityFinding $Path $node.Extent 'NullCoalescing' "The '??' operator needs PowerShell 7; use if (`$null -eq ...)."
                }
                if (@('Ireplace', 'Creplace', 'Replace') -contains $operator -and $node.Right -is [System.Management.Automation.Language.ArrayLiteralAst]) {
                    $replacement = @($node.Right.Elements)
                    if ($replacement.Count -ge 2 -and $replacement[1] -is [System.Management.Automation.Language.ScriptBlockExpressionAst]) {
                        New-CompatibilityFinding $Path $node.Extent 'ReplaceScriptBlock' "-replace with a script block needs PowerShell 6; use [regex]::Replace with a MatchEvaluator."
                    }
                }
            }
            'AssignmentStatementAst' {
                if ($node.Operator.ToString() -eq 'QuestionQuestionEquals') {
                    New-CompatibilityFinding $Path $node.Extent 'NullCoalescing' "The '??=' operator needs PowerShell 7; use if (`$null -eq ...)."
                }
            }
            'PipelineAst' {
                $background = $node.PSObject.Properties['Background']
                if ($null -ne $background -and $background.Value) {
                    New-CompatibilityFinding $Path $node.Extent 'BackgroundOperator' "The background operator '&' needs PowerShell 6; use Start-Job."
                }
            }
            'ScriptBlockAst' {
                $clean = $node.PSObject.Properties['CleanBlock']
                if ($null -ne $clean -and $null -ne $clean.Value) {
                    New-CompatibilityFinding $Path $clean.Value.Extent 'CleanBlock' "The 'clean' block needs PowerShell 7.3; use try/finally."
                }
            }
            'UsingStatementAst' {
                if ($node.UsingStatementKind.ToString() -eq 'Namespace') {
                    New-CompatibilityFinding $Path $node.Extent 'UsingNamespace' "Avoid 'using namespace': Windows PowerShell 5.1 applies it only while parsing this file, not in script blocks sent elsewhere; write full type names."
                }
            }
            'StringConstantExpressionAst' { }
            'ExpandableStringExpressionAst' { }
            default { }
        }
        foreach ($nullConditional in @('MemberExpressionAst', 'InvokeMemberExpressionAst', 'IndexExpressionAst')) {
            if ($type -eq $nullConditional) {
                $flag = $node.PSObject.Properties['NullConditional']
                if ($null -ne $flag -and $flag.Value) {
                    New-CompatibilityFinding $Path $node.Extent 'NullConditional' "Null-conditional access '?.' / '?[]' needs PowerShell 7; test for `$null first."
                }
            }
        }
        if ($type -eq 'ExpandableStringExpressionAst' -or
            ($type -eq 'StringConstantExpressionAst' -and @('DoubleQuoted', 'DoubleQuotedHereString') -contains $node.StringConstantType.ToString())) {
            if ($node.Extent.Text -match '(?<!`)`(e|u\{)') {
                New-CompatibilityFinding $Path $node.Extent 'NewEscape' "The escapes ``e and ``u{...} need PowerShell 6; use [char] codes."
            }
        }
    }
}

function Test-WindowsPowerShellCompatibility {
    <#
    .SYNOPSIS
    Reports what in a PowerShell file (or text) would fail on Windows PowerShell 5.1. No output means none found.
    .EXAMPLE
    Test-WindowsPowerShellCompatibility -Path ./provider/powershell/scripts/prelude.psm1
    .EXAMPLE
    Test-WindowsPowerShellCompatibility -ScriptText '$a ?? 1'
    #>
    [CmdletBinding(DefaultParameterSetName = 'Path')]
    param(
        [Parameter(Mandatory = $true, ParameterSetName = 'Path', ValueFromPipeline = $true)][string] $Path,
        [Parameter(Mandatory = $true, ParameterSetName = 'Text')][string] $ScriptText
    )
    process {
        $tokens = $null
        $parseErrors = $null
        $label = '<text>'
        if ($PSCmdlet.ParameterSetName -eq 'Path') {
            $label = $Path
            $bytes = [System.IO.File]::ReadAllBytes($Path)
            $hasBom = $bytes.Length -ge 3 -and $bytes[0] -eq 0xEF -and $bytes[1] -eq 0xBB -and $bytes[2] -eq 0xBF
            $nonAscii = @($bytes | Where-Object { $_ -ge 0x80 }).Count -gt 0
            if ($nonAscii -and -not $hasBom) {
                New-CompatibilityFinding $label $null 'NonAsciiWithoutBom' 'The file has non-ASCII characters but no UTF-8 byte order mark; Windows PowerShell 5.1 would read it in the ANSI code page. Save it as UTF-8 with BOM or keep it ASCII.'
            }
            $ast = [System.Management.Automation.Language.Parser]::ParseFile($Path, [ref]$tokens, [ref]$parseErrors)
        }
        else {
            $ast = [System.Management.Automation.Language.Parser]::ParseInput($ScriptText, [ref]$tokens, [ref]$parseErrors)
        }
        foreach ($parseError in @($parseErrors)) {
            New-CompatibilityFinding $label $parseError.Extent 'ParseError' $parseError.Message
        }
        Find-SyntaxProblems -Ast $ast -Path $label
        Find-CommandProblems -Ast $ast -Path $label
    }
}

Export-ModuleMember -Function Test-WindowsPowerShellCompatibility
