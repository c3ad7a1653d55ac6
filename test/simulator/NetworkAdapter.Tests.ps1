BeforeAll { . (Join-Path $PSScriptRoot 'SimulatorTestHelpers.ps1') }

Describe 'Get/Add/Remove-VMNetworkAdapter' {
    BeforeEach {
        $dir = New-SimStateDirectory
        $vm = New-VM -Name 'vm'
        $null = New-VMSwitch -Name 'lan' -SwitchType Internal
    }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'returns VMNetworkAdapter objects of the VM' {
        $nic = Get-VMNetworkAdapter -VMName 'vm'
        $nic | Should -BeOfType ([Microsoft.HyperV.PowerShell.VMNetworkAdapter])
        $nic.VMId | Should -Be $vm.Id
        $nic.VMQWeight | Should -BeOfType ([uint32])
        $nic.VMQWeight | Should -Be 100
        $nic.DynamicMacAddressEnabled | Should -BeTrue
        $nic.VlanSetting.OperationMode | Should -Be 'Untagged'
    }

    It 'adds adapters with default names, filters by -Name and -IsLegacy' {
        Add-VMNetworkAdapter -VMName 'vm' -SwitchName 'lan'
        Add-VMNetworkAdapter -VMName 'vm' -IsLegacy $true
        (Get-VMNetworkAdapter -VMName 'vm').Name | Should -Be @('Network Adapter', 'Network Adapter', 'Legacy Network Adapter')
        (Get-VMNetworkAdapter -VMName 'vm' -IsLegacy $true).Name | Should -Be 'Legacy Network Adapter'
        @(Get-VMNetworkAdapter -VMName 'vm' -Name 'network*').Count | Should -Be 2
        @(Get-VMNetworkAdapter -VMName 'vm' -IsLegacy $false).Count | Should -Be 2
    }

    It 'normalizes static MAC addresses and refuses malformed ones' {
        $nic = Add-VMNetworkAdapter -VMName 'vm' -Name 'static' -StaticMacAddress '00:15:5d-0a:0B:0c' -Passthru
        $nic.MacAddress | Should -Be '00155D0A0B0C'
        $nic.DynamicMacAddressEnabled | Should -BeFalse
        $e = Get-SimError { Add-VMNetworkAdapter -VMName 'vm' -StaticMacAddress '00:15:5D:0A:0B' -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.AddVMNetworkAdapter'
        $e.Exception.Message | Should -Be 'The parameter "StaticMacAddress" is not in the correct format.'
        (Get-SimError { Add-VMNetworkAdapter -VMName 'vm' -StaticMacAddress '00::155D0A0B0C' -ErrorAction Stop }).CategoryInfo.Category |
            Should -Be 'InvalidArgument'
    }

    It 'refuses -StaticMacAddress with -DynamicMacAddress' {
        $e = Get-SimError { Add-VMNetworkAdapter -VMName 'vm' -StaticMacAddress '00155D000001' -DynamicMacAddress -ErrorAction Stop }
        $e.Exception.Message | Should -Be "The parameters 'StaticMacAddress' and 'DynamicMacAddress' are mutually exclusive. Specify only one or the other."
    }

    It 'allows legacy adapters on Generation 1 only' {
        $null = New-VM -Name 'g2' -Generation 2
        $e = Get-SimError { Add-VMNetworkAdapter -VMName 'g2' -IsLegacy $true -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.AddVMNetworkAdapter'
        $e.Exception.Message | Should -Be 'Generation 2 virtual machines do not support legacy network adapters.'
    }

    It 'allows up to 4 legacy adapters on Generation 1' {
        1..4 | ForEach-Object { Add-VMNetworkAdapter -VMName 'vm' -IsLegacy $true }
        @(Get-VMNetworkAdapter -VMName 'vm' -IsLegacy $true).Count | Should -Be 4
        $e = Get-SimError { Add-VMNetworkAdapter -VMName 'vm' -IsLegacy $true -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'OperationFailed,Microsoft.HyperV.PowerShell.Commands.AddVMNetworkAdapter'
        $e.CategoryInfo.Category | Should -Be 'NotSpecified'
    }

    It 'hot-adds synthetic adapters on running Generation 2 VMs only' {
        $null = New-VM -Name 'g2' -Generation 2
        Start-VM -Name 'vm', 'g2'
        (Get-SimError { Add-VMNetworkAdapter -VMName 'vm' -ErrorAction Stop }).FullyQualifiedErrorId |
            Should -Be 'InvalidState,Microsoft.HyperV.PowerShell.Commands.AddVMNetworkAdapter'
        $nic = Add-VMNetworkAdapter -VMName 'g2' -Name 'hot' -Passthru
        $nic.MacAddress | Should -Not -Be '000000000000'
    }

    It 'refuses an unknown switch' {
        $e = Get-SimError { Add-VMNetworkAdapter -VMName 'vm' -SwitchName 'nope' -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.AddVMNetworkAdapter'
    }

    It 'removes every adapter without -Name, and reports a -Name that matches nothing' {
        Add-VMNetworkAdapter -VMName 'vm' -Name 'second'
        $e = Get-SimError { Remove-VMNetworkAdapter -VMName 'vm' -Name 'nothing' -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'ObjectNotFound,Microsoft.HyperV.PowerShell.Commands.RemoveVMNetworkAdapter'
        $e.Exception.Message | Should -Be 'No network adapter was found with the given criteria.'
        Remove-VMNetworkAdapter -VMName 'vm'
        Get-VMNetworkAdapter -VMName 'vm' | Should -BeNullOrEmpty
    }

    It 'removes piped adapters and returns them with -Passthru' {
        Add-VMNetworkAdapter -VMName 'vm' -Name 'second'
        $removed = Get-VMNetworkAdapter -VMName 'vm' -Name 'second' | Remove-VMNetworkAdapter -Passthru
        $removed.Name | Should -Be 'second'
        (Get-VMNetworkAdapter -VMName 'vm').Name | Should -Be 'Network Adapter'
    }

    It 'lists host adapters of switches with -ManagementOS' {
        $hostAdapter = Get-VMNetworkAdapter -ManagementOS
        $hostAdapter | Should -BeOfType ([Microsoft.HyperV.PowerShell.VMInternalNetworkAdapter])
        $hostAdapter.Name | Should -Be 'lan'
        $hostAdapter.IsManagementOs | Should -BeTrue
    }
}

Describe 'Set-VMNetworkAdapter' {
    BeforeEach { $dir = New-SimStateDirectory; $vm = New-VM -Name 'vm' }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'sets VMQ weight 0..100 and refuses 101' {
        (Set-VMNetworkAdapter -VMName 'vm' -VmqWeight 0 -Passthru).VMQWeight | Should -Be 0
        $e = Get-SimError { Set-VMNetworkAdapter -VMName 'vm' -VmqWeight 101 -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.SetVMNetworkAdapter'
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        (Get-VMNetworkAdapter -VMName 'vm').VMQWeight | Should -Be 0
        (Set-VMNetworkAdapter -VMName 'vm' -VmqWeight 100 -Passthru).VMQWeight | Should -Be 100
    }

    It 'checks the SR-IOV and bandwidth weights for 0..100 with the module messages' {
        $e = Get-SimError { Set-VMNetworkAdapter -VMName 'vm' -IovWeight 101 -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.SetVMNetworkAdapter'
        $e.Exception.Message | Should -Be 'The range of the input SR-IOV weight is not valid.'
        $e = Get-SimError { Set-VMNetworkAdapter -VMName 'vm' -MinimumBandwidthWeight 101 -ErrorAction Stop }
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $e.Exception.Message | Should -Be 'The range specified for the input bandwidth reservation is not valid.'
        (Set-VMNetworkAdapter -VMName 'vm' -IovWeight 100 -Passthru).IovWeight | Should -Be 100
    }

    It 'uses -Name as a selector (it does not rename) and acts on all adapters without it' {
        Add-VMNetworkAdapter -VMName 'vm' -Name 'second'
        Set-VMNetworkAdapter -VMName 'vm' -Name 'second' -DhcpGuard On
        (Get-VMNetworkAdapter -VMName 'vm').DhcpGuard | Should -Be @('Off', 'On')
        (Get-VMNetworkAdapter -VMName 'vm').Name | Should -Be @('Network Adapter', 'second')
        Set-VMNetworkAdapter -VMName 'vm' -RouterGuard On
        (Get-VMNetworkAdapter -VMName 'vm').RouterGuard | Should -Be @('On', 'On')
        (Get-SimError { Set-VMNetworkAdapter -VMName 'vm' -Name 'none' -DhcpGuard On -ErrorAction Stop }).FullyQualifiedErrorId |
            Should -Be 'ObjectNotFound,Microsoft.HyperV.PowerShell.Commands.SetVMNetworkAdapter'
    }

    It 'sets a static MAC while off, refuses it while running, and goes back to dynamic' {
        (Set-VMNetworkAdapter -VMName 'vm' -StaticMacAddress '00-15-5d-aa-bb-cc' -Passthru).MacAddress | Should -Be '00155DAABBCC'
        Start-VM -Name 'vm'
        (Get-SimError { Set-VMNetworkAdapter -VMName 'vm' -StaticMacAddress '00155DAABBCD' -ErrorAction Stop }).FullyQualifiedErrorId |
            Should -Be 'InvalidState,Microsoft.HyperV.PowerShell.Commands.SetVMNetworkAdapter'
        Stop-VM -Name 'vm' -TurnOff
        $nic = Set-VMNetworkAdapter -VMName 'vm' -DynamicMacAddress -Passthru
        $nic.DynamicMacAddressEnabled | Should -BeTrue
        (Get-SimError { Set-VMNetworkAdapter -VMName 'vm' -DynamicMacAddress -StaticMacAddress '00155DAABBCD' -ErrorAction Stop }).Exception.Message |
            Should -Be 'The network adapter cannot use both a static and dynamic MAC address.'
    }

    It 'accepts adapters from the pipeline' {
        Get-VMNetworkAdapter -VMName 'vm' | Set-VMNetworkAdapter -MacAddressSpoofing On -IovWeight 50
        $nic = Get-VMNetworkAdapter -VMName 'vm'
        $nic.MacAddressSpoofing | Should -Be 'On'
        $nic.IovWeight | Should -Be 50
    }
}

Describe 'Connect/Disconnect-VMNetworkAdapter' {
    BeforeEach {
        $dir = New-SimStateDirectory
        $vm = New-VM -Name 'vm'
        $lan = New-VMSwitch -Name 'lan' -SwitchType Private
    }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'connects by switch name and disconnects' {
        Connect-VMNetworkAdapter -VMName 'vm' -SwitchName 'lan'
        $nic = Get-VMNetworkAdapter -VMName 'vm'
        $nic.SwitchName | Should -Be 'lan'
        $nic.SwitchId | Should -Be $lan.Id
        $nic.Connected | Should -BeTrue
        Disconnect-VMNetworkAdapter -VMName 'vm'
        (Get-VMNetworkAdapter -VMName 'vm').SwitchName | Should -Be ''
    }

    It 'connects piped adapters and switch objects' {
        Get-VMNetworkAdapter -VMName 'vm' | Connect-VMNetworkAdapter -SwitchName 'lan'
        (Get-VMNetworkAdapter -VMName 'vm').SwitchName | Should -Be 'lan'
        Disconnect-VMNetworkAdapter -VMName 'vm'
        (Connect-VMNetworkAdapter -VMName 'vm' -VMSwitch $lan -Passthru).SwitchName | Should -Be 'lan'
    }

    It 'fails for an unknown switch, duplicate switch names or an unknown adapter' {
        (Get-SimError { Connect-VMNetworkAdapter -VMName 'vm' -SwitchName 'nope' -ErrorAction Stop }).FullyQualifiedErrorId |
            Should -Be 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.ConnectVMNetworkAdapter'
        (Get-SimError { Connect-VMNetworkAdapter -VMName 'vm' -Name 'nope' -SwitchName 'lan' -ErrorAction Stop }).FullyQualifiedErrorId |
            Should -Be 'ObjectNotFound,Microsoft.HyperV.PowerShell.Commands.ConnectVMNetworkAdapter'
        $null = New-VMSwitch -Name 'lan' -SwitchType Internal
        (Get-SimError { Connect-VMNetworkAdapter -VMName 'vm' -SwitchName 'lan' -ErrorAction Stop }).CategoryInfo.Category |
            Should -Be 'InvalidOperation'
    }
}

Describe 'Get/Set-VMNetworkAdapterVlan' {
    BeforeEach { $dir = New-SimStateDirectory; $vm = New-VM -Name 'vm' }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'is untagged by default' {
        $vlan = Get-VMNetworkAdapterVlan -VMName 'vm'
        $vlan | Should -BeOfType ([Microsoft.HyperV.PowerShell.VMNetworkAdapterVlanSetting])
        $vlan.OperationMode | Should -Be 'Untagged'
        $vlan.AccessVlanId | Should -Be 0
        $vlan.ParentAdapter.Name | Should -Be 'Network Adapter'
    }

    It 'sets access and trunk modes' {
        (Set-VMNetworkAdapterVlan -VMName 'vm' -Access -VlanId 42 -Passthru).AccessVlanId | Should -Be 42
        (Get-VMNetworkAdapterVlan -VMName 'vm').OperationMode | Should -Be 'Access'
        $trunk = Set-VMNetworkAdapterVlan -VMName 'vm' -Trunk -NativeVlanId 1 -AllowedVlanIdList '1-3,10' -Passthru
        $trunk.OperationMode | Should -Be 'Trunk'
        @($trunk.AllowedVlanIdList) | Should -Be @(1, 2, 3, 10)
    }

    It 'returns nothing for -Untagged even with -Passthru' {
        Set-VMNetworkAdapterVlan -VMName 'vm' -Access -VlanId 42
        Set-VMNetworkAdapterVlan -VMName 'vm' -Untagged -Passthru | Should -BeNullOrEmpty
        (Get-VMNetworkAdapterVlan -VMName 'vm').OperationMode | Should -Be 'Untagged'
    }

    It 'reports missing and conflicting parameters, bad lists and ids' {
        (Get-SimError { Set-VMNetworkAdapterVlan -VMName 'vm' -Access -ErrorAction Stop }).Exception.Message | Should -Be 'Missing parameter'
        (Get-SimError { Set-VMNetworkAdapterVlan -VMName 'vm' -Access -Untagged -VlanId 3 -ErrorAction Stop }).Exception.Message | Should -Be 'Conflicting parameters'
        (Get-SimError { Set-VMNetworkAdapterVlan -VMName 'vm' -Trunk -NativeVlanId 1 -AllowedVlanIdList '1-x' -ErrorAction Stop }).Exception.Message |
            Should -Be 'The provided list of VLAN IDs was incorrectly formatted.'
        $e = Get-SimError { Set-VMNetworkAdapterVlan -VMName 'vm' -Access -VlanId 5000 -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.SetVMNetworkAdapterVlan'
    }

    It 'accepts adapters from the pipeline' {
        Get-VMNetworkAdapter -VMName 'vm' | Set-VMNetworkAdapterVlan -Access -VlanId 7
        (Get-VMNetworkAdapter -VMName 'vm' | Get-VMNetworkAdapterVlan).AccessVlanId | Should -Be 7
    }
}
