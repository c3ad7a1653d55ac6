BeforeAll { . (Join-Path $PSScriptRoot 'SimulatorTestHelpers.ps1') }

Describe 'Set-VMNetworkAdapter offload, feature and replica settings' {
    BeforeEach { $dir = New-SimStateDirectory; $null = New-VM -Name 'vm' -Generation 2 }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'shows the defaults of a new adapter' {
        $adapter = Get-VMNetworkAdapter -VMName 'vm'
        $adapter.VrssEnabled | Should -BeTrue
        $adapter.VmmqEnabled | Should -BeFalse
        $adapter.VrssMaxQueuePairs | Should -Be 16
        $adapter.IPsecOffloadMaxSA | Should -Be 512
        $adapter.ClusterMonitored | Should -BeTrue
        $adapter.MandatoryFeatureId | Should -BeNullOrEmpty
    }

    It 'sets vRSS, VMMQ, Packet Direct, IPsec offload, mandatory features, cluster monitoring, test replica and pool' {
        $feature = [Guid]::NewGuid().ToString()
        $adapter = Get-VMNetworkAdapter -VMName 'vm' | Set-VMNetworkAdapter -VrssEnabled $false -VmmqEnabled $true -VmmqQueuePairs 8 -VrssMinQueuePairs 2 `
            -VrssQueueSchedulingMode StaticVrss -VrssExcludePrimaryProcessor $true -VrssIndependentHostSpreading $true -VrssVmbusChannelAffinityPolicy Strict `
            -PacketDirectNumProcs 4 -PacketDirectModerationCount 32 -PacketDirectModerationInterval 500 -IPsecOffloadMaximumSecurityAssociation 1024 `
            -MandatoryFeatureId $feature -NotMonitoredInCluster $true -TestReplicaPoolName 'pool' -TestReplicaSwitchName 'testlan' -ResourcePoolName 'rp' -Passthru
        $adapter.VrssEnabled | Should -BeFalse
        $adapter.VmmqEnabled | Should -BeTrue
        $adapter.VrssMaxQueuePairs | Should -Be 8
        $adapter.VrssMinQueuePairs | Should -Be 2
        $adapter.VrssQueueSchedulingMode | Should -Be 'StaticVrss'
        $adapter.VrssExcludePrimaryProcessor | Should -BeTrue
        $adapter.VrssIndependentHostSpreading | Should -BeTrue
        $adapter.VrssVmbusChannelAffinityPolicy | Should -Be 'Strict'
        $adapter.PacketDirectNumProcs | Should -Be 4
        $adapter.PacketDirectModerationCount | Should -Be 32
        $adapter.PacketDirectModerationInterval | Should -Be 500
        $adapter.IPsecOffloadMaxSA | Should -Be 1024
        $adapter.MandatoryFeatureId | Should -Be $feature
        $adapter.ClusterMonitored | Should -BeFalse
        $adapter.TestReplicaPoolName | Should -Be 'pool'
        $adapter.TestReplicaSwitchName | Should -Be 'testlan'
        $adapter.PoolName | Should -Be 'rp'
        (Get-VMNetworkAdapter -VMName 'vm').VmmqEnabled | Should -BeTrue
    }

    It 'refuses queue-pair counts below 1 and malformed feature ids' {
        foreach ($case in @(
                { Set-VMNetworkAdapter -VMName 'vm' -VrssMaxQueuePairs 0 -ErrorAction Stop },
                { Set-VMNetworkAdapter -VMName 'vm' -VrssMinQueuePairs 0 -ErrorAction Stop },
                { Set-VMNetworkAdapter -VMName 'vm' -MandatoryFeatureId 'feature' -ErrorAction Stop })) {
            (Get-SimError $case).FullyQualifiedErrorId | Should -Be 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.SetVMNetworkAdapter'
        }
    }
}

Describe 'Rename-VMNetworkAdapter' {
    BeforeEach { $dir = New-SimStateDirectory; $null = New-VM -Name 'vm'; Add-VMNetworkAdapter -VMName 'vm' -Name 'Backend' }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'renames the named adapter, by VM name, VM object or adapter object' {
        (Rename-VMNetworkAdapter -VMName 'vm' -Name 'Backend' -NewName 'Storage' -Passthru).Name | Should -Be 'Storage'
        (Get-VMNetworkAdapter -VMName 'vm').Name | Should -Be @('Network Adapter', 'Storage')
        Get-VMNetworkAdapter -VMName 'vm' -Name 'Storage' | Rename-VMNetworkAdapter -NewName 'Data'
        Get-VM -Name 'vm' | Rename-VMNetworkAdapter -Name 'Network*' -NewName 'Front'
        (Get-VMNetworkAdapter -VMName 'vm').Name | Should -Be @('Front', 'Data')
    }

    It 'reports a name that matches no adapter as ObjectNotFound' {
        $e = Get-SimError { Rename-VMNetworkAdapter -VMName 'vm' -Name 'Nope' -NewName 'x' -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'ObjectNotFound,Microsoft.HyperV.PowerShell.Commands.RenameVMNetworkAdapter'
        $e.Exception.Message | Should -Be 'No network adapter was found with the given criteria.'
    }
}

Describe 'Add-VMNetworkAdapter and Remove-VMNetworkAdapter -ManagementOS' {
    BeforeEach { $dir = New-SimStateDirectory; $null = New-VMSwitch -Name 'lan' -SwitchType Internal; $null = New-VMSwitch -Name 'priv' -SwitchType Private }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'adds host adapters to a switch, named after it by default' {
        $added = Add-VMNetworkAdapter -ManagementOS -SwitchName 'lan' -Name 'Storage' -Passthru
        $added | Should -BeOfType ([Microsoft.HyperV.PowerShell.VMInternalNetworkAdapter])
        $added.IsManagementOs | Should -BeTrue
        $added.SwitchName | Should -Be 'lan'
        $added.MacAddress | Should -Match '^00155D[0-9A-F]{6}$'
        Add-VMNetworkAdapter -ManagementOS -SwitchName 'lan' -StaticMacAddress '00-15-5D-AA-BB-CC'
        $names = (Get-VMNetworkAdapter -ManagementOS).Name
        $names | Should -Contain 'Storage'
        @($names | Where-Object { $_ -eq 'lan' }).Count | Should -Be 2
        (Get-VMNetworkAdapter -ManagementOS -Name 'lan').MacAddress | Should -Contain '00155DAABBCC'
        (Get-VMHost).InternalNetworkAdapters.Name | Should -Contain 'Storage'
    }

    It 'removes host adapters by name; removing the switch''s own one stops sharing the switch with the host' {
        Add-VMNetworkAdapter -ManagementOS -SwitchName 'lan' -Name 'Storage'
        (Remove-VMNetworkAdapter -ManagementOS -Name 'Storage' -Passthru).IsDeleted | Should -BeTrue
        (Get-VMNetworkAdapter -ManagementOS).Name | Should -Be 'lan'
        Remove-VMNetworkAdapter -ManagementOS -SwitchName 'lan'
        Get-VMNetworkAdapter -ManagementOS | Should -BeNullOrEmpty
        (Get-VMSwitch -Name 'lan').AllowManagementOS | Should -BeFalse
    }

    It 'renames a host adapter' {
        Rename-VMNetworkAdapter -ManagementOS -Name 'lan' -NewName 'Host'
        (Get-VMNetworkAdapter -ManagementOS).Name | Should -Be 'Host'
    }

    It 'refuses a private switch, a missing switch name and an unknown adapter' {
        (Get-SimError { Add-VMNetworkAdapter -ManagementOS -SwitchName 'priv' -ErrorAction Stop }).FullyQualifiedErrorId |
            Should -Be 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.AddVMNetworkAdapter'
        (Get-SimError { Add-VMNetworkAdapter -ManagementOS -ErrorAction Stop }).CategoryInfo.Category | Should -Be 'InvalidArgument'
        (Get-SimError { Remove-VMNetworkAdapter -ManagementOS -Name 'nope' -ErrorAction Stop }).FullyQualifiedErrorId |
            Should -Be 'ObjectNotFound,Microsoft.HyperV.PowerShell.Commands.RemoveVMNetworkAdapter'
    }
}
