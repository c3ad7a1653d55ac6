# Calls exit from a function of its own: an operation must never do this.
param($Payload)
function Stop-Early { exit 0 }
Stop-Early
'unreachable'
