# Reads JSON into the payload type operation scripts get on every PowerShell version (the prelude uses it
# before PowerShell 7.5, whose ConvertFrom-Json -AsHashtable -DateKind String gives the same result).
#
# ConvertFrom-Json differs by version in ways that change data: before 7.5 it turns text that looks like
# a date into DateTime (so a VM named '2024-01-01T00:00:00Z' would be renamed); Windows PowerShell 5.1
# makes objects whose keys ignore case (and refuses keys that differ only in case), without ContainsKey;
# numbers come back as Int32, Int64, Decimal or Double. This reader gives the same result everywhere:
#   object -> [hashtable] with case-sensitive keys (ContainsKey, Contains, $t['key'], $t.key)
#   array  -> [object[]]
#   string -> [string], exactly as sent (never a date)
#   number -> [long] when integral and within Int64, otherwise [double]
#   true/false/null -> [bool] / $null
#
# Windows PowerShell 5.1 compatible; .NET regular expressions do the scanning, so it stays linear.

Set-StrictMode -Version 3.0

# One token at a time, each starting where the previous one ended (\G): a string, a number, a literal or
# a structural character. Anything else stops the scan, and the caller reports where.
$script:TokenPattern = New-Object System.Text.RegularExpressions.Regex -ArgumentList (
    '\G[ \t\r\n]*(?:"([^"\\]*(?:\\.[^"\\]*)*)"|(-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)|(true|false|null)|([{}\[\]:,]))'
)
$script:Invariant = [System.Globalization.CultureInfo]::InvariantCulture

function New-HvPayloadTable {
    <#
    .SYNOPSIS
    An empty payload object: a hashtable whose keys are case-sensitive, as JSON's are.
    #>
    return , (New-Object System.Collections.Hashtable -ArgumentList ([System.StringComparer]::Ordinal))
}

function New-HvJsonError([string] $Message) {
    $exception = New-Object System.FormatException -ArgumentList ('The payload is not valid JSON: ' + $Message)
    return New-Object System.Management.Automation.ErrorRecord -ArgumentList $exception, 'InvalidPayloadJson', `
    ([System.Management.Automation.ErrorCategory]::InvalidData), $null
}

function ConvertFrom-HvNumber([string] $Text) {
    $integer = [long]0
    if ($Text -match '^-?[0-9]+$' -and [long]::TryParse($Text, [System.Globalization.NumberStyles]::AllowLeadingSign, $script:Invariant, [ref]$integer)) {
        return $integer
    }
    return [double]::Parse($Text, [System.Globalization.NumberStyles]::Float, $script:Invariant)
}

function ConvertFrom-HvJsonText {
    <#
    .SYNOPSIS
    Parses JSON text into hashtables (case-sensitive keys), object arrays, strings, longs, doubles,
    booleans and nulls; never into dates.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory = $true)][AllowEmptyString()][string] $Json)
    $containers = New-Object System.Collections.Generic.Stack[object]
    $keys = New-Object System.Collections.Generic.Stack[object]
    $key = $null            # the key the next value belongs to, inside an object
    $expectKey = $false     # true right after '{' or ',' inside an object
    $result = $null
    $complete = $false
    $end = 0
    foreach ($token in $script:TokenPattern.Matches($Json)) {
        $end = $token.Index + $token.Length
        if ($complete) { throw (New-HvJsonError "unexpected text after the end, at offset $($token.Index).") }
        $hasValue = $true
        $value = $null
        if ($token.Groups[1].Success) {
            $value = $token.Groups[1].Value
            # JSON's escapes (\" \\ \/ \b \f \n \r \t \uXXXX) are a subset of what Regex.Unescape reads.
            if ($value.IndexOf([char]'\') -ge 0) { $value = [System.Text.RegularExpressions.Regex]::Unescape($value) }
            if ($expectKey) {
                $key = $value
                $expectKey = $false
                continue
            }
        }
        elseif ($token.Groups[2].Success) { $value = ConvertFrom-HvNumber $token.Groups[2].Value }
        elseif ($token.Groups[3].Success) {
            if ($token.Groups[3].Value -ceq 'true') { $value = $true }
            elseif ($token.Groups[3].Value -ceq 'false') { $value = $false }
        }
        else {
            $punctuation = $token.Groups[4].Value
            $hasValue = $false
            if ($punctuation -eq '{' -or $punctuation -eq '[') {
                if ($punctuation -eq '{') { $containers.Push((New-HvPayloadTable)) }
                else { $containers.Push((New-Object System.Collections.Generic.List[object])) }
                $keys.Push($key)
                $key = $null
                $expectKey = $punctuation -eq '{'
            }
            elseif ($punctuation -eq ',') {
                $expectKey = $containers.Count -gt 0 -and $containers.Peek() -is [System.Collections.Hashtable]
            }
            elseif ($punctuation -eq ':') { $expectKey = $false }
            else {
                if ($containers.Count -eq 0) { throw (New-HvJsonError "unexpected '$punctuation' at offset $($token.Index).") }
                $value = $containers.Pop()
                $key = $keys.Pop()
                if ($value -is [System.Collections.Generic.List[object]]) { $value = $value.ToArray() }
                $expectKey = $false
                $hasValue = $true
            }
        }
        if (-not $hasValue) { continue }
        if ($containers.Count -eq 0) {
            $result = $value
            $complete = $true
            continue
        }
        $container = $containers.Peek()
        if ($container -is [System.Collections.Hashtable]) {
            if ($null -eq $key) { throw (New-HvJsonError "a value without a key at offset $($token.Index).") }
            $container[$key] = $value
            $key = $null
        }
        else { $container.Add($value) }
    }
    if ($Json.Substring($end).Trim().Length -gt 0) { throw (New-HvJsonError "unexpected text at offset $end.") }
    if (-not $complete) { throw (New-HvJsonError 'it ends before its last value is complete.') }
    return , $result
}

Export-ModuleMember -Function ConvertFrom-HvJsonText, New-HvPayloadTable
