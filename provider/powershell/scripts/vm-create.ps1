# Creates a VM with exactly the declared devices and settings, then sets its power state; returns what
# Hyper-V reports. Atomic: any failure removes the VM again; if even that fails, the error
# 'VmCreateIncomplete' carries the VM id so it is recorded instead of leaked.
# Payload: { vmName, generation, memoryStartupMB, steps: [...], state }
param($Payload)
. ([System.IO.Path]::Combine($PSScriptRoot, 'lib', 'HvCommon.ps1'))
. ([System.IO.Path]::Combine($PSScriptRoot, 'lib', 'HvVm.ps1'))

$vm = Hyper-V\New-VM -Name ([string]$Payload['vmName']) -Generation ([int16]$Payload['generation']) `
    -MemoryStartupBytes ([long]$Payload['memoryStartupMB'] * 1MB) -NoVHD -ErrorAction Stop
try {
    # New-VM always adds a network adapter (and a DVD drive on generation 1): only declared devices stay.
    foreach ($nic in @(Hyper-V\Get-VMNetworkAdapter -VM $vm -ErrorAction Stop)) { Hyper-V\Remove-VMNetworkAdapter -VMNetworkAdapter $nic -ErrorAction Stop }
    foreach ($dvd in @(Hyper-V\Get-VMDvdDrive -VM $vm -ErrorAction Stop)) { Hyper-V\Remove-VMDvdDrive -VMDvdDrive $dvd -ErrorAction Stop }
    foreach ($step in @($Payload['steps'])) { Invoke-HvVmStep $vm $step }
    Set-HvVmPowerState $vm ([string]$Payload['state'])
    Get-HvVmDescription $vm
}
catch {
    $failure = $_
    try {
        $current = Get-HvVmById $vm.Id
        if ($null -ne $current) {
            if ($current.State.ToString() -ne 'Off') { Hyper-V\Stop-VM -VM $current -TurnOff -Force -ErrorAction Stop }
            Hyper-V\Remove-VM -VM $current -Force -ErrorAction Stop
        }
    }
    catch {
        $message = ('Creating the VM failed: {0} Removing the half-created VM {1} failed too: {2}' -f $failure.Exception.Message, $vm.Id, $_.Exception.Message)
        throw (New-HvErrorRecord -Message $message -ErrorId 'VmCreateIncomplete' -Category InvalidResult -TargetObject $vm.Id.ToString())
    }
    throw $failure
}
