# Test helper: changes a VM out of band (as an administrator would), by id.
param($Payload)
$vm = Hyper-V\Get-VM | Where-Object { $_.Id -eq [guid][string]$Payload['vmId'] }
if ($Payload.Contains('stop')) { Hyper-V\Stop-VM -VM $vm -TurnOff -Force }
if ($Payload.Contains('processorCount')) { Hyper-V\Set-VMProcessor -VM $vm -Count ([long]$Payload['processorCount']) }
if ($Payload.Contains('notes')) { Hyper-V\Set-VM -VM $vm -Notes ([string]$Payload['notes']) }
if ($Payload.Contains('secureBootTemplate')) { Hyper-V\Set-VMFirmware -VM $vm -SecureBootTemplate ([string]$Payload['secureBootTemplate']) }
if ($Payload.Contains('remove')) { Hyper-V\Remove-VM -VM $vm -Force }
