# Turns a VM off and removes it; a VM that is already gone is success. Disk files stay (VirtualHardDisk owns them).
# Payload: { vmId }
param($Payload)
. ([System.IO.Path]::Combine($PSScriptRoot, 'lib', 'HvCommon.ps1'))

$vm = Get-HvVmById ([string]$Payload['vmId'])
if ($null -ne $vm) {
    if ($vm.State.ToString() -ne 'Off') { Hyper-V\Stop-VM -VM $vm -TurnOff -Force -ErrorAction Stop }
    Hyper-V\Remove-VM -VM $vm -Force -ErrorAction Stop
}
