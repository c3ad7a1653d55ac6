# Reports a VM's actual settings, by id. A VM that does not exist is 'HvObjectNotFound'.
# Payload: { vmId }
param($Payload)
. ([System.IO.Path]::Combine($PSScriptRoot, 'lib', 'HvCommon.ps1'))
. ([System.IO.Path]::Combine($PSScriptRoot, 'lib', 'HvVm.ps1'))

$vm = Get-HvVmById ([string]$Payload['vmId'])
if ($null -eq $vm) { throw (New-HvNotFoundRecord -Message ('No VM has the id {0}.' -f $Payload['vmId']) -TargetObject ([string]$Payload['vmId'])) }
Get-HvVmDescription $vm
