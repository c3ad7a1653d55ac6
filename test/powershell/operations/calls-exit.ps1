# Creates the file the payload names, then calls exit: an operation must never do this.
param($Payload)
[System.IO.File]::WriteAllText([string]$Payload['markerFile'], 'ran')
exit ([int]$Payload['code'])
