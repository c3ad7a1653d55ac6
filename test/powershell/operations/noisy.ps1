# Writes to every PowerShell stream and straight to the console before returning its data.
param($Payload)
Microsoft.PowerShell.Utility\Write-Host 'host output'
Microsoft.PowerShell.Utility\Write-Warning 'first warning'
Microsoft.PowerShell.Utility\Write-Verbose 'verbose output' -Verbose
Microsoft.PowerShell.Utility\Write-Debug 'debug output' -Debug
Microsoft.PowerShell.Utility\Write-Information 'information output' -InformationAction Continue
[System.Console]::Out.WriteLine('stray console line')
'formatted host output' | Microsoft.PowerShell.Core\Out-Host
Microsoft.PowerShell.Utility\Write-Warning 'second warning'
[pscustomobject]@{ answer = $Payload['question'] }
