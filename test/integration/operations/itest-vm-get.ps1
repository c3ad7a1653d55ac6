# Reads one VM by id.
param($Payload)
$vm = Hyper-V\Get-VM -Id ([guid][string]$Payload['id']) -ErrorAction Stop
[pscustomobject]@{ id = $vm.Id.ToString(); name = $vm.Name; state = $vm.State.ToString(); processorCount = [int]$vm.ProcessorCount }
