# Get-VMNetworkAdapterVlan, Set-VMNetworkAdapterVlan.

function Get-VMNetworkAdapterVlan {
    [CmdletBinding(DefaultParameterSetName = 'VMName')]
    [OutputType('Microsoft.HyperV.PowerShell.VMNetworkAdapterVlanSetting')]
    param(
        [Parameter(ParameterSetName = 'VMName', Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [string[]]$VMName,

        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VirtualMachine[]]$VM,

        [Parameter(ParameterSetName = 'ResourceObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VMNetworkAdapterBase[]]$VMNetworkAdapter,

        [Parameter(ParameterSetName = 'VMName')]
        [Parameter(ParameterSetName = 'VMObject')]
        [string]$VMNetworkAdapterName
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters {
            param($tx, $result, $bound)
            if ($PSCmdlet.ParameterSetName -eq 'VMName' -and -not $VMName) { $bound['VMName'] = @('*') }
            foreach ($pair in (Resolve-HvAdapterTarget $tx.State $bound $result -NameParameter 'VMNetworkAdapterName')) {
                $adapter = ConvertTo-HvNetworkAdapter $tx.State $pair.VM $pair.Nic
                Add-HvOutput $result $adapter.VlanSetting
            }
        }
    }
}

function Set-VMNetworkAdapterVlan {
    [CmdletBinding(DefaultParameterSetName = 'VMName', SupportsShouldProcess = $true)]
    [OutputType('Microsoft.HyperV.PowerShell.VMNetworkAdapterVlanSetting')]
    param(
        [Parameter(ParameterSetName = 'VMName', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [string[]]$VMName,

        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VirtualMachine[]]$VM,

        [Parameter(ParameterSetName = 'ResourceObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VMNetworkAdapterBase[]]$VMNetworkAdapter,

        [Parameter(ParameterSetName = 'VMName')]
        [Parameter(ParameterSetName = 'VMObject')]
        [string]$VMNetworkAdapterName,

        [Alias('u')][switch]$Untagged,
        [Alias('a')][switch]$Access,
        [Alias('AccessVlanId')][Nullable[int]]$VlanId,
        [Alias('t')][switch]$Trunk,
        [Nullable[int]]$NativeVlanId,
        [string]$AllowedVlanIdList,
        [Alias('i')][switch]$Isolated,
        [Alias('c')][switch]$Community,
        [Alias('p')][switch]$Promiscuous,
        [Nullable[int]]$PrimaryVlanId,
        [Nullable[int]]$SecondaryVlanId,
        [string]$SecondaryVlanIdList,
        [switch]$Passthru
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters -HvWrite {
            param($tx, $result, $bound)
            $modes = @($Untagged, $Access, $Trunk, $Isolated, $Community, $Promiscuous) | Where-Object { $_.IsPresent }
            if (@($modes).Count -gt 1) { Stop-HvInvalidParameter 'Conflicting parameters' }
            if (@($modes).Count -eq 0) { Stop-HvInvalidParameter 'Missing parameter' }
            $vlan = New-HvVlanRecord
            if ($Access) {
                if ($null -eq $VlanId) { Stop-HvInvalidParameter 'Missing parameter' }
                Assert-HvVlanId $VlanId 'VlanId'
                $vlan.OperationMode = 'Access'
                $vlan.AccessVlanId = $VlanId
            } elseif ($Trunk) {
                if ($null -eq $NativeVlanId -or [string]::IsNullOrEmpty($AllowedVlanIdList)) { Stop-HvInvalidParameter 'Missing parameter' }
                if ($NativeVlanId -ne 0) { Assert-HvVlanId $NativeVlanId 'NativeVlanId' }
                foreach ($id in (Expand-HvVlanList $AllowedVlanIdList)) { Assert-HvVlanId $id 'AllowedVlanIdList' }
                $vlan.OperationMode = 'Trunk'
                $vlan.NativeVlanId = $NativeVlanId
                $vlan.AllowedVlanIdListString = $AllowedVlanIdList
            } elseif ($Isolated -or $Community) {
                if ($null -eq $PrimaryVlanId -or $null -eq $SecondaryVlanId) { Stop-HvInvalidParameter 'Missing parameter' }
                Assert-HvVlanId $PrimaryVlanId 'PrimaryVlanId'
                Assert-HvVlanId $SecondaryVlanId 'SecondaryVlanId'
                $vlan.OperationMode = 'Private'
                if ($Isolated) { $vlan.PrivateVlanMode = 'Isolated' } else { $vlan.PrivateVlanMode = 'Community' }
                $vlan.PrimaryVlanId = $PrimaryVlanId
                $vlan.SecondaryVlanId = $SecondaryVlanId
            } elseif ($Promiscuous) {
                if ($null -eq $PrimaryVlanId -or [string]::IsNullOrEmpty($SecondaryVlanIdList)) { Stop-HvInvalidParameter 'Missing parameter' }
                Assert-HvVlanId $PrimaryVlanId 'PrimaryVlanId'
                foreach ($id in (Expand-HvVlanList $SecondaryVlanIdList)) { Assert-HvVlanId $id 'SecondaryVlanIdList' }
                $vlan.OperationMode = 'Private'
                $vlan.PrivateVlanMode = 'Promiscuous'
                $vlan.PrimaryVlanId = $PrimaryVlanId
                $vlan.SecondaryVlanIdListString = $SecondaryVlanIdList
            }
            foreach ($pair in (Resolve-HvAdapterTarget $tx.State $bound $result -NameParameter 'VMNetworkAdapterName')) {
                if (-not $PSCmdlet.ShouldProcess($pair.Nic.Name, 'Set-VMNetworkAdapterVlan')) { continue }
                $copy = New-HvTable
                foreach ($key in $vlan.Keys) { $copy[$key] = $vlan[$key] }
                $pair.Nic.Vlan = $copy
                # The real module returns early for -Untagged: no output even with -Passthru.
                if ($Passthru -and -not $Untagged) {
                    Add-HvOutput $result (ConvertTo-HvNetworkAdapter $tx.State $pair.VM $pair.Nic).VlanSetting
                }
            }
        }
    }
}
