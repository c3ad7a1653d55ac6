# Get/Add/Set/Remove/Connect/Disconnect-VMNetworkAdapter.

function Get-VMNetworkAdapter {
    [CmdletBinding(DefaultParameterSetName = 'VMName')]
    [OutputType('Microsoft.HyperV.PowerShell.VMNetworkAdapter', 'Microsoft.HyperV.PowerShell.VMInternalNetworkAdapter')]
    param(
        [Parameter(ParameterSetName = 'VMName', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [string[]]$VMName,

        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VirtualMachine[]]$VM,

        [Parameter(ParameterSetName = 'ManagementOS', Mandatory = $true)]
        [switch]$ManagementOS,

        [Parameter(ParameterSetName = 'All', Mandatory = $true)]
        [switch]$All,

        [Parameter(Position = 1)]
        [Alias('VMNetworkAdapterName')]
        [string]$Name,

        [Parameter(ParameterSetName = 'VMName')]
        [Parameter(ParameterSetName = 'VMObject')]
        [Nullable[bool]]$IsLegacy,

        [Parameter(ParameterSetName = 'ManagementOS')]
        [string]$SwitchName
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters {
            param($tx, $result, $bound)
            $set = $PSCmdlet.ParameterSetName
            if ($set -eq 'ManagementOS' -or $set -eq 'All') {
                foreach ($adapter in (Get-HvManagementAdapters $tx.State)) {
                    if ($Name -and -not (Test-HvNameMatch $Name $adapter.Name)) { continue }
                    if ($SwitchName -and -not (Test-HvNameMatch $SwitchName $adapter.SwitchName)) { continue }
                    Add-HvOutput $result $adapter
                }
                if ($set -eq 'ManagementOS') { return }
                $vms = Get-HvSortedByName $tx.State.vms.Values
            } else {
                $vms = Resolve-HvVMTarget $tx.State $bound $result
            }
            foreach ($vm in $vms) {
                foreach ($nic in (Find-HvAdapter $vm $Name)) {
                    if ($null -ne $IsLegacy -and [bool]$nic.IsLegacy -ne [bool]$IsLegacy) { continue }
                    Add-HvOutput $result (ConvertTo-HvNetworkAdapter $tx.State $vm $nic)
                }
            }
        }
    }
}

function Add-VMNetworkAdapter {
    [CmdletBinding(DefaultParameterSetName = 'VMName', SupportsShouldProcess = $true)]
    [OutputType('Microsoft.HyperV.PowerShell.VMNetworkAdapter')]
    param(
        [Parameter(ParameterSetName = 'VMName', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [string[]]$VMName,

        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VirtualMachine[]]$VM,

        [Parameter(ParameterSetName = 'ManagementOS', Mandatory = $true)]
        [switch]$ManagementOS,

        [ValidateNotNullOrEmpty()]
        [string]$SwitchName,

        [Nullable[bool]]$IsLegacy,

        [Alias('VMNetworkAdapterName')]
        [ValidateNotNullOrEmpty()]
        [string]$Name,

        [switch]$DynamicMacAddress,

        [ValidateNotNullOrEmpty()]
        [string]$StaticMacAddress,

        [string]$ResourcePoolName,

        [Nullable[Microsoft.HyperV.PowerShell.OnOffState]]$DeviceNaming,

        [switch]$Passthru
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters -HvWrite {
            param($tx, $result, $bound)
            if ($DynamicMacAddress -and $StaticMacAddress) { Stop-HvMutuallyExclusive 'StaticMacAddress' 'DynamicMacAddress' }
            $mac = ''
            if ($StaticMacAddress) { $mac = ConvertTo-HvMacAddress $StaticMacAddress }
            if ($ManagementOS) {
                Add-HvHostAdapter $tx $result $SwitchName $Name $mac $Passthru
                return
            }
            $legacy = ($null -ne $IsLegacy -and [bool]$IsLegacy)
            $adapterName = $Name
            if (-not $adapterName) {
                if ($legacy) { $adapterName = 'Legacy Network Adapter' } else { $adapterName = 'Network Adapter' }
            }
            $switch = $null
            if ($SwitchName) { $switch = Get-HvSingleSwitch $tx.State $SwitchName }
            foreach ($vm in (Resolve-HvVMTarget $tx.State $bound $result)) {
                Invoke-HvTarget $result {
                    if (-not $PSCmdlet.ShouldProcess($vm.Name, 'Add-VMNetworkAdapter')) { continue }
                    if ($legacy -and $vm.Generation -eq 2) {
                        Stop-HvInvalidParameter 'Generation 2 virtual machines do not support legacy network adapters.'
                    }
                    Assert-HvAdapterHotPlug $vm $legacy 'add'
                    $sameKind = @($vm.NetworkAdapters | Where-Object { [bool]$_.IsLegacy -eq $legacy }).Count
                    $limit = 64
                    if ($legacy) { $limit = 4 }
                    if ($sameKind -ge $limit) {
                        Stop-HvOperation -ErrorId 'OperationFailed' -Category NotSpecified -Message (Join-HvMessage ("Failed to add device '{0}'." -f ('Synthetic Ethernet Port', 'Emulated Ethernet Port')[[int]$legacy]) (
                                "'{0}' already has the maximum of {1} {2} network adapters. (Virtual machine ID {3})" -f $vm.Name, $limit, ('synthetic', 'legacy')[[int]$legacy], $vm.Id.ToUpperInvariant()))
                    }
                    $switchId = $null
                    if ($switch) { $switchId = $switch.Id }
                    $nic = New-HvNetworkAdapterRecord -Name $adapterName -IsLegacy $legacy -SwitchId $switchId -StaticMacAddress $mac
                    if ($null -ne $DeviceNaming) { $nic.DeviceNaming = [string]$DeviceNaming }
                    if ($nic.DynamicMacAddressEnabled -and (Test-HvVMActive $vm)) { $nic.MacAddress = Get-HvNextDynamicMac $tx.State }
                    [void]$vm.NetworkAdapters.Add($nic)
                    if ($Passthru) { Add-HvOutput $result (ConvertTo-HvNetworkAdapter $tx.State $vm $nic) }
                }
            }
        }
    }
}

function Set-VMNetworkAdapter {
    [CmdletBinding(DefaultParameterSetName = 'VMName', SupportsShouldProcess = $true)]
    [OutputType('Microsoft.HyperV.PowerShell.VMNetworkAdapter')]
    param(
        [Parameter(ParameterSetName = 'VMName', Mandatory = $true, Position = 0)]
        [ValidateNotNullOrEmpty()]
        [string]$VMName,

        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0)]
        [ValidateNotNull()]
        [Microsoft.HyperV.PowerShell.VirtualMachine]$VM,

        [Parameter(ParameterSetName = 'ResourceObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VMNetworkAdapterBase[]]$VMNetworkAdapter,

        [Parameter(ParameterSetName = 'VMName')]
        [Parameter(ParameterSetName = 'VMObject')]
        [Alias('VMNetworkAdapterName')]
        [string]$Name,

        [Nullable[Microsoft.HyperV.PowerShell.OnOffState]]$DhcpGuard,
        [Nullable[Microsoft.HyperV.PowerShell.OnOffState]]$RouterGuard,
        [Nullable[Microsoft.HyperV.PowerShell.VMNetworkAdapterPortMirroringMode]]$PortMirroring,
        [Nullable[Microsoft.HyperV.PowerShell.OnOffState]]$IeeePriorityTag,
        [Nullable[uint32]]$VmqWeight,
        [Nullable[uint32]]$IovQueuePairsRequested,
        [Nullable[Microsoft.HyperV.PowerShell.IovInterruptModerationValue]]$IovInterruptModeration,
        [Nullable[uint32]]$IovWeight,
        [Nullable[uint32]]$VirtualSubnetId,
        [Nullable[Microsoft.HyperV.PowerShell.OnOffState]]$AllowTeaming,
        [Nullable[uint32]]$DynamicIPAddressLimit,
        [Nullable[Microsoft.HyperV.PowerShell.OnOffState]]$DeviceNaming,
        [Nullable[Microsoft.HyperV.PowerShell.OnOffState]]$FixSpeed10G,
        [Nullable[uint32]]$StormLimit,
        [Nullable[long]]$MaximumBandwidth,
        [Nullable[long]]$MinimumBandwidthAbsolute,
        [Nullable[uint32]]$MinimumBandwidthWeight,
        [Nullable[Microsoft.HyperV.PowerShell.OnOffState]]$MacAddressSpoofing,
        [Nullable[bool]]$VrssEnabled,
        [Nullable[bool]]$VmmqEnabled,
        [Alias('VmmqQueuePairs')]
        [Nullable[uint32]]$VrssMaxQueuePairs,
        [Nullable[uint32]]$VrssMinQueuePairs,
        [Nullable[Microsoft.HyperV.PowerShell.VrssQueueSchedulingModeType]]$VrssQueueSchedulingMode,
        [Nullable[bool]]$VrssExcludePrimaryProcessor,
        [Nullable[bool]]$VrssIndependentHostSpreading,
        [Nullable[Microsoft.HyperV.PowerShell.VrssVmbusChannelAffinityPolicyType]]$VrssVmbusChannelAffinityPolicy,
        [Nullable[uint32]]$PacketDirectNumProcs,
        [Nullable[uint32]]$PacketDirectModerationCount,
        [Nullable[uint32]]$PacketDirectModerationInterval,
        [Nullable[uint32]]$IPsecOffloadMaximumSecurityAssociation,
        [Nullable[bool]]$NumaAwarePlacement,
        [Nullable[bool]]$NotMonitoredInCluster,
        [string[]]$MandatoryFeatureId,
        [string]$ResourcePoolName,
        [string]$TestReplicaPoolName,
        [string]$TestReplicaSwitchName,

        [Parameter(ParameterSetName = 'VMName')]
        [Parameter(ParameterSetName = 'VMObject')]
        [Parameter(ParameterSetName = 'ResourceObject')]
        [switch]$DynamicMacAddress,

        [Parameter(ParameterSetName = 'VMName')]
        [Parameter(ParameterSetName = 'VMObject')]
        [Parameter(ParameterSetName = 'ResourceObject')]
        [ValidateNotNullOrEmpty()]
        [string]$StaticMacAddress,

        [switch]$Passthru
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters -HvWrite {
            param($tx, $result, $bound)
            if ($DynamicMacAddress -and $StaticMacAddress) {
                Stop-HvInvalidParameter 'The network adapter cannot use both a static and dynamic MAC address.'
            }
            $mac = $null
            if ($StaticMacAddress) { $mac = ConvertTo-HvMacAddress $StaticMacAddress }
            $problem = $null
            if ($null -ne $VmqWeight -and $VmqWeight -gt 100) { $problem = 'The range of the input VMQ weight is not valid.' }
            elseif ($null -ne $IovWeight -and $IovWeight -gt 100) { $problem = 'The range of the input SR-IOV weight is not valid.' }
            elseif ($null -ne $MinimumBandwidthWeight -and $MinimumBandwidthWeight -gt 100) { $problem = 'The range specified for the input bandwidth reservation is not valid.' }
            elseif ($null -ne $IovQueuePairsRequested -and $IovQueuePairsRequested -lt 1) { $problem = 'The number of requested SR-IOV queue pairs must be at least 1.' }
            elseif ($null -ne $VirtualSubnetId -and $VirtualSubnetId -ne 0 -and ($VirtualSubnetId -lt 4096 -or $VirtualSubnetId -gt 16777215)) { $problem = 'The virtual subnet ID must be 0 or between 4096 and 16777215.' }
            if ($problem) { Stop-HvInvalidParameter $problem }
            Assert-HvAdapterSettingArguments $bound
            if ($PSCmdlet.ParameterSetName -eq 'VMObject') { $bound['VM'] = @($VM) }
            if ($PSCmdlet.ParameterSetName -eq 'VMName') { $bound['VMName'] = @($VMName) }
            foreach ($pair in (Resolve-HvAdapterTarget $tx.State $bound $result)) {
                Invoke-HvTarget $result {
                    $vm = $pair.VM
                    $nic = $pair.Nic
                    if (-not $PSCmdlet.ShouldProcess($nic.Name, 'Set-VMNetworkAdapter')) { continue }
                    if (($mac -or $DynamicMacAddress) -and (Test-HvVMHardwareLocked $vm)) {
                        Stop-HvInvalidState (Join-HvMessage "Failed to modify device 'Network Adapter'." (
                                "The MAC address of '{0}' on '{1}' cannot be changed while the virtual machine is {2}. (Virtual machine ID {3})" -f $nic.Name, $vm.Name, (Get-HvStateWords $vm), $vm.Id.ToUpperInvariant()))
                    }
                    if ($mac) { $nic.MacAddress = $mac; $nic.DynamicMacAddressEnabled = $false }
                    if ($DynamicMacAddress -and -not $nic.DynamicMacAddressEnabled) { $nic.MacAddress = '000000000000'; $nic.DynamicMacAddressEnabled = $true }
                    if ($null -ne $DhcpGuard) { $nic.DhcpGuard = [string]$DhcpGuard }
                    if ($null -ne $RouterGuard) { $nic.RouterGuard = [string]$RouterGuard }
                    if ($null -ne $PortMirroring) { $nic.PortMirroringMode = [string]$PortMirroring }
                    if ($null -ne $IeeePriorityTag) { $nic.IeeePriorityTag = [string]$IeeePriorityTag }
                    if ($null -ne $VmqWeight) { $nic.VmqWeight = [long]$VmqWeight }
                    if ($null -ne $IovQueuePairsRequested) { $nic.IovQueuePairsRequested = [long]$IovQueuePairsRequested }
                    if ($null -ne $IovWeight) { $nic.IovWeight = [long]$IovWeight }
                    if ($null -ne $VirtualSubnetId) { $nic.VirtualSubnetId = [long]$VirtualSubnetId }
                    if ($null -ne $AllowTeaming) { $nic.AllowTeaming = [string]$AllowTeaming }
                    if ($null -ne $DynamicIPAddressLimit) { $nic.DynamicIPAddressLimit = [long]$DynamicIPAddressLimit }
                    if ($null -ne $DeviceNaming) { $nic.DeviceNaming = [string]$DeviceNaming }
                    if ($null -ne $FixSpeed10G) { $nic.FixSpeed10G = [string]$FixSpeed10G }
                    if ($null -ne $StormLimit) { $nic.StormLimit = [long]$StormLimit }
                    if ($null -ne $MacAddressSpoofing) { $nic.MacAddressSpoofing = [string]$MacAddressSpoofing }
                    if ($null -ne $MinimumBandwidthWeight) { $nic.MinimumBandwidthWeight = [long]$MinimumBandwidthWeight }
                    Set-HvAdapterSettings $nic $bound
                    if ($null -ne $MaximumBandwidth) { $nic.MaximumBandwidth = [long]([Math]::Round($MaximumBandwidth / 8) * 8) }
                    if ($null -ne $MinimumBandwidthAbsolute) { $nic.MinimumBandwidthAbsolute = [long]([Math]::Round($MinimumBandwidthAbsolute / 8) * 8) }
                    if ($Passthru) { Add-HvOutput $result (ConvertTo-HvNetworkAdapter $tx.State $vm $nic) }
                }
            }
        }
    }
}

function Remove-VMNetworkAdapter {
    [CmdletBinding(DefaultParameterSetName = 'VMName', SupportsShouldProcess = $true)]
    [OutputType('Microsoft.HyperV.PowerShell.VMNetworkAdapter')]
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

        [Parameter(ParameterSetName = 'ManagementOS', Mandatory = $true)]
        [switch]$ManagementOS,

        [Parameter(ParameterSetName = 'VMName')]
        [Parameter(ParameterSetName = 'VMObject')]
        [Parameter(ParameterSetName = 'ManagementOS', Position = 0)]
        [Alias('VMNetworkAdapterName')]
        [string]$Name,

        [Parameter(ParameterSetName = 'ManagementOS')]
        [string]$SwitchName,

        [switch]$Passthru
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters -HvWrite {
            param($tx, $result, $bound)
            if ($ManagementOS) {
                Remove-HvHostAdapter $PSCmdlet $tx $result $Name $SwitchName $Passthru
                return
            }
            foreach ($pair in (Resolve-HvAdapterTarget $tx.State $bound $result)) {
                Invoke-HvTarget $result {
                    $vm = $pair.VM
                    $nic = $pair.Nic
                    if (-not $PSCmdlet.ShouldProcess($nic.Name, 'Remove-VMNetworkAdapter')) { continue }
                    Assert-HvAdapterHotPlug $vm ([bool]$nic.IsLegacy) 'remove'
                    $output = ConvertTo-HvNetworkAdapter $tx.State $vm $nic
                    $vm.NetworkAdapters.Remove($nic)
                    if ($Passthru) { $output.IsDeleted = $true; Add-HvOutput $result $output }
                }
            }
        }
    }
}

function Connect-VMNetworkAdapter {
    [CmdletBinding(DefaultParameterSetName = 'Name_SwitchName', SupportsShouldProcess = $true)]
    [OutputType('Microsoft.HyperV.PowerShell.VMNetworkAdapter')]
    param(
        [Parameter(ParameterSetName = 'Name_SwitchName', Mandatory = $true, Position = 0)]
        [Parameter(ParameterSetName = 'Name_SwitchObject', Mandatory = $true, Position = 0)]
        [ValidateNotNullOrEmpty()]
        [string[]]$VMName,

        [Parameter(ParameterSetName = 'Name_SwitchName', Position = 1)]
        [Parameter(ParameterSetName = 'Name_SwitchObject', Position = 1)]
        [Alias('VMNetworkAdapterName')]
        [string[]]$Name,

        [Parameter(ParameterSetName = 'Object_SwitchName', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [Parameter(ParameterSetName = 'Object_SwitchObject', Mandatory = $true, Position = 0)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VMNetworkAdapter[]]$VMNetworkAdapter,

        [Parameter(ParameterSetName = 'Name_SwitchName', Mandatory = $true, Position = 2)]
        [Parameter(ParameterSetName = 'Object_SwitchName', Mandatory = $true, Position = 1)]
        [ValidateNotNullOrEmpty()]
        [string]$SwitchName,

        [Parameter(ParameterSetName = 'Name_SwitchObject', Mandatory = $true, Position = 2, ValueFromPipeline = $true)]
        [Parameter(ParameterSetName = 'Object_SwitchObject', Mandatory = $true, Position = 1, ValueFromPipeline = $true)]
        [ValidateNotNull()]
        [Microsoft.HyperV.PowerShell.VMSwitch]$VMSwitch,

        [switch]$Passthru
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters -HvWrite {
            param($tx, $result, $bound)
            if ($VMSwitch) {
                $key = $VMSwitch.Id.ToString()
                if (-not $tx.State.switches.ContainsKey($key)) {
                    Stop-HvObjectNotFound 'No Ethernet switch could be found matching the specified criteria.'
                }
                $switch = $tx.State.switches[$key]
            } else {
                $switch = Get-HvSingleSwitch $tx.State $SwitchName
            }
            foreach ($pair in (Resolve-HvAdapterTarget $tx.State $bound $result)) {
                Invoke-HvTarget $result {
                    if (-not $PSCmdlet.ShouldProcess($pair.Nic.Name, 'Connect-VMNetworkAdapter')) { continue }
                    $pair.Nic.SwitchId = $switch.Id
                    if ($Passthru) { Add-HvOutput $result (ConvertTo-HvNetworkAdapter $tx.State $pair.VM $pair.Nic) }
                }
            }
        }
    }
}

function Disconnect-VMNetworkAdapter {
    [CmdletBinding(DefaultParameterSetName = 'Name', SupportsShouldProcess = $true)]
    [OutputType('Microsoft.HyperV.PowerShell.VMNetworkAdapter')]
    param(
        [Parameter(ParameterSetName = 'Name', Mandatory = $true, Position = 0)]
        [ValidateNotNullOrEmpty()]
        [string[]]$VMName,

        [Parameter(ParameterSetName = 'Name', Position = 1)]
        [Alias('VMNetworkAdapterName')]
        [string[]]$Name,

        [Parameter(ParameterSetName = 'Obj', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VMNetworkAdapter[]]$VMNetworkAdapter,

        [switch]$Passthru
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters -HvWrite {
            param($tx, $result, $bound)
            foreach ($pair in (Resolve-HvAdapterTarget $tx.State $bound $result)) {
                Invoke-HvTarget $result {
                    if (-not $PSCmdlet.ShouldProcess($pair.Nic.Name, 'Disconnect-VMNetworkAdapter')) { continue }
                    $pair.Nic.SwitchId = $null
                    if ($Passthru) { Add-HvOutput $result (ConvertTo-HvNetworkAdapter $tx.State $pair.VM $pair.Nic) }
                }
            }
        }
    }
}
