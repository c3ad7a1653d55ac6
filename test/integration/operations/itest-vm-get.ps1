# Reads one VM by id. Hyper-V reports an unknown id like a bad argument, so absence is decided by
# listing the VMs and matching the id; only then is the VM gone.
param($Payload)
$id = [guid][string]$Payload['id']
$vm = @(Hyper-V\Get-VM -ErrorAction Stop | Where-Object { $_.Id -eq $id }) | Select-Object -First 1
if ($null -eq $vm) { throw (New-HvNotFoundRecord -Message "No virtual machine has the id '$id'." -TargetObject $id.ToString()) }
[pscustomobject]@{ id = $vm.Id.ToString(); name = $vm.Name; state = $vm.State.ToString(); processorCount = [int]$vm.ProcessorCount }
