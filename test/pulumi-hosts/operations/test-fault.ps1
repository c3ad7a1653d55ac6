# Test helper: injects a failure into every call of one cmdlet of the simulated host, or clears all faults.
param($Payload)
if ($Payload['clear']) { Hyper-V\Clear-VMSimFault; return }
Hyper-V\Add-VMSimFault -CommandName ([string]$Payload['command']) -Action Fail -ErrorId ([string]$Payload['errorId']) -Category InvalidOperation
