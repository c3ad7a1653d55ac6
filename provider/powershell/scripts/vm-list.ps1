# Reports every VM on the host, whoever created it, with what vm-read reports of each, in one call.
# Payload: {}
param($Payload)
. ([System.IO.Path]::Combine($PSScriptRoot, 'lib', 'HvCommon.ps1'))
. ([System.IO.Path]::Combine($PSScriptRoot, 'lib', 'HvVm.ps1'))

$descriptions = New-Object System.Collections.Generic.List[object]
foreach ($vm in @(Hyper-V\Get-VM -ErrorAction Stop)) {
    $descriptions.Add((Get-HvVmDescription $vm))
}
, @($descriptions.ToArray())
