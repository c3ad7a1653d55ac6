BeforeAll { . (Join-Path $PSScriptRoot 'SimulatorTestHelpers.ps1') }

Describe 'Get-VMHost migration and Fibre Channel properties' {
    BeforeEach { $dir = New-SimStateDirectory }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'shows the defaults of a fresh host' {
        $vmHost = Get-VMHost
        $vmHost.VirtualMachineMigrationEnabled | Should -BeFalse
        $vmHost.VirtualMachineMigrationAuthenticationType | Should -Be ([Microsoft.HyperV.PowerShell.MigrationAuthenticationType]::CredSSP)
        $vmHost.VirtualMachineMigrationPerformanceOption | Should -Be ([Microsoft.HyperV.PowerShell.VMMigrationPerformance]::Compression)
        $vmHost.FibreChannelWwnn | Should -Match '^[0-9A-F]{16}$'
        $vmHost.FibreChannelWwpnMinimum | Should -Match '^[0-9A-F]{16}$'
        $vmHost.FibreChannelWwpnMaximum | Should -Match '^[0-9A-F]{16}$'
        $vmHost.SecureBootTemplates.Name | Should -Contain 'MicrosoftUEFICertificateAuthority'
    }
}

Describe 'Set-VMHost' {
    BeforeEach { $dir = New-SimStateDirectory }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'changes host settings that New-VM and the MAC pool then use' {
        $vmHost = Set-VMHost -VirtualMachinePath 'D:\Hyper-V' -VirtualHardDiskPath 'D:\Disks' -MacAddressMinimum '00155d020000' -MacAddressMaximum '00155D0200FF' -Passthru
        $vmHost.VirtualMachinePath | Should -Be 'D:\Hyper-V'
        $vmHost.MacAddressMinimum | Should -Be '00155D020000'
        (New-VM -Name 'vm' -NewVHDPath 'vm.vhdx' -NewVHDSizeBytes 1GB).Path | Should -Be 'D:\Hyper-V'
        (Get-VMHardDiskDrive -VMName 'vm').Path | Should -Be 'D:\Disks\vm.vhdx'
        Start-VM -Name 'vm'
        (Get-VMNetworkAdapter -VMName 'vm').MacAddress | Should -Be '00155D020000'
    }

    It 'changes the migration, NUMA, session and metering settings' {
        Set-VMHost -MaximumStorageMigrations 4 -MaximumVirtualMachineMigrations 3 -VirtualMachineMigrationAuthenticationType Kerberos `
            -VirtualMachineMigrationPerformanceOption SMB -UseAnyNetworkForMigration $true -NumaSpanningEnabled $false -EnableEnhancedSessionMode $true `
            -ResourceMeteringSaveInterval (New-TimeSpan -Hours 2) -FibreChannelWwnn 'c003ff0000ffff01'
        $vmHost = Get-VMHost
        $vmHost.MaximumStorageMigrations | Should -Be 4
        $vmHost.MaximumVirtualMachineMigrations | Should -Be 3
        $vmHost.VirtualMachineMigrationAuthenticationType | Should -Be 'Kerberos'
        $vmHost.VirtualMachineMigrationPerformanceOption | Should -Be 'SMB'
        $vmHost.UseAnyNetworkForMigration | Should -BeTrue
        $vmHost.NumaSpanningEnabled | Should -BeFalse
        $vmHost.EnableEnhancedSessionMode | Should -BeTrue
        $vmHost.ResourceMeteringSaveInterval | Should -Be (New-TimeSpan -Hours 2)
        $vmHost.FibreChannelWwnn | Should -Be 'C003FF0000FFFF01'
    }

    It 'refuses a call without settings and malformed values' {
        $e = Get-SimError { Set-VMHost -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidOperation,Microsoft.HyperV.PowerShell.Commands.SetVMHost'
        $e.CategoryInfo.Category | Should -Be 'InvalidOperation'
        foreach ($case in @(
                { Set-VMHost -MacAddressMinimum '00-15-5D' -ErrorAction Stop },
                { Set-VMHost -MacAddressMinimum '00155D0201FF' -MacAddressMaximum '00155D020100' -ErrorAction Stop },
                { Set-VMHost -FibreChannelWwpnMinimum 'C003' -ErrorAction Stop },
                { Set-VMHost -MaximumStorageMigrations 0 -ErrorAction Stop })) {
            (Get-SimError $case).FullyQualifiedErrorId | Should -Be 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.SetVMHost'
        }
        (Get-VMHost).MacAddressMinimum | Should -Be '00155D010600'
    }
}

Describe 'Enable-VMMigration and Disable-VMMigration' {
    BeforeEach { $dir = New-SimStateDirectory }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'switches live migration on and off' {
        Enable-VMMigration | Should -BeNullOrEmpty
        (Get-VMHost).VirtualMachineMigrationEnabled | Should -BeTrue
        (Disable-VMMigration -Passthru).VirtualMachineMigrationEnabled | Should -BeFalse
        (Get-VMHost).VirtualMachineMigrationEnabled | Should -BeFalse
    }
}
