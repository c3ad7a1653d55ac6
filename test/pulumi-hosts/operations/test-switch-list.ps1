# Test helper: every virtual switch of the simulated host.
param($Payload)
, @(Hyper-V\Get-VMSwitch | ForEach-Object { [pscustomobject]@{ id = $_.Id.ToString(); name = $_.Name; type = $_.SwitchType.ToString(); notes = $_.Notes } })
