# The prelude, driven directly: dispatch, payload decoding, the envelope, errors, warnings and secrets.

BeforeAll {
    $script:builtIn = (Resolve-Path (Join-Path $PSScriptRoot '../../provider/powershell/scripts')).Path
    $script:operations = Join-Path $TestDrive 'operations'
    New-Item -ItemType Directory -Path $operations | Out-Null
    Set-Content -Path (Join-Path $operations 'nothing.ps1') -Value 'param($Payload)'
    Set-Content -Path (Join-Path $operations 'several.ps1') -Value 'param($Payload) 1; "two"; @{ three = 3 }'
    Set-Content -Path (Join-Path $operations 'list-of-one.ps1') -Value 'param($Payload) , @("only")'
    Set-Content -Path (Join-Path $operations 'kinds.ps1') -Value 'param($Payload) [pscustomobject]@{ type = $Payload.GetType().Name; note = $Payload["note"]; noteType = $Payload["note"].GetType().Name }'
    Set-Content -Path (Join-Path $operations 'streams.ps1') -Value @'
param($Payload)
Write-Warning 'careful'
Write-Verbose 'chatty' -Verbose
Write-Host 'to the host'
Write-Information 'information'
'data'
'@
    Set-Content -Path (Join-Path $operations 'typed-failure.ps1') -Value @'
param($Payload)
throw (New-HvErrorRecord -Message 'The VM must be off.' -ErrorId 'VmNotOff' -Category InvalidOperation -TargetObject ([guid]'6f1ed2a8-8a3e-4f0e-9d2b-0c9a8f1b2c3d'))
'@
    Set-Content -Path (Join-Path $operations 'gone.ps1') -Value 'param($Payload) throw (New-HvNotFoundRecord -Message "No VM has that id." -TargetObject ([guid]"6f1ed2a8-8a3e-4f0e-9d2b-0c9a8f1b2c3d"))'
    Set-Content -Path (Join-Path $operations 'payload-shape.ps1') -Value @'
param($Payload)
[pscustomobject]@{
    isHashtable = $Payload -is [hashtable]
    hasLower    = $Payload.ContainsKey('note')
    hasCapitals = $Payload.ContainsKey('NOTE')
    keys        = @($Payload.Keys | Sort-Object -CaseSensitive)
    upper       = $Payload['Note']
    lower       = $Payload['note']
    dates       = @($Payload['dates'] | ForEach-Object { $_.GetType().Name + ':' + $_ })
    numberTypes = @($Payload['numbers'] | ForEach-Object { $_.GetType().Name })
    listType    = $Payload['numbers'].GetType().Name
    nestedIs    = $Payload['nested'] -is [hashtable]
    nestedHas   = $Payload['nested'].ContainsKey('x')
}
'@
    Set-Content -Path (Join-Path $operations 'exactly-deep.ps1') -Value 'param($Payload) $v = "bottom"; foreach ($i in 1..([int]$Payload["levels"])) { $v = @{ next = $v } }; $v'
    Set-Content -Path (Join-Path $operations 'too-deep.ps1') -Value 'param($Payload) $v = "bottom"; foreach ($i in 1..80) { $v = @{ next = $v } }; $v'
    Set-Content -Path (Join-Path $operations 'read-secret.ps1') -Value 'param($Payload) Get-HvSecret -Name $Payload["name"]'

    function ConvertTo-Base64Json([string] $Json) { [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($Json)) }

    function Invoke-Operation([string] $Operation, [string] $Json = 'null') {
        $line = Invoke-HvOperationCore -Operation $Operation -Payload (ConvertTo-Base64Json $Json)
        $line | Should -Match '^[\x20-\x7e]+$'   # one line of printable ASCII
        return ConvertFrom-Json -InputObject $line -AsHashtable -DateKind String
    }

    function Initialize-TestSession([hashtable] $Secrets = @{}) {
        $env:HYPERV_PS_SCRIPT_DIRS = ConvertTo-Json -Compress -InputObject @($builtIn, $operations)
        if ($Secrets.Count -gt 0) {
            $file = Join-Path $TestDrive 'secrets.json'
            Set-Content -Path $file -Value (ConvertTo-Json -Compress -InputObject $Secrets)
            $env:HYPERV_PS_SECRETS_FILE = $file
        }
        return ConvertFrom-Json -InputObject (Initialize-HvSessionCore) -AsHashtable
    }

    # Initializing a session changes process-wide settings; the other suites share this process.
    $script:savedSettings = @{
        ProgressPreference  = $global:ProgressPreference
        ConfirmPreference   = $global:ConfirmPreference
        MaximumHistoryCount = $global:MaximumHistoryCount
        OutputRendering     = $PSStyle.OutputRendering
        PSModulePath        = $env:PSModulePath
    }
}

AfterAll {
    Remove-Module prelude -Force -ErrorAction SilentlyContinue
    Remove-Item Env:HYPERV_PS_SCRIPT_DIRS -ErrorAction SilentlyContinue
    Remove-Item Env:HYPERV_PS_PRELUDE_AS_VERSION -ErrorAction SilentlyContinue
    $global:ProgressPreference = $savedSettings.ProgressPreference
    $global:ConfirmPreference = $savedSettings.ConfirmPreference
    $global:MaximumHistoryCount = $savedSettings.MaximumHistoryCount
    $PSStyle.OutputRendering = $savedSettings.OutputRendering
    $env:PSModulePath = $savedSettings.PSModulePath
}

# Every branch the prelude has for an older PowerShell runs here too, forced on this pwsh: Windows
# PowerShell 5.1 and PowerShell 6.0-7.4 (see HYPERV_PS_PRELUDE_AS_VERSION in prelude.psm1).
Describe 'the prelude as PowerShell <_> runs it' -ForEach @('current', '7.4', '5.1') {
    BeforeAll {
        if ($_ -eq 'current') { Remove-Item Env:HYPERV_PS_PRELUDE_AS_VERSION -ErrorAction SilentlyContinue }
        else { $env:HYPERV_PS_PRELUDE_AS_VERSION = $_ }
        Import-Module (Join-Path $builtIn 'prelude.psm1') -Force
        $script:session = Initialize-TestSession
        $script:branch = $_
    }

    Describe 'session initialization' {
        It 'reports the process and the script directories' {
            $session.ok | Should -BeTrue
            $session.data.processId | Should -Be $PID
            $session.data.scriptDirectories | Should -Be @($builtIn, $operations)
        }

        It 'keeps no more than one command line in the session history' {
            $MaximumHistoryCount | Should -Be 1
        }

        It 'reads the secrets file, deletes it and clears its variable' {
            $answer = Initialize-TestSession -Secrets @{ password = "p'w`"d" }
            $answer.data.secretNames | Should -Be @('password')
            Test-Path (Join-Path $TestDrive 'secrets.json') | Should -BeFalse
            $env:HYPERV_PS_SECRETS_FILE | Should -BeNullOrEmpty
            (Invoke-Operation 'read-secret' '{"name":"password"}').data | Should -BeExactly "p'w`"d"
        }

        It 'puts the host module directory first in PSModulePath' {
            $saved = $env:PSModulePath
            try {
                $separator = [string][IO.Path]::PathSeparator
                $env:PSModulePath = "one$($separator)first$($separator)two"
                $env:HYPERV_PS_MODULES_FIRST = 'first'
                (Initialize-TestSession).ok | Should -BeTrue
                $env:PSModulePath | Should -Be "first$($separator)one$($separator)two"
            }
            finally {
                $env:PSModulePath = $saved
                Remove-Item Env:HYPERV_PS_MODULES_FIRST
            }
        }
    }

    Describe 'Invoke-HvOperationCore' {
        It 'echoes nested data, with non-ASCII escaped' {
            $line = Invoke-HvOperationCore -Operation 'echo' -Payload (ConvertTo-Base64Json '{"name":"caf\u00e9 \ud83d\ude00","list":[1,[2]],"empty":[],"nothing":null}')
            $line | Should -Match '^[\x20-\x7e]+$'
            $line | Should -BeLike '*"caf\u00e9 \ud83d\ude00"*'
            $answer = ConvertFrom-Json -InputObject $line -AsHashtable
            $answer.ok | Should -BeTrue
            $answer.data.name | Should -BeExactly "caf$([char]0xe9) $([char]::ConvertFromUtf32(0x1F600))"
            $answer.data.list.Count | Should -Be 2
            $answer.data.empty.Count | Should -Be 0
        }

        It 'decodes the payload into hashtables and keeps date-like text as text' {
            $answer = Invoke-Operation 'kinds' '{"note":"2024-01-01T00:00:00Z"}'
            $answer.data.type | Should -BeLike '*Hashtable'
            $answer.data.note | Should -BeExactly '2024-01-01T00:00:00Z'
            $answer.data.noteType | Should -Be 'String'
        }

        It 'returns null for no output, a list for several outputs, and a list of one when asked' {
            (Invoke-Operation 'nothing').data | Should -BeNullOrEmpty
            $echoedNull = Invoke-HvOperationCore -Operation 'echo' -Payload (ConvertTo-Base64Json 'null')
            $echoedNull | Should -BeLike '*"ok":true,"data":null,*'
            (Invoke-HvOperationCore -Operation 'echo' -Payload (ConvertTo-Base64Json '[null]')) | Should -BeLike '*"data":`[null`]*'
            $several = (Invoke-Operation 'several').data
            $several.Count | Should -Be 3
            $several[1] | Should -Be 'two'
            $listOfOne = Invoke-HvOperationCore -Operation 'list-of-one' -Payload ''
            $listOfOne | Should -BeLike '*"data":`["only"`]*'
        }

        It 'collects warnings and drops verbose, host and information output' {
            $answer = Invoke-Operation 'streams'
            $answer.data | Should -Be 'data'
            $answer.warnings | Should -Be @('careful')
        }

        It 'reports a typed failure with category, error id, message, target and operation' {
            $answer = Invoke-Operation 'typed-failure'
            $answer.ok | Should -BeFalse
            $answer.data | Should -BeNullOrEmpty
            $answer.error.category | Should -Be 'InvalidOperation'
            $answer.error.fullyQualifiedErrorId | Should -Be 'VmNotOff'
            $answer.error.message | Should -Be 'The VM must be off.'
            $answer.error.targetObject | Should -Be '6f1ed2a8-8a3e-4f0e-9d2b-0c9a8f1b2c3d'
            $answer.error.operation | Should -Be 'typed-failure'
        }

        It 'reports a lookup that found nothing with the error id HvObjectNotFound and category ObjectNotFound' {
            $answer = Invoke-Operation 'gone'
            $answer.ok | Should -BeFalse
            $answer.error.fullyQualifiedErrorId | Should -BeExactly 'HvObjectNotFound'
            $answer.error.category | Should -Be 'ObjectNotFound'
            $answer.error.message | Should -Be 'No VM has that id.'
            $answer.error.targetObject | Should -Be '6f1ed2a8-8a3e-4f0e-9d2b-0c9a8f1b2c3d'
            $record = New-HvNotFoundRecord -Message 'gone'
            $record | Should -BeOfType System.Management.Automation.ErrorRecord
            $record.TargetObject | Should -BeNullOrEmpty
        }

        It 'runs the branches of the PowerShell version it is told to behave as' {
        $expected = $PSVersionTable.PSVersion.Major.ToString() + '.' + $PSVersionTable.PSVersion.Minor
        if ($branch -ne 'current') { $expected = $branch }
        (& (Get-Module prelude) { $script:FeatureVersion.ToString() }) | Should -Be $expected
    }

    It 'gives scripts one payload type: hashtables with case-sensitive keys, longs and doubles, and no dates' {
        $json = '{"note":"lower","Note":"upper","dates":["2024-01-01T00:00:00Z","2024-01-01T00:00:00.0000000+02:00","\\/Date(0)\\/","/Date(0)/"],' +
            '"numbers":[1,-2,9007199254740993,1.5,1e300,-0.0],"nested":{"x":null}}'
        $answer = Invoke-Operation 'payload-shape' $json
        $answer.ok | Should -BeTrue
        $answer.data.isHashtable | Should -BeTrue
        $answer.data.hasLower | Should -BeTrue
        $answer.data.hasCapitals | Should -BeFalse
        $answer.data.keys | Should -Be @('dates', 'nested', 'note', 'Note', 'numbers')
        $answer.data.lower | Should -BeExactly 'lower'
        $answer.data.upper | Should -BeExactly 'upper'
        $answer.data.dates | Should -Be @('String:2024-01-01T00:00:00Z', 'String:2024-01-01T00:00:00.0000000+02:00', 'String:\/Date(0)\/', 'String:/Date(0)/')
        $answer.data.numberTypes | Should -Be @('Int64', 'Int64', 'Int64', 'Double', 'Double', 'Double')
        $answer.data.listType | Should -Be 'Object[]'
        $answer.data.nestedIs | Should -BeTrue
        $answer.data.nestedHas | Should -BeTrue
    }

    It 'reports a payload that is not JSON as invalid data' {
        foreach ($json in @('{"a":', '{"a" 1}x', 'nonsense', '{}}')) {
            $answer = Invoke-Operation 'echo' $json
            $answer.ok | Should -BeFalse -Because $json
            $answer.error.fullyQualifiedErrorId | Should -Be 'InvalidPayloadJson' -Because $json
            $answer.error.category | Should -Be 'InvalidData'
        }
    }

    It 'returns a result exactly as deep as allowed' {
        $answer = Invoke-Operation 'exactly-deep' '{"levels":64}'
        $answer.ok | Should -BeTrue
        $level = $answer.data
        foreach ($i in 1..64) { $level = $level.next }
        $level | Should -Be 'bottom'
    }

    It 'refuses a result nested too deep even where ConvertTo-Json gives no warning (Windows PowerShell 5.1)' {
        Mock -ModuleName prelude ConvertTo-Json {
            Microsoft.PowerShell.Utility\ConvertTo-Json -InputObject $InputObject -Depth $Depth -Compress -WarningAction Ignore
        }
        $answer = Invoke-Operation 'exactly-deep' '{"levels":65}'
        $answer.ok | Should -BeFalse
        $answer.error.fullyQualifiedErrorId | Should -Be 'ResultTooDeep'
    }

    It 'refuses a result nested too deep instead of truncating it' {
            $answer = Invoke-Operation 'too-deep'
            $answer.ok | Should -BeFalse
            $answer.error.fullyQualifiedErrorId | Should -Be 'ResultTooDeep'
            $answer.error.message | Should -BeLike '*could not be converted to JSON*nested deeper than 64 levels*'
        }

        It 'refuses operation names that are not plain words joined by dashes' {
            foreach ($name in @('../echo', 'echo;x', 'Echo', 'echo ', '')) {
                $answer = Invoke-Operation $name
                $answer.ok | Should -BeFalse
                $answer.error.fullyQualifiedErrorId | Should -Be 'InvalidOperationName'
            }
        }

        It 'reports an operation without a script' {
            $answer = Invoke-Operation 'no-such-operation'
            $answer.error.fullyQualifiedErrorId | Should -Be 'OperationNotFound'
            $answer.error.category | Should -Be 'NotImplemented'
        }

        It 'reports a payload that is not base64 JSON as an error envelope' {
            $answer = ConvertFrom-Json -InputObject (Invoke-HvOperationCore -Operation 'echo' -Payload 'not base64!') -AsHashtable
            $answer.ok | Should -BeFalse
            $answer.error.operation | Should -Be 'echo'
        }
    }

    Describe 'Invoke-HvOperation' {
        It 'prints exactly one envelope line behind the marker and the nonce' {
            $writer = New-Object System.IO.StringWriter
            $original = [Console]::Out
            [Console]::SetOut($writer)
            try {
                Invoke-HvOperation -Operation 'echo' -Payload (ConvertTo-Base64Json '"hi"') -Nonce ('0123456789abcdef' * 2)
            }
            finally {
                [Console]::SetOut($original)
            }
            $lines = @($writer.ToString() -split '\r?\n' | Where-Object { $_ })
            $lines.Count | Should -Be 1
            $lines[0] | Should -BeExactly ('@@HYPERV ' + ('0123456789abcdef' * 2) + ' {"ok":true,"data":"hi","warnings":[],"error":null}')
        }

        It 'rejects a nonce that is not 32 hex digits' {
            { Invoke-HvOperation -Operation 'echo' -Payload '' -Nonce "x'; bad" } | Should -Throw
        }
    }
}
