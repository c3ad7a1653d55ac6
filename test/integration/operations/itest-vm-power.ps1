# Starts or stops one VM by id; 'turnOff' stops it without the guest's cooperation.
param($Payload)
$vm = Hyper-V\Get-VM -Id ([guid][string]$Payload['id']) -ErrorAction Stop
switch ([string]$Payload['action']) {
    'start' { Hyper-V\Start-VM -VM $vm -ErrorAction Stop }
    'stop' { Hyper-V\Stop-VM -VM $vm -Force:$false -Confirm:$false -ErrorAction Stop }
    'turnOff' { Hyper-V\Stop-VM -VM $vm -TurnOff -Confirm:$false -ErrorAction Stop }
    default { throw (New-HvErrorRecord -Message "Unknown action '$($Payload['action'])'." -ErrorId 'UnknownAction' -Category InvalidArgument) }
}
$vm = Hyper-V\Get-VM -Id $vm.Id -ErrorAction Stop
[pscustomobject]@{ id = $vm.Id.ToString(); state = $vm.State.ToString() }
