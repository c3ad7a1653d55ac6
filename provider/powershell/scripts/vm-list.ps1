# Reports every VM on the host, whoever created it, with what vm-read reports of each and the
# guest-intrinsic KVP items its guest reports (guestKvp, null when none), in one call.
# Payload: {}
param($Payload)
. ([System.IO.Path]::Combine($PSScriptRoot, 'lib', 'HvCommon.ps1'))
. ([System.IO.Path]::Combine($PSScriptRoot, 'lib', 'HvVm.ps1'))

$kvp = Get-HvGuestIntrinsicItems
$descriptions = New-Object System.Collections.Generic.List[object]
foreach ($vm in @(Hyper-V\Get-VM -ErrorAction Stop)) {
    $description = Get-HvVmDescription $vm
    # What the guest's KVP daemon reports of itself (the audit's guest identity without an inventory).
    $description | Add-Member -NotePropertyName guestKvp -NotePropertyValue $kvp[([string]$vm.Id).ToLowerInvariant()]
    $descriptions.Add($description)
}
, @($descriptions.ToArray())
