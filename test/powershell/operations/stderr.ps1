# Writes straight to stderr, which the protocol does not allow.
param($Payload)
[System.Console]::Error.WriteLine('something went to stderr')
1
