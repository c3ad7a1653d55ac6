# Reports what the session knows about a secret; 'leak' puts the secret in an error message on purpose.
param($Payload)
$secret = Get-HvSecret -Name ([string]$Payload['name'])
if ($Payload['leak']) {
    throw (New-HvErrorRecord -Message ('failure with ' + $secret) -ErrorId 'Leak' -Category InvalidOperation -TargetObject $secret)
}
if ($Payload['warn']) {
    Microsoft.PowerShell.Utility\Write-Warning ('warning with ' + $secret)
    return 'warned'
}
$inEnvironment = @(Microsoft.PowerShell.Management\Get-ChildItem -Path 'Env:' | Microsoft.PowerShell.Core\Where-Object { $_.Value -like ('*' + $secret + '*') }).Count
[pscustomobject]@{
    secret            = $secret
    inEnvironment     = $inEnvironment
    secretsFileVariable = $env:HYPERV_PS_SECRETS_FILE
}
