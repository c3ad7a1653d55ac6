# Test helper: every VM of the simulated host with what tests check out of band.
param($Payload)
$items = foreach ($vm in @(Hyper-V\Get-VM)) {
    $guest = Hyper-V\Get-VMSimGuest -VM $vm
    [pscustomobject]@{
        id             = $vm.Id.ToString()
        name           = $vm.Name
        notes          = $vm.Notes
        state          = $vm.State.ToString()
        processorCount = [int]$vm.ProcessorCount
        profile        = [string]$guest.Profile
        adapters       = @(Hyper-V\Get-VMNetworkAdapter -VM $vm | ForEach-Object { $_.Name })
    }
}
, @($items)
