# Sets the virtual processor count of one VM by id.
param($Payload)
$vm = Hyper-V\Get-VM -Id ([guid][string]$Payload['id']) -ErrorAction Stop
Hyper-V\Set-VMProcessor -VM $vm -Count ([int64]$Payload['count']) -ErrorAction Stop
[pscustomobject]@{ processorCount = [int](Hyper-V\Get-VMProcessor -VM $vm -ErrorAction Stop).Count }
