BeforeAll { . (Join-Path $PSScriptRoot 'SimulatorTestHelpers.ps1') }

Describe 'Get/New/Remove-VMSwitch' {
    BeforeEach { $dir = New-SimStateDirectory }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'creates internal, private and external switches' {
        $internal = New-VMSwitch -Name 'int' -SwitchType Internal
        $internal | Should -BeOfType ([Microsoft.HyperV.PowerShell.VMSwitch])
        $internal.SwitchType | Should -Be 'Internal'
        $internal.AllowManagementOS | Should -BeTrue
        (New-VMSwitch -Name 'priv' -SwitchType Private).AllowManagementOS | Should -BeFalse
        $external = New-VMSwitch -Name 'ext' -NetAdapterName 'Ethernet' -AllowManagementOS $false
        $external.SwitchType | Should -Be 'External'
        $external.NetAdapterInterfaceDescription | Should -Be 'Simulated Ethernet Adapter'
        (Get-VMSwitch).Name | Should -Be @('ext', 'int', 'priv')
        (Get-VMSwitch -SwitchType Internal).Name | Should -Be 'int'
        # Private is the enum's 0 value.
        (Get-VMSwitch -SwitchType Private).Name | Should -Be 'priv'
        (Get-VMSwitch -SwitchType Private, External).Name | Should -Be @('ext', 'priv')
        (Get-VMSwitch -Id $internal.Id).Name | Should -Be 'int'
    }

    It 'accepts only Internal or Private as -SwitchType' {
        { New-VMSwitch -Name 'x' -SwitchType External } | Should -Throw -ErrorId 'ParameterArgumentValidationError,New-VMSwitch'
    }

    It 'refuses an unknown physical adapter' {
        $e = Get-SimError { New-VMSwitch -Name 'x' -NetAdapterName 'Wi-Fi' -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'ObjectNotFound,Microsoft.HyperV.PowerShell.Commands.NewVMSwitch'
        $e.Exception.Message | Should -Be "Physical network adapter 'Wi-Fi' not found."
    }

    It 'teams several physical adapters by default and refuses them with teaming switched off' {
        (New-VMSwitch -Name 'team' -NetAdapterName 'Ethernet', 'Ethernet 2').EmbeddedTeamingEnabled | Should -BeTrue
        $e = Get-SimError { New-VMSwitch -Name 'x' -NetAdapterName 'Ethernet', 'Ethernet 2' -EnableEmbeddedTeaming $false -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.NewVMSwitch'
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'allows duplicate switch names' {
        $null = New-VMSwitch -Name 'dup' -SwitchType Private
        $null = New-VMSwitch -Name 'dup' -SwitchType Private
        @(Get-VMSwitch -Name 'dup').Count | Should -Be 2
    }

    It 'reports an unknown name as InvalidParameter and is silent for wildcards' {
        $e = Get-SimError { Get-VMSwitch -Name 'nope' -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.GetVMSwitch'
        $e.Exception.Message | Should -Be 'Hyper-V was unable to find a virtual switch with name "nope".'
        Get-VMSwitch -Name 'nope*' | Should -BeNullOrEmpty
        (Get-SimError { Get-VMSwitch -Id ([Guid]::NewGuid()) -ErrorAction Stop }).CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'removes a switch with -Force, disconnecting stopped VMs' {
        $null = New-VMSwitch -Name 'lan' -SwitchType Private
        $null = New-VM -Name 'vm' -SwitchName 'lan'
        (Get-SimError { Remove-VMSwitch -Name 'lan' -ErrorAction Stop }).FullyQualifiedErrorId |
            Should -Be 'OperationFailed,Microsoft.HyperV.PowerShell.Commands.RemoveVMSwitch'
        Remove-VMSwitch -Name 'lan' -Force
        Get-VMSwitch | Should -BeNullOrEmpty
        (Get-VMNetworkAdapter -VMName 'vm').SwitchName | Should -Be ''
    }

    It 'refuses to remove a switch used by a running VM' {
        $null = New-VMSwitch -Name 'lan' -SwitchType Private
        $null = New-VM -Name 'vm' -SwitchName 'lan'
        Start-VM -Name 'vm'
        $e = Get-SimError { Get-VMSwitch -Name 'lan' | Remove-VMSwitch -Force -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'ObjectInUse,Microsoft.HyperV.PowerShell.Commands.RemoveVMSwitch'
        $e.CategoryInfo.Category | Should -Be 'ResourceBusy'
    }
}

Describe 'Get/Set-VMBios' {
    BeforeEach { $dir = New-SimStateDirectory; $vm = New-VM -Name 'g1' }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'sets the startup order and num lock of a Generation 1 VM' {
        $bios = Set-VMBios -VMName 'g1' -StartupOrder IDE, CD, LegacyNetworkAdapter, Floppy -EnableNumLock -Passthru
        $bios | Should -BeOfType ([Microsoft.HyperV.PowerShell.VMBios])
        $bios.StartupOrder | Should -Be @('IDE', 'CD', 'LegacyNetworkAdapter', 'Floppy')
        $bios.NumLockEnabled | Should -BeTrue
        Set-VMBios -VMName 'g1' -StartupOrder CD, CD, IDE, Floppy -ErrorAction SilentlyContinue -ErrorVariable errors
        $errors[-1].FullyQualifiedErrorId | Should -Be 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.SetVMBios'
        (Get-SimError { Set-VMBios -VMName 'g1' -EnableNumLock -DisableNumLock -ErrorAction Stop }).CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'refuses Generation 2 VMs' {
        $null = New-VM -Name 'g2' -Generation 2
        $e = Get-SimError { Get-VMBios -VMName 'g2' -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.GetVMBios'
        $e.Exception.Message | Should -Be 'The Generation 2 virtual machine or snapshot "g2" does not support the VMBios cmdlets. Use Get-VMFirmware and Set-VMFirmware instead.'
    }
}

Describe 'Get-VMHost' {
    BeforeEach { $dir = New-SimStateDirectory }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'describes the simulated host' {
        $vmHost = Get-VMHost
        $vmHost | Should -BeOfType ([Microsoft.HyperV.PowerShell.VMHost])
        $vmHost.VirtualHardDiskPath | Should -Be 'C:\ProgramData\Microsoft\Windows\Virtual Hard Disks'
        $vmHost.VirtualMachinePath | Should -Be 'C:\ProgramData\Microsoft\Windows\Hyper-V'
        $vmHost.MacAddressMinimum | Should -Be '00155D010600'
        $vmHost.MemoryCapacity | Should -BeOfType ([long])
        $vmHost.SupportedVmVersions | Should -Contain '10.0'
    }
}
