# Returns the payload together with the id of the pwsh process that ran the call.
param($Payload)
[pscustomobject]@{ payload = $Payload; processId = $PID }
