# Rename-VMNetworkAdapter.

function Rename-VMNetworkAdapter {
    [CmdletBinding(DefaultParameterSetName = 'VMName', SupportsShouldProcess = $true)]
    [OutputType('Microsoft.HyperV.PowerShell.VMNetworkAdapter', 'Microsoft.HyperV.PowerShell.VMInternalNetworkAdapter')]
    param(
        [Parameter(ParameterSetName = 'VMName', Mandatory = $true, Position = 0)]
        [ValidateNotNullOrEmpty()]
        [string[]]$VMName,

        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VirtualMachine[]]$VM,

        [Parameter(ParameterSetName = 'ResourceObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VMNetworkAdapterBase[]]$VMNetworkAdapter,

        [Parameter(ParameterSetName = 'ManagementOS', Mandatory = $true)]
        [switch]$ManagementOS,

        [Parameter(ParameterSetName = 'VMName', Position = 1)]
        [Parameter(ParameterSetName = 'VMObject', Position = 1)]
        [Parameter(ParameterSetName = 'ManagementOS', Position = 1)]
        [Alias('VMNetworkAdapterName')]
        [string]$Name,

        [Parameter(Mandatory = $true, Position = 2)]
        [ValidateNotNullOrEmpty()]
        [string]$NewName,

        [switch]$Passthru
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters -HvWrite {
            param($tx, $result, $bound)
            if ($ManagementOS) {
                foreach ($entry in (Find-HvHostAdapters $tx.State $Name '')) {
                    if (-not $PSCmdlet.ShouldProcess($entry.Name, 'Rename-VMNetworkAdapter')) { continue }
                    Rename-HvHostAdapter $entry $NewName
                    if ($Passthru) { Add-HvOutput $result (ConvertTo-HvHostAdapter $entry) }
                }
                return
            }
            # Host adapters given as objects are renamed too.
            $hostObjects = @($VMNetworkAdapter | Where-Object { $_ -is [Microsoft.HyperV.PowerShell.VMInternalNetworkAdapter] })
            foreach ($object in $hostObjects) {
                foreach ($entry in (Get-HvHostAdapterRecords $tx.State)) {
                    if ($entry.Id -ne $object.AdapterId -or -not $PSCmdlet.ShouldProcess($entry.Name, 'Rename-VMNetworkAdapter')) { continue }
                    Rename-HvHostAdapter $entry $NewName
                    if ($Passthru) { Add-HvOutput $result (ConvertTo-HvHostAdapter $entry) }
                }
            }
            if ($bound.ContainsKey('VMNetworkAdapter')) {
                $bound['VMNetworkAdapter'] = @($VMNetworkAdapter | Where-Object { $_ -isnot [Microsoft.HyperV.PowerShell.VMInternalNetworkAdapter] })
            }
            foreach ($pair in (Resolve-HvAdapterTarget $tx.State $bound $result)) {
                Invoke-HvTarget $result {
                    if (-not $PSCmdlet.ShouldProcess($pair.Nic.Name, 'Rename-VMNetworkAdapter')) { continue }
                    $pair.Nic.Name = $NewName
                    if ($Passthru) { Add-HvOutput $result (ConvertTo-HvNetworkAdapter $tx.State $pair.VM $pair.Nic) }
                }
            }
        }
    }
}
