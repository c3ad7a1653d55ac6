# Fails in the way the payload asks for, so the tests can check how failures are reported.
param($Payload)
switch ([string]$Payload['how']) {
    'record' {
        throw (New-HvErrorRecord -Message ([string]$Payload['message']) -ErrorId ([string]$Payload['errorId']) `
                -Category ([string]$Payload['category']) -TargetObject $Payload['target'])
    }
    'not-found' { throw (New-HvNotFoundRecord -Message ([string]$Payload['message']) -TargetObject $Payload['target']) }
    'missing-item' { Microsoft.PowerShell.Management\Get-Item -LiteralPath ([string]$Payload['path']) -ErrorAction Stop }
    'missing-module' { Hyper-V-Missing\Get-NothingAtAll -ErrorAction Stop }
    'missing-command' { Get-NothingAtAll -ErrorAction Stop }
    'write-error' { Microsoft.PowerShell.Utility\Write-Error -Message 'busy right now' -Category ResourceBusy -ErrorId 'Busy' }
    'throw' { throw 'a plain failure' }
    'warn-then-fail' {
        Microsoft.PowerShell.Utility\Write-Warning 'about to fail'
        throw (New-HvErrorRecord -Message 'failed after a warning' -ErrorId 'AfterWarning' -Category InvalidOperation)
    }
    'non-terminating' {
        Microsoft.PowerShell.Management\Get-Item -LiteralPath ([string]$Payload['path']) -ErrorAction SilentlyContinue
        Microsoft.PowerShell.Utility\Write-Error -Message 'reported but not fatal' -ErrorAction Continue
        'finished'
    }
    default { throw "unknown failure mode '$($Payload['how'])'" }
}
