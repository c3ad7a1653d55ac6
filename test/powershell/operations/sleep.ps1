# Writes the session's process id to a file, then sleeps: used to test time limits and killed sessions.
param($Payload)
[System.IO.File]::WriteAllText([string]$Payload['pidFile'], [string]$PID)
Microsoft.PowerShell.Utility\Start-Sleep -Milliseconds ([int]$Payload['milliseconds'])
$PID
