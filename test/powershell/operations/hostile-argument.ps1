# Uses the caller's value as an argument of ordinary cmdlets, so the hostile-string tests can prove a value
# is only ever data.
param($Payload)
$value = [string]$Payload['value']
Microsoft.PowerShell.Utility\Set-Variable -Name 'probe' -Value $value
$fromVariable = Microsoft.PowerShell.Utility\Get-Variable -Name 'probe' -ValueOnly
$fromWriteOutput = Microsoft.PowerShell.Utility\Write-Output -InputObject $value
$fromObject = (Microsoft.PowerShell.Utility\New-Object -TypeName PSObject -Property @{ text = $value }).text
$fromSelect = Microsoft.PowerShell.Utility\Select-Object -InputObject ([pscustomobject]@{ text = $value }) -ExpandProperty 'text'
[pscustomobject]@{
    variable    = $fromVariable
    writeOutput = $fromWriteOutput
    object      = $fromObject
    selected    = $fromSelect
    length      = $value.Length
}
