BeforeAll { . (Join-Path $PSScriptRoot 'SimulatorTestHelpers.ps1') }

Describe 'Set-VMSwitch' {
    BeforeEach { $dir = New-SimStateDirectory; $null = New-VMSwitch -Name 'lan' -SwitchType Private }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'shows the default-queue offload defaults on a new switch' {
        $switch = Get-VMSwitch -Name 'lan'
        $switch.DefaultQueueVrssEnabled | Should -BeTrue
        $switch.DefaultQueueVmmqEnabled | Should -BeTrue
        $switch.DefaultQueueVrssMaxQueuePairs | Should -Be 16
        $switch.DefaultQueueVrssMinQueuePairs | Should -Be 1
        $switch.DefaultQueueVrssQueueSchedulingMode | Should -Be ([Microsoft.HyperV.PowerShell.VrssQueueSchedulingModeType]::StaticVrss)
        $switch.DefaultQueueVrssExcludePrimaryProcessor | Should -BeFalse
        $switch.SoftwareRscEnabled | Should -BeFalse
    }

    It 'binds a switch to a physical adapter, making it external and shared with the host' {
        $switch = Set-VMSwitch -Name 'lan' -NetAdapterName 'Ethernet' -Passthru
        $switch.SwitchType | Should -Be 'External'
        $switch.AllowManagementOS | Should -BeTrue
        $switch.NetAdapterInterfaceDescription | Should -Be 'Simulated Ethernet Adapter'
        (Get-VMSwitch -Name 'lan' | Set-VMSwitch -AllowManagementOS $false -EnableSoftwareRsc $true -Passthru).AllowManagementOS | Should -BeFalse
        (Get-VMSwitch -Name 'lan').SoftwareRscEnabled | Should -BeTrue
    }

    It 'changes the switch type and the default-queue settings, and the notes' {
        $switch = Set-VMSwitch -Name 'lan' -SwitchType Internal -DefaultQueueVrssEnabled $false -DefaultQueueVmmqQueuePairs 8 -DefaultQueueVrssQueueSchedulingMode Dynamic -Notes 'lab' -Passthru
        $switch.SwitchType | Should -Be 'Internal'
        $switch.AllowManagementOS | Should -BeTrue
        $switch.DefaultQueueVrssEnabled | Should -BeFalse
        $switch.DefaultQueueVrssMaxQueuePairs | Should -Be 8
        $switch.DefaultQueueVrssQueueSchedulingMode | Should -Be 'Dynamic'
        $switch.Notes | Should -Be 'lab'
        Set-VMSwitch -Name 'lan' -DefaultFlowMinimumBandwidthWeight 20
        (Get-VMSwitch -Name 'lan').DefaultFlowMinimumBandwidthWeight | Should -Be 20
    }

    It 'refuses settings that apply to external switches only, and bad ranges' {
        foreach ($case in @(
                { Set-VMSwitch -Name 'lan' -AllowManagementOS $true -ErrorAction Stop },
                { Set-VMSwitch -Name 'lan' -EnableSoftwareRsc $true -ErrorAction Stop },
                { Set-VMSwitch -Name 'lan' -SwitchType External -ErrorAction Stop },
                { Set-VMSwitch -Name 'lan' -DefaultFlowMinimumBandwidthWeight 101 -ErrorAction Stop },
                { Set-VMSwitch -Name 'lan' -DefaultQueueVrssMinQueuePairs 0 -ErrorAction Stop })) {
            (Get-SimError $case).FullyQualifiedErrorId | Should -Be 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.SetVMSwitch'
        }
        (Get-SimError { Set-VMSwitch -Name 'lan' -SwitchType External -ErrorAction Stop }).Exception.Message |
            Should -Be 'Either the NetAdapterInterfaceDescription or the NetAdapterName parameter must be specified when setting the switch type to External.'
    }

    It 'refuses an adapter another switch is bound to, and an unknown switch' {
        $null = New-VMSwitch -Name 'ext' -NetAdapterName 'Ethernet'
        (Get-SimError { Set-VMSwitch -Name 'lan' -NetAdapterName 'Ethernet' -ErrorAction Stop }).CategoryInfo.Category | Should -Be 'ResourceBusy'
        (Get-SimError { Set-VMSwitch -Name 'nope' -Notes 'x' -ErrorAction Stop }).FullyQualifiedErrorId | Should -Be 'ObjectNotFound,Microsoft.HyperV.PowerShell.Commands.SetVMSwitch'
    }
}

Describe 'Rename-VMSwitch and New-VMSwitch -Id' {
    BeforeEach { $dir = New-SimStateDirectory }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'creates a switch with a given id and renames it by name or object' {
        $switch = New-VMSwitch -Name 'lan' -SwitchType Internal -Id '6d1c9d3a-0000-4000-8000-000000000001'
        $switch.Id | Should -Be ([Guid]'6d1c9d3a-0000-4000-8000-000000000001')
        (Rename-VMSwitch -Name 'lan' -NewName 'backend' -Passthru).Name | Should -Be 'backend'
        Get-VMSwitch -Id $switch.Id | Rename-VMSwitch -NewName 'front'
        (Get-VMSwitch -Id $switch.Id).Name | Should -Be 'front'
        (Get-VMNetworkAdapter -ManagementOS).Name | Should -Be 'front'
    }

    It 'refuses a malformed or duplicate id and an unknown name' {
        $e = Get-SimError { New-VMSwitch -Name 'x' -SwitchType Private -Id 'nope' -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.NewVMSwitch'
        $e.Exception.Message | Should -Be 'The parameter "Id" is not in the correct format.'
        $null = New-VMSwitch -Name 'a' -SwitchType Private -Id '6d1c9d3a-0000-4000-8000-000000000002'
        (Get-SimError { New-VMSwitch -Name 'b' -SwitchType Private -SwitchId '6d1c9d3a-0000-4000-8000-000000000002' -ErrorAction Stop }).Exception.Message | Should -BeLike '*already exists*'
        @(Get-VMSwitch).Count | Should -Be 1
        (Get-SimError { Rename-VMSwitch -Name 'zzz' -NewName 'y' -ErrorAction Stop }).FullyQualifiedErrorId | Should -Be 'ObjectNotFound,Microsoft.HyperV.PowerShell.Commands.RenameVMSwitch'
    }
}
