# Reports every VM on the host, whoever created it, with what vm-read reports of each and the
# guest-intrinsic KVP items its guest reports (guestKvp, null when none; guestKvpError when the host
# refused the KVP query), in one call.
# Payload: {}
param($Payload)
. ([System.IO.Path]::Combine($PSScriptRoot, 'lib', 'HvCommon.ps1'))
. ([System.IO.Path]::Combine($PSScriptRoot, 'lib', 'HvVm.ps1'))

# A host that refuses the KVP query (e.g. no rights on root\virtualization\v2) still lists its VMs:
# each then carries the reason instead of items, and the audit leaves it to the inventory.
$kvpError = $null
try { $kvp = Get-HvGuestIntrinsicItems }
catch { $kvp = @{}; $kvpError = "the host's KVP items could not be read: $($_.Exception.Message)" }
$descriptions = New-Object System.Collections.Generic.List[object]
foreach ($vm in @(Hyper-V\Get-VM -ErrorAction Stop)) {
    $description = Get-HvVmDescription $vm
    # What the guest's KVP daemon reports of itself (the audit's guest identity without an inventory).
    $description | Add-Member -NotePropertyName guestKvp -NotePropertyValue $kvp[([string]$vm.Id).ToLowerInvariant()]
    if ($null -ne $kvpError) { $description | Add-Member -NotePropertyName guestKvpError -NotePropertyValue $kvpError }
    $descriptions.Add($description)
}
, @($descriptions.ToArray())
