# Writes to the console without a final newline, then returns its data.
param($Payload)
[System.Console]::Write([string]$Payload['text'])
[pscustomobject]@{ answer = 42 }
