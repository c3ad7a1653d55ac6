# Creates a VM on the host and gives it a guest profile; returns what Hyper-V reports.
param($Payload)
$vm = Hyper-V\New-VM -Name ([string]$Payload['name']) -Generation ([int16]$Payload['generation']) `
    -MemoryStartupBytes ([int64]$Payload['memoryStartupMB'] * 1MB) -NoVHD -ErrorAction Stop
if ($Payload['guestProfile']) {
    Set-VMSimGuest -VMId $vm.Id -Profile ([string]$Payload['guestProfile']) -ErrorAction Stop
}
[pscustomobject]@{
    id             = $vm.Id.ToString()
    name           = $vm.Name
    state          = $vm.State.ToString()
    generation     = [int]$vm.Generation
    memoryStartup  = [string]$vm.MemoryStartup
    processorCount = [int]$vm.ProcessorCount
}
