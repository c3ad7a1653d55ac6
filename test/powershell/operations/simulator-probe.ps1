# Lists VMs through the host's Hyper-V module and reports which module answered; with an id, looks up
# that VM (so a missing one raises Hyper-V's own error).
param($Payload)
if ($null -ne $Payload -and $Payload['id']) {
    $vm = Hyper-V\Get-VM -Id ([string]$Payload['id']) -ErrorAction Stop
    return [pscustomobject]@{ id = $vm.Id.ToString() }
}
$vms = @(Hyper-V\Get-VM -ErrorAction Stop)
$module = Microsoft.PowerShell.Core\Get-Module -Name 'Hyper-V'
[pscustomobject]@{
    vmCount      = $vms.Count
    modulePath   = [string]$module.Path
    computerName = (Hyper-V\Get-VMHost -ErrorAction Stop).ComputerName
}
