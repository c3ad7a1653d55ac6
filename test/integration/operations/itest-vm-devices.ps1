# Reads parts of a VM the payload names: hard disks on one controller type, or one integration service.
# The VM exists; whatever these reads refuse is an argument error, never "the VM is gone".
param($Payload)
$vm = Hyper-V\Get-VM -Id ([guid][string]$Payload['id']) -ErrorAction Stop
if ($Payload['controllerType']) {
    $drives = @(Hyper-V\Get-VMHardDiskDrive -VM $vm -ControllerType ([string]$Payload['controllerType']) -ErrorAction Stop)
    return , @($drives | ForEach-Object { [string]$_.Path })
}
$service = Hyper-V\Get-VMIntegrationService -VM $vm -Name ([string]$Payload['service']) -ErrorAction Stop
[pscustomobject]@{ name = $service.Name; enabled = [bool]$service.Enabled }
