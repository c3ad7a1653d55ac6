# The prelude: loaded once per PowerShell session, it dispatches operations.
#
# Every call from Node.js is one line: Invoke-HvOperation -Operation '<name>' -Payload '<base64 of UTF-8 JSON>'
# -Nonce '<hex>'. The operation runs the static script '<name>.ps1' from the script directories with the
# decoded payload as its -Payload argument, and the outcome is printed as one compressed, ASCII-only JSON
# envelope on one line behind the nonce:
#   @@HYPERV <nonce> {"ok":true,"data":...,"warnings":[...],"error":null}
#   @@HYPERV <nonce> {"ok":false,"data":null,"warnings":[...],"error":{"category":...}}
#
# Operation scripts: `param($Payload)`, emit exactly one object (`,@($list)` for a list, nothing for null),
# throw on failure (see New-HvErrorRecord; New-HvNotFoundRecord only when a lookup found nothing), read
# secrets with Get-HvSecret. Warnings are collected into the envelope; verbose, debug and host output are
# dropped; nothing an operation writes reaches stderr.
#
# This file must stay Windows PowerShell 5.1 compatible: parameters that only exist in PowerShell 6+ are
# passed by splatting, guarded by a version check.

Set-StrictMode -Version 3.0

$script:EnvelopeMarker = '@@HYPERV'
$script:OperationNamePattern = '^[a-z][a-z0-9]*(-[a-z0-9]+)*$'
$script:ScriptDirectories = @()
$script:ScriptPathCache = @{}
$script:HvPreludeSecrets = @{}
$script:JsonDepth = 64
# The version whose features the prelude uses. HYPERV_PS_PRELUDE_AS_VERSION (for tests only; e.g. '5.1' or
# '7.4') can lower it, so the branches written for older versions run, and are tested, on a newer pwsh.
$script:FeatureVersion = New-Object System.Version -ArgumentList $PSVersionTable.PSVersion.Major, $PSVersionTable.PSVersion.Minor
if ($env:HYPERV_PS_PRELUDE_AS_VERSION) {
    $forced = [version]$env:HYPERV_PS_PRELUDE_AS_VERSION
    if ($forced -lt $script:FeatureVersion) { $script:FeatureVersion = $forced }
}
$script:IsCore = $script:FeatureVersion.Major -ge 6
$script:CanEscapeNonAscii = $script:FeatureVersion -ge [version]'6.2'
$script:HasPSStyle = $script:FeatureVersion -ge [version]'7.2'
$script:CanReadDatesAsStrings = $script:FeatureVersion -ge [version]'7.5'

Import-Module -Name ([System.IO.Path]::Combine($PSScriptRoot, 'JsonReader.psm1')) -Force
Import-Module -Name ([System.IO.Path]::Combine($PSScriptRoot, 'ParentWatchdog.psm1')) -Force
# Windows PowerShell 5.1 serializes arrays inside objects as {"value":[...],"Count":n} because of an
# extended type property on System.Array; removing that type data restores plain JSON arrays.
if (-not $script:IsCore) { Remove-TypeData -TypeName System.Array -ErrorAction SilentlyContinue }

function New-HvErrorRecord {
    <#
    .SYNOPSIS
    Builds an ErrorRecord that an operation script throws to report a typed failure.
    .EXAMPLE
    throw (New-HvErrorRecord -Message 'The VM must be off.' -ErrorId 'VmNotOff' -Category InvalidOperation -TargetObject $id)
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)][string] $Message,
        [Parameter(Mandatory = $true)][string] $ErrorId,
        [System.Management.Automation.ErrorCategory] $Category = [System.Management.Automation.ErrorCategory]::NotSpecified,
        [object] $TargetObject = $null
    )
    $exception = New-Object System.Management.Automation.RuntimeException -ArgumentList $Message
    return New-Object System.Management.Automation.ErrorRecord -ArgumentList $exception, $ErrorId, $Category, $TargetObject
}

function New-HvNotFoundRecord {
    <#
    .SYNOPSIS
    Builds the one error that tells the caller "the object is gone" (error id HvObjectNotFound).
    .DESCRIPTION
    Hyper-V reports a missing object and a bad argument alike (Get-VM -Id of an unknown VM is
    InvalidParameter/InvalidArgument), so no cmdlet error is read as "gone". A read script throws this
    record only after looking the object up (a VM by id, a VHD file by path, a switch by id) and finding
    nothing; the caller then drops the object from its state.
    .EXAMPLE
    throw (New-HvNotFoundRecord -Message "No virtual machine has the id '$id'." -TargetObject $id)
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)][string] $Message,
        [object] $TargetObject = $null
    )
    $exception = New-Object System.Management.Automation.ItemNotFoundException -ArgumentList $Message
    return New-Object System.Management.Automation.ErrorRecord -ArgumentList $exception, 'HvObjectNotFound', `
        ([System.Management.Automation.ErrorCategory]::ObjectNotFound), $TargetObject
}

function Get-HvSecret {
    <#
    .SYNOPSIS
    Returns a secret that the session received out of band (never through command text).
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory = $true)][string] $Name)
    # Read unqualified: called from an operation script, `$script:` would mean that script's scope.
    $secrets = $HvPreludeSecrets
    if (-not $secrets.ContainsKey($Name)) {
        throw (New-HvErrorRecord -Message "No secret named '$Name' was given to this PowerShell session." `
                -ErrorId 'SecretNotFound' -Category InvalidArgument -TargetObject $Name)
    }
    return $secrets[$Name]
}

function ConvertFrom-HvJson {
    # One result on every version: [hashtable]s with case-sensitive keys, object arrays, no dates. From 7.5
    # ConvertFrom-Json gives exactly that (its OrderedHashtable is a case-sensitive Hashtable); before, it
    # turns date-like text into DateTime (and 5.1 makes case-insensitive objects), so JsonReader.psm1 reads.
    param([string] $Json)
    if ($script:CanReadDatesAsStrings) {
        $arguments = @{ InputObject = $Json; AsHashtable = $true; NoEnumerate = $true; DateKind = 'String'; Depth = 1024 }
        try { $value = ConvertFrom-Json @arguments }
        catch {
            throw (New-HvErrorRecord -Message ('The payload is not valid JSON: ' + $_.Exception.Message) `
                    -ErrorId 'InvalidPayloadJson' -Category InvalidData)
        }
        return , $value
    }
    return , (ConvertFrom-HvJsonText -Json $Json)
}

function Protect-HvNonAscii {
    # Escapes every non-ASCII character as \uXXXX; only used where ConvertTo-Json cannot (before 6.2).
    param([string] $Json)
    return [regex]::Replace($Json, '[^\x00-\x7F]', [System.Text.RegularExpressions.MatchEvaluator] {
            param($match)
            return '\u' + ([int]$match.Value[0]).ToString('x4')
        })
}

function Get-HvJsonNesting {
    # How deeply the containers of compressed JSON text nest (strings removed first, so their brackets do not
    # count). Linear: .NET regular expressions do the scanning.
    param([string] $Json)
    $skeleton = [regex]::Replace([regex]::Replace($Json, '"[^"\\]*(?:\\.[^"\\]*)*"', ''), '[^\[\]{}]', '')
    $depth = 0
    $deepest = 0
    foreach ($character in $skeleton.ToCharArray()) {
        if ($character -eq '{' -or $character -eq '[') {
            $depth++
            if ($depth -gt $deepest) { $deepest = $depth }
        }
        else { $depth-- }
    }
    return $deepest
}

function ConvertTo-HvJson {
    param([object] $Value)
    # Levels deeper than -Depth silently become type names, and only some versions warn about it. So
    # serialize one level deeper than allowed and measure: text that nests deeper than the allowed depth
    # allows means the data was too deep, whatever the version.
    $arguments = @{
        InputObject   = $Value
        Depth         = $script:JsonDepth + 1
        Compress      = $true
        WarningAction = 'SilentlyContinue'
    }
    if ($script:CanEscapeNonAscii) { $arguments.EscapeHandling = 'EscapeNonAscii' }
    $json = ConvertTo-Json @arguments
    if ((Get-HvJsonNesting $json) -gt $script:JsonDepth + 1) {
        throw (New-HvErrorRecord -Message "The result is nested deeper than $($script:JsonDepth) levels; return plain data objects." `
                -ErrorId 'ResultTooDeep' -Category InvalidResult)
    }
    if ($script:CanEscapeNonAscii) { return $json }
    return Protect-HvNonAscii $json
}

function ConvertTo-HvTargetText {
    param([object] $Target)
    if ($null -eq $Target) { return $null }
    if ($Target -is [string]) { return $Target }
    $id = $Target.PSObject.Properties['Id']
    if ($null -ne $id -and $null -ne $id.Value) { return [string]$id.Value }
    return [string]$Target
}

function ConvertTo-HvErrorInfo {
    param([System.Management.Automation.ErrorRecord] $Record, [string] $Operation)
    $message = $Record.Exception.Message
    if ($null -ne $Record.ErrorDetails -and $Record.ErrorDetails.Message) { $message = $Record.ErrorDetails.Message }
    return [ordered]@{
        category              = $Record.CategoryInfo.Category.ToString()
        fullyQualifiedErrorId = [string]$Record.FullyQualifiedErrorId
        message               = [string]$message
        targetObject          = ConvertTo-HvTargetText $Record.TargetObject
        operation             = $Operation
        exceptionType         = $Record.Exception.GetType().FullName
    }
}

function Assert-HvScriptHasNoExit {
    # `exit` in an operation script ends the script as `return` would, so its caller would read a failed
    # operation as a success with no data. Refuse such a script before it runs, so none of it takes effect.
    param([string] $Path, [string] $Operation)
    $tokens = $null
    $parseErrors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseFile($Path, [ref]$tokens, [ref]$parseErrors)
    $exits = $ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.ExitStatementAst] }, $true)
    foreach ($node in $exits) {
        throw (New-HvErrorRecord -Message ("The script of operation '$Operation' calls 'exit' (line " + $node.Extent.StartLineNumber +
                "); an operation reports failure with 'throw' and ends early with 'return'.") `
                -ErrorId 'OperationCallsExit' -Category InvalidResult -TargetObject $Operation)
    }
}

function Resolve-HvOperationScript {
    param([string] $Operation)
    if ($script:ScriptPathCache.ContainsKey($Operation)) { return $script:ScriptPathCache[$Operation] }
    foreach ($directory in $script:ScriptDirectories) {
        $candidate = [System.IO.Path]::Combine($directory, $Operation + '.ps1')
        if ([System.IO.File]::Exists($candidate)) {
            Assert-HvScriptHasNoExit -Path $candidate -Operation $Operation
            $script:ScriptPathCache[$Operation] = $candidate
            return $candidate
        }
    }
    return $null
}

function Invoke-HvOperationCore {
    <#
    .SYNOPSIS
    Runs one operation and returns its envelope as one line of ASCII JSON (no marker, no nonce).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)][AllowEmptyString()][string] $Operation,
        [Parameter(Mandatory = $true)][AllowEmptyString()][string] $Payload
    )
    $ErrorActionPreference = 'Stop'
    $ProgressPreference = 'SilentlyContinue'
    $ConfirmPreference = 'None'
    $warnings = New-Object System.Collections.Generic.List[string]
    $envelope = [ordered]@{ ok = $false; data = $null; warnings = $null; error = $null }
    try {
        if ($Operation -cnotmatch $script:OperationNamePattern) {
            throw (New-HvErrorRecord -Message "'$Operation' is not a valid operation name." `
                    -ErrorId 'InvalidOperationName' -Category InvalidArgument -TargetObject $Operation)
        }
        $scriptPath = Resolve-HvOperationScript $Operation
        if ($null -eq $scriptPath) {
            throw (New-HvErrorRecord -Message "No script implements the operation '$Operation'." `
                    -ErrorId 'OperationNotFound' -Category NotImplemented -TargetObject $Operation)
        }
        $json = 'null'
        if ($Payload.Length -gt 0) { $json = [System.Text.Encoding]::UTF8.GetString([System.Convert]::FromBase64String($Payload)) }
        $arguments = ConvertFrom-HvJson $json
        $results = New-Object System.Collections.Generic.List[object]
        # Streamed, so warnings written before a failure are kept.
        & $scriptPath -Payload $arguments *>&1 | ForEach-Object {
            if ($_ -is [System.Management.Automation.WarningRecord]) { $warnings.Add($_.Message) }
            elseif ($_ -is [System.Management.Automation.ErrorRecord]) { $warnings.Add('error: ' + $_.Exception.Message) }
            elseif ($_ -is [System.Management.Automation.InformationRecord]) { }
            elseif ($_ -is [System.Management.Automation.VerboseRecord]) { }
            elseif ($_ -is [System.Management.Automation.DebugRecord]) { }
            else { $results.Add($_) }
        }
        if ($results.Count -eq 1) { $envelope.data = $results[0] }
        elseif ($results.Count -gt 1) { $envelope.data = $results.ToArray() }
        $envelope.ok = $true
    }
    catch {
        $envelope.data = $null
        $envelope.error = ConvertTo-HvErrorInfo -Record $_ -Operation $Operation
    }
    $envelope.warnings = $warnings.ToArray()
    try {
        return ConvertTo-HvJson $envelope
    }
    catch {
        $failure = [ordered]@{
            ok       = $false
            data     = $null
            warnings = $warnings.ToArray()
            error    = ConvertTo-HvErrorInfo -Record $_ -Operation $Operation
        }
        $failure.error.message = 'The result of the operation could not be converted to JSON: ' + $failure.error.message
        return ConvertTo-HvJson $failure
    }
}

function Write-HvEnvelopeLine {
    param([string] $Nonce, [string] $Json)
    [System.Console]::Out.WriteLine($script:EnvelopeMarker + ' ' + $Nonce + ' ' + $Json)
}

function Invoke-HvOperation {
    <#
    .SYNOPSIS
    The per-call entry point: runs an operation and prints its envelope on one line behind the nonce.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)][string] $Operation,
        [Parameter(Mandatory = $true)][AllowEmptyString()][string] $Payload,
        [Parameter(Mandatory = $true)][ValidatePattern('^[0-9a-f]{32}$')][string] $Nonce
    )
    Write-HvEnvelopeLine -Nonce $Nonce -Json (Invoke-HvOperationCore -Operation $Operation -Payload $Payload)
    $global:Error.Clear()
}

function Read-HvSecretsFile {
    # Secrets arrive in a file only this user can read; it is deleted as soon as it has been read.
    param([string] $Path)
    $secrets = @{}
    if (-not $Path) { return $secrets }
    try {
        $text = [System.IO.File]::ReadAllText($Path, [System.Text.Encoding]::UTF8)
        $parsed = ConvertFrom-HvJson $text
        if ($null -ne $parsed) { foreach ($key in @($parsed.Keys)) { $secrets[[string]$key] = [string]$parsed[$key] } }
    }
    finally {
        Remove-Item -LiteralPath $Path -Force -ErrorAction SilentlyContinue
    }
    return $secrets
}

function Initialize-HvSessionCore {
    <#
    .SYNOPSIS
    Reads the session's configuration from the environment and quiets the host; returns an envelope (JSON)
    describing the session.
    #>
    [CmdletBinding()]
    param()
    $envelope = [ordered]@{ ok = $false; data = $null; warnings = @(); error = $null }
    try {
        $global:ProgressPreference = 'SilentlyContinue'
        $global:ConfirmPreference = 'None'
        # The host records every command line (payloads can be megabytes); keep only the last one.
        $global:MaximumHistoryCount = 1
        if ($script:HasPSStyle) { $PSStyle.OutputRendering = 'PlainText' }
        # pwsh puts its own module directories before the inherited ones; the host's modules must win.
        if ($env:HYPERV_PS_MODULES_FIRST) {
            $separator = [string][System.IO.Path]::PathSeparator
            $others = @($env:PSModulePath -split [regex]::Escape($separator) | Where-Object { $_ -and $_ -ne $env:HYPERV_PS_MODULES_FIRST })
            $env:PSModulePath = (@($env:HYPERV_PS_MODULES_FIRST) + $others) -join $separator
        }
        $script:ScriptDirectories = [string[]]@()
        if ($env:HYPERV_PS_SCRIPT_DIRS) { $script:ScriptDirectories = [string[]](ConvertFrom-HvJson $env:HYPERV_PS_SCRIPT_DIRS) }
        $script:ScriptPathCache = @{}
        $script:HvPreludeSecrets = Read-HvSecretsFile $env:HYPERV_PS_SECRETS_FILE
        Remove-Item -Path Env:HYPERV_PS_SECRETS_FILE -ErrorAction SilentlyContinue
        # The process that started the session (Node.js): when it is gone, the session ends itself.
        if ($env:HYPERV_PS_PARENT_PID) { Start-HvParentWatchdog -ParentId ([int]$env:HYPERV_PS_PARENT_PID) }
        $envelope.data = [ordered]@{
            processId         = $PID
            psVersion         = $PSVersionTable.PSVersion.ToString()
            psEdition         = [string]$PSVersionTable.PSEdition
            scriptDirectories = $script:ScriptDirectories
            secretNames       = @($script:HvPreludeSecrets.Keys | Sort-Object)
        }
        $envelope.ok = $true
    }
    catch {
        $envelope.error = ConvertTo-HvErrorInfo -Record $_ -Operation 'initialize'
    }
    return ConvertTo-HvJson $envelope
}

function Initialize-HvSession {
    <#
    .SYNOPSIS
    Runs once per session: initializes it and prints the envelope on one line behind the nonce.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory = $true)][ValidatePattern('^[0-9a-f]{32}$')][string] $Nonce)
    Write-HvEnvelopeLine -Nonce $Nonce -Json (Initialize-HvSessionCore)
    $global:Error.Clear()
}

function Set-HvSessionSecret {
    <#
    .SYNOPSIS
    Replaces the secrets Get-HvSecret returns (a remote session receives them over its encrypted channel).
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory = $true)][AllowNull()][hashtable] $Secrets)
    $table = @{}
    if ($null -ne $Secrets) { foreach ($key in @($Secrets.Keys)) { $table[[string]$key] = [string]$Secrets[$key] } }
    $script:HvPreludeSecrets = $table
}

Export-ModuleMember -Function Invoke-HvOperation, Invoke-HvOperationCore, Initialize-HvSession, Initialize-HvSessionCore,
    New-HvErrorRecord, New-HvNotFoundRecord, Get-HvSecret, Set-HvSessionSecret, Write-HvEnvelopeLine,
    ConvertTo-HvErrorInfo, ConvertTo-HvJson
