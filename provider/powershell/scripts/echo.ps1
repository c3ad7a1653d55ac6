# Returns its payload unchanged: used by tests and diagnostics to check the call path end to end.
param($Payload)
, $Payload
