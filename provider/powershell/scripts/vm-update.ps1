# Applies planned changes to a VM, turning it off first when a change needs that (a guest shutdown, or a
# hard stop only with allowHardStop), then sets the declared power state; returns what Hyper-V reports.
# Payload: { vmId, steps: [...], offReasons: [...], allowHardStop, state }
param($Payload)
. ([System.IO.Path]::Combine($PSScriptRoot, 'lib', 'HvCommon.ps1'))
. ([System.IO.Path]::Combine($PSScriptRoot, 'lib', 'HvVm.ps1'))

$vm = Get-HvVmById ([string]$Payload['vmId'])
if ($null -eq $vm) { throw (New-HvNotFoundRecord -Message ('No VM has the id {0}.' -f $Payload['vmId']) -TargetObject ([string]$Payload['vmId'])) }
$reasons = [string[]]@($Payload['offReasons'])
if ($reasons.Count -gt 0) { [void](Stop-HvVmForChanges $vm $reasons ([bool]$Payload['allowHardStop'])) }
foreach ($step in @($Payload['steps'])) { Invoke-HvVmStep $vm $step }
Set-HvVmPowerState $vm ([string]$Payload['state'])
Get-HvVmDescription $vm
