# Fault injection for tests. Rules come from the HYPERV_SIM_FAULTS environment variable (JSON: one
# rule or an array of rules) and from faults.json in the state directory (written by Add-VMSimFault).
# A rule: { command, call?, action: fail|delay|hang|exit, errorId?, category?, message?,
#           terminating?, delayMilliseconds?, exitCode? }. Without "call" it applies to every call;
# with it, only to the Nth call of that command counted across all processes (fault-calls.json).

$script:HvFaultFileCache = @{ Key = $null; Rules = @() }
$script:HvFaultEnvCache = @{ Text = $null; Rules = @() }

# One rule (an object) or an array of rules, as a list.
function ConvertTo-HvFaultRules($Parsed) {
    if ($null -eq $Parsed) { return @() }
    return @($Parsed)
}

function Read-HvFaultJson([string]$Text, [string]$Source) {
    try {
        return [HyperVSimulator.Json]::Parse($Text)
    } catch [FormatException] {
        throw ("The fault rules in {0} are not valid JSON ({1}); give one rule object or an array of them." -f $Source, $_.Exception.Message)
    }
}

function Get-HvFaultRules([string]$Dir) {
    $rules = [System.Collections.ArrayList]::new()
    $envText = $env:HYPERV_SIM_FAULTS
    if (-not [string]::IsNullOrEmpty($envText)) {
        if ($script:HvFaultEnvCache.Text -ne $envText) {
            $script:HvFaultEnvCache.Rules = ConvertTo-HvFaultRules (Read-HvFaultJson $envText 'the HYPERV_SIM_FAULTS environment variable')
            $script:HvFaultEnvCache.Text = $envText
        }
        [void]$rules.AddRange(@($script:HvFaultEnvCache.Rules))
    }
    $file = New-Object IO.FileInfo -ArgumentList (Join-Path $Dir 'faults.json')
    if ($file.Exists) {
        $key = $file.FullName + '|' + $file.Length + '|' + $file.LastWriteTimeUtc.Ticks
        if ($script:HvFaultFileCache.Key -ne $key) {
            $script:HvFaultFileCache.Rules = ConvertTo-HvFaultRules (Read-HvFaultJson ([IO.File]::ReadAllText($file.FullName)) $file.FullName)
            $script:HvFaultFileCache.Key = $key
        }
        [void]$rules.AddRange(@($script:HvFaultFileCache.Rules))
    }
    return , $rules
}

# Counts this call of the command (across processes) and returns the count.
function Add-HvFaultCallCount([string]$CommandName) {
    return Update-HvSideFile -Name 'fault-calls.json' -Update {
        param($data)
        if ($null -eq $data) { $data = New-HvTable }
        $count = 1
        if ($data.ContainsKey($CommandName)) { $count = [long]$data[$CommandName] + 1 }
        $data[$CommandName] = $count
        @{ Data = $data; Value = $count }
    }
}

# Applies the first matching fault rule to this call. Returns $true when the call must do nothing
# else (a "fail" fault already wrote its error).
function Invoke-HvFault([hashtable]$Call, [Management.Automation.PSCmdlet]$Cmdlet) {
    $dir = Get-HvStateDirectory
    # Fast path: no rule source at all (the normal case outside fault tests).
    if ([string]::IsNullOrEmpty($env:HYPERV_SIM_FAULTS) -and -not [IO.File]::Exists([IO.Path]::Combine($dir, 'faults.json'))) { return $false }
    $rules = Get-HvFaultRules $dir
    if ($rules.Count -eq 0) { return $false }
    $matching = @($rules | Where-Object { ($_.command -eq $Call.Name) -or ($_.command -eq '*') })
    if ($matching.Count -eq 0) { return $false }
    $count = Add-HvFaultCallCount $Call.Name
    foreach ($rule in $matching) {
        if ($rule.ContainsKey('call') -and $null -ne $rule.call -and [long]$rule.call -ne $count) { continue }
        $action = [string]$rule.action
        switch ($action) {
            'delay' {
                $ms = 1000
                if ($rule.ContainsKey('delayMilliseconds')) { $ms = [int]$rule.delayMilliseconds }
                Start-Sleep -Milliseconds $ms
                return $false
            }
            'hang' {
                while ($true) { Start-Sleep -Milliseconds 200 }
            }
            'exit' {
                $code = 1
                if ($rule.ContainsKey('exitCode')) { $code = [int]$rule.exitCode }
                [Environment]::Exit($code)
            }
            'fail' {
                $errorId = 'OperationFailed'
                if ($rule.errorId) { $errorId = [string]$rule.errorId }
                $category = [Management.Automation.ErrorCategory]::InvalidOperation
                if ($rule.category) { $category = [Management.Automation.ErrorCategory]([string]$rule.category) }
                $message = "Simulated failure of $($Call.Name) (call $count)."
                if ($rule.message) { $message = [string]$rule.message }
                $record = New-HvErrorRecord -ErrorId $errorId -Category $category -Message $message -CommandName $Call.Name
                if ($rule.terminating) { $Cmdlet.ThrowTerminatingError($record) }
                $Cmdlet.WriteError($record)
                return $true
            }
            default {
                throw "Fault rule for '$($Call.Name)' has unknown action '$action'; use fail, delay, hang or exit."
            }
        }
    }
    return $false
}
