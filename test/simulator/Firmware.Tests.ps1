BeforeAll { . (Join-Path $PSScriptRoot 'SimulatorTestHelpers.ps1') }

Describe 'Get-VMFirmware' {
    BeforeEach { $dir = New-SimStateDirectory }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'gives a new Generation 2 VM Secure Boot with the Windows template and its disk, then its adapter, as boot order' {
        $vm = New-VM -Name 'g2' -Generation 2 -NewVHDPath 'C:\VMs\g2.vhdx' -NewVHDSizeBytes 1GB
        $firmware = Get-VMFirmware -VMName 'g2'
        $firmware | Should -BeOfType ([Microsoft.HyperV.PowerShell.VMFirmware])
        $firmware.VMId | Should -Be $vm.Id
        $firmware.VMName | Should -Be 'g2'
        $firmware.SecureBoot | Should -Be ([Microsoft.HyperV.PowerShell.OnOffState]::On)
        $firmware.SecureBootTemplate | Should -Be 'MicrosoftWindows'
        $firmware.SecureBootTemplateId | Should -Be ([Guid]'1734c6e8-3154-4dda-ba5f-a874cc483422')
        $firmware.PreferredNetworkBootProtocol | Should -Be ([Microsoft.HyperV.PowerShell.IPProtocolPreference]::IPv4)
        $firmware.ConsoleMode | Should -Be 'Default'
        $firmware.PauseAfterBootFailure | Should -Be 'Off'
        $firmware.BootOrder.BootType | Should -Be @('Drive', 'Network')
        $firmware.BootOrder[0] | Should -BeOfType ([Microsoft.HyperV.PowerShell.VMBootSource])
        $firmware.BootOrder[0].Device | Should -BeOfType ([Microsoft.HyperV.PowerShell.HardDiskDrive])
        $firmware.BootOrder[0].Device.Path | Should -Be 'C:\VMs\g2.vhdx'
        $firmware.BootOrder[1].Device | Should -BeOfType ([Microsoft.HyperV.PowerShell.VMNetworkAdapter])
        $firmware.BootOrder[0].FirmwarePath | Should -Match '^\\AcpiEx\(VMBus,0,0\)\\VenHw\(.*\)\\Scsi\(0,0\)$'
    }

    It 'takes VM objects from the pipeline and reports enums with their real values' {
        $null = New-VM -Name 'a' -Generation 2
        $null = New-VM -Name 'b' -Generation 2
        $all = Get-VM | Get-VMFirmware
        $all.VMName | Should -Be @('a', 'b')
        [int][Microsoft.HyperV.PowerShell.VMBootSourceType]::Network | Should -Be 2
        [int][Microsoft.HyperV.PowerShell.IPProtocolPreference]::IPv6 | Should -Be 1
        (ConvertTo-Json -InputObject $all[0].SecureBoot) | Should -Be '0'
    }

    It 'refuses Generation 1 VMs with the real error' {
        $null = New-VM -Name 'g1' -Generation 1
        $e = Get-SimError { Get-VMFirmware -VMName 'g1' -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.GetVMFirmware'
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $e.Exception | Should -BeOfType ([Microsoft.HyperV.PowerShell.VirtualizationException])
        $e.Exception.Message | Should -Be 'The Generation 1 virtual machine or snapshot "g1" does not support the VMFirmware cmdlets. Use Get-VMBios and Set-VMBios instead.'
    }

    It 'reports a missing VM as ObjectNotFound' {
        (Get-SimError { Get-VMFirmware -VMName 'nope' -ErrorAction Stop }).FullyQualifiedErrorId |
            Should -Be 'ObjectNotFound,Microsoft.HyperV.PowerShell.Commands.GetVMFirmware'
    }

    It 'shows the firmware a checkpoint captured' {
        $null = New-VM -Name 'g2' -Generation 2
        $snapshot = Checkpoint-VM -Name 'g2' -SnapshotName 'secure' -Passthru
        Set-VMFirmware -VMName 'g2' -EnableSecureBoot Off
        $captured = $snapshot | Get-VMFirmware
        $captured.SecureBoot | Should -Be 'On'
        $captured.VMSnapshotName | Should -Be 'secure'
        (Get-VMFirmware -VMCheckpoint $snapshot).VMSnapshotId | Should -Be $snapshot.Id
        $null = New-VM -Name 'g1'
        $e = Get-SimError { Checkpoint-VM -Name 'g1' -SnapshotName 'bios' -Passthru | Get-VMFirmware -ErrorAction Stop }
        $e.Exception.Message | Should -Be 'The Generation 1 virtual machine or snapshot "bios" does not support the VMFirmware cmdlets. Use Get-VMBios and Set-VMBios instead.'
    }

    It 'boots the adapter first for New-VM -BootDevice NetworkAdapter and the DVD first for -BootDevice CD' {
        $null = New-VM -Name 'pxe' -Generation 2 -BootDevice NetworkAdapter -NewVHDPath 'C:\VMs\pxe.vhdx' -NewVHDSizeBytes 1GB
        (Get-VMFirmware -VMName 'pxe').BootOrder.BootType | Should -Be @('Network', 'Drive')
        $null = New-VM -Name 'cd' -Generation 2 -BootDevice CD -NewVHDPath 'C:\VMs\cd.vhdx' -NewVHDSizeBytes 1GB
        $order = (Get-VMFirmware -VMName 'cd').BootOrder
        $order[0].Device | Should -BeOfType ([Microsoft.HyperV.PowerShell.DvdDrive])
        $order[1].Device | Should -BeOfType ([Microsoft.HyperV.PowerShell.HardDiskDrive])
    }
}

Describe 'Set-VMFirmware' {
    BeforeEach {
        $dir = New-SimStateDirectory
        $null = New-VM -Name 'g2' -Generation 2 -NewVHDPath 'C:\VMs\g2.vhdx' -NewVHDSizeBytes 1GB
        $null = New-Item -ItemType File -Force -Path (Join-Path $dir 'disks/c/iso/setup.iso')
        Add-VMDvdDrive -VMName 'g2' -Path 'C:\iso\setup.iso'
    }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'appends a device added later and moves -FirstBootDevice to the front' {
        @((Get-VMFirmware -VMName 'g2').BootOrder.Device | ForEach-Object { $_.GetType().Name }) | Should -Be @('HardDiskDrive', 'DvdDrive', 'VMNetworkAdapter')
        $firmware = Set-VMFirmware -VMName 'g2' -FirstBootDevice (Get-VMDvdDrive -VMName 'g2') -Passthru
        @($firmware.BootOrder.Device | ForEach-Object { $_.GetType().Name }) | Should -Be @('DvdDrive', 'HardDiskDrive', 'VMNetworkAdapter')
        @((Get-VMFirmware -VMName 'g2').BootOrder.Device | ForEach-Object { $_.GetType().Name }) | Should -Be @('DvdDrive', 'HardDiskDrive', 'VMNetworkAdapter')
    }

    It 'takes a -BootOrder of boot entries and devices; entries left out stay out' {
        $entries = (Get-VMFirmware -VMName 'g2').BootOrder
        Set-VMFirmware -VMName 'g2' -BootOrder $entries[2], (Get-VMHardDiskDrive -VMName 'g2')
        (Get-VMFirmware -VMName 'g2').BootOrder.BootType | Should -Be @('Network', 'Drive')
        (Get-VMFirmware -VMName 'g2').BootOrder[1].Device | Should -BeOfType ([Microsoft.HyperV.PowerShell.HardDiskDrive])
        Set-VMFirmware -VMName 'g2' -FirstBootDevice (Get-VMDvdDrive -VMName 'g2')
        @((Get-VMFirmware -VMName 'g2').BootOrder.Device | ForEach-Object { $_.GetType().Name }) | Should -Be @('DvdDrive', 'VMNetworkAdapter', 'HardDiskDrive')
    }

    It 'drops the boot entry of a removed device' {
        Get-VMDvdDrive -VMName 'g2' | Remove-VMDvdDrive
        @((Get-VMFirmware -VMName 'g2').BootOrder.Device | ForEach-Object { $_.GetType().Name }) | Should -Be @('HardDiskDrive', 'VMNetworkAdapter')
    }

    It 'sets Secure Boot, its template by name (wildcards) or id, the network boot protocol, console mode and pause on failure' {
        $firmware = Get-VMFirmware -VMName 'g2' | Set-VMFirmware -EnableSecureBoot Off -PreferredNetworkBootProtocol IPv6 -ConsoleMode COM1 -PauseAfterBootFailure On -Passthru
        $firmware.SecureBoot | Should -Be 'Off'
        $firmware.PreferredNetworkBootProtocol | Should -Be 'IPv6'
        $firmware.ConsoleMode | Should -Be 'COM1'
        $firmware.PauseAfterBootFailure | Should -Be 'On'
        (Set-VMFirmware -VMName 'g2' -SecureBootTemplate 'MicrosoftUEFI*' -Passthru).SecureBootTemplate | Should -Be 'MicrosoftUEFICertificateAuthority'
        (Get-VM -Name 'g2' | Set-VMFirmware -SecureBootTemplateId '4292ae2b-ee2c-4b5f-a1de-a9f5c8abf8b4' -Passthru).SecureBootTemplate | Should -Be 'OpenSourceShieldedVM'
    }

    It 'writes nothing without -Passthru' {
        Set-VMFirmware -VMName 'g2' -EnableSecureBoot Off | Should -BeNullOrEmpty
    }

    It 'refuses unknown or ambiguous templates and exclusive parameters as InvalidParameter' {
        foreach ($case in @(
                { Set-VMFirmware -VMName 'g2' -SecureBootTemplate 'Nope' -ErrorAction Stop },
                { Set-VMFirmware -VMName 'g2' -SecureBootTemplate 'Microsoft*' -ErrorAction Stop },
                { Set-VMFirmware -VMName 'g2' -SecureBootTemplate 'MicrosoftWindows' -SecureBootTemplateId ([Guid]::NewGuid()) -ErrorAction Stop },
                { Set-VMFirmware -VMName 'g2' -BootOrder (Get-VMDvdDrive -VMName 'g2') -FirstBootDevice (Get-VMDvdDrive -VMName 'g2') -ErrorAction Stop })) {
            $e = Get-SimError $case
            $e.FullyQualifiedErrorId | Should -Be 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.SetVMFirmware'
        }
        (Get-SimError { Set-VMFirmware -VMName 'g2' -SecureBootTemplate 'Microsoft*' -ErrorAction Stop }).Exception.Message |
            Should -Be "'Microsoft*' matches more than one secure boot template."
    }

    It 'refuses a device of another VM as boot device' {
        $null = New-VM -Name 'other' -Generation 2 -NewVHDPath 'C:\VMs\other.vhdx' -NewVHDSizeBytes 1GB
        $e = Get-SimError { Set-VMFirmware -VMName 'g2' -FirstBootDevice (Get-VMHardDiskDrive -VMName 'other') -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.SetVMFirmware'
        $e.Exception.Message | Should -Be 'The specified device is not a valid boot device.'
    }

    It 'changes the boot order but not Secure Boot while the VM runs' {
        Start-VM -Name 'g2'
        Set-VMFirmware -VMName 'g2' -FirstBootDevice (Get-VMNetworkAdapter -VMName 'g2')
        (Get-VMFirmware -VMName 'g2').BootOrder[0].BootType | Should -Be 'Network'
        $e = Get-SimError { Set-VMFirmware -VMName 'g2' -EnableSecureBoot Off -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidState,Microsoft.HyperV.PowerShell.Commands.SetVMFirmware'
        $e.CategoryInfo.Category | Should -Be 'InvalidOperation'
        (Get-VMFirmware -VMName 'g2').SecureBoot | Should -Be 'On'
    }

    It 'refuses Generation 1 VMs and leaves the other VMs of the call changed' {
        $null = New-VM -Name 'g1'
        Set-VMFirmware -VMName 'g1', 'g2' -EnableSecureBoot Off -ErrorAction SilentlyContinue -ErrorVariable errors
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.SetVMFirmware'
        (Get-VMFirmware -VMName 'g2').SecureBoot | Should -Be 'Off'
    }

    It 'supports -WhatIf' {
        Set-VMFirmware -VMName 'g2' -EnableSecureBoot Off -WhatIf
        (Get-VMFirmware -VMName 'g2').SecureBoot | Should -Be 'On'
    }
}
