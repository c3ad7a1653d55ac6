# Simulated Hyper-V host: the Hyper-V module's cmdlets over a JSON state store (see README.md in
# the parent folder). Windows PowerShell 5.1 compatible.
Set-StrictMode -Off
$script:HvModuleRoot = $PSScriptRoot

. (Join-Path $PSScriptRoot 'private/Types.ps1')
Import-HvSimTypes

foreach ($folder in @('private', 'public')) {
    foreach ($file in (Get-ChildItem -LiteralPath (Join-Path $PSScriptRoot $folder) -Filter '*.ps1' | Sort-Object Name)) {
        if ($file.Name -ne 'Types.ps1') { . $file.FullName }
    }
}

# VMId/VMName on a VM object are aliases, as on the real module (Get-VM | Select VMId | Get-VHD).
Update-TypeData -TypeName 'Microsoft.HyperV.PowerShell.VirtualMachine' -MemberType AliasProperty -MemberName 'VMId' -Value 'Id' -Force
Update-TypeData -TypeName 'Microsoft.HyperV.PowerShell.VirtualMachine' -MemberType AliasProperty -MemberName 'VMName' -Value 'Name' -Force
Update-TypeData -TypeName 'Microsoft.HyperV.PowerShell.VirtualMachine' -DefaultDisplayPropertySet 'Name', 'State', 'CPUUsage', 'MemoryAssigned', 'Uptime', 'Status', 'Version' -Force
