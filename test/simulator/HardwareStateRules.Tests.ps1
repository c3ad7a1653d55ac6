# Changes real Hyper-V refuses because of the VM's state: a saved VM keeps its device state, so it
# takes no hardware change that a running VM could not take either; the stop action only changes
# while the VM is off; names are at most 100 characters; a start needs the host's memory.
BeforeAll { . (Join-Path $PSScriptRoot 'SimulatorTestHelpers.ps1') }

Describe 'A saved VM keeps its hardware' {
    BeforeEach {
        $dir = New-SimStateDirectory
        $vm = New-VM -Name 'saved' -Generation 1 -MemoryStartupBytes 1GB
        $null = New-VHD -Path 'C:\disks\data.vhdx' -SizeBytes 1GB
        Start-VM -VM $vm
        Save-VM -VM $vm
    }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'refuses a new startup memory size with InvalidState' {
        $e = Get-SimError { Set-VMMemory -VMName 'saved' -StartupBytes 2GB -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidState,Microsoft.HyperV.PowerShell.Commands.SetVMMemory'
        $e.CategoryInfo.Category | Should -Be 'InvalidOperation'
        (Get-VMMemory -VMName 'saved').Startup | Should -Be 1GB
        $e = Get-SimError { Set-VM -Name 'saved' -MemoryStartupBytes 2GB -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidState,Microsoft.HyperV.PowerShell.Commands.SetVM'
    }

    It 'refuses to attach a disk to an IDE controller' {
        $e = Get-SimError { Add-VMHardDiskDrive -VMName 'saved' -ControllerType IDE -ControllerNumber 0 -ControllerLocation 1 -Path 'C:\disks\data.vhdx' -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidState,Microsoft.HyperV.PowerShell.Commands.AddVMHardDiskDrive'
        @(Get-VMHardDiskDrive -VMName 'saved').Count | Should -Be 0
    }

    It 'refuses to add a legacy network adapter' {
        $e = Get-SimError { Add-VMNetworkAdapter -VMName 'saved' -Name 'legacy' -IsLegacy $true -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidState,Microsoft.HyperV.PowerShell.Commands.AddVMNetworkAdapter'
        @(Get-VMNetworkAdapter -VMName 'saved' | Where-Object Name -eq 'legacy').Count | Should -Be 0
    }

    It 'refuses a static MAC address' {
        $e = Get-SimError { Set-VMNetworkAdapter -VMName 'saved' -StaticMacAddress '00155D0000AA' -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidState,Microsoft.HyperV.PowerShell.Commands.SetVMNetworkAdapter'
        (Get-VMNetworkAdapter -VMName 'saved').DynamicMacAddressEnabled | Should -BeTrue
    }

    It 'takes the same changes again once its saved state is gone' {
        Remove-VMSavedState -VMName 'saved'
        Set-VMMemory -VMName 'saved' -StartupBytes 2GB
        Add-VMHardDiskDrive -VMName 'saved' -ControllerType IDE -ControllerNumber 0 -ControllerLocation 1 -Path 'C:\disks\data.vhdx'
        Set-VMNetworkAdapter -VMName 'saved' -StaticMacAddress '00155D0000AA'
        (Get-VMMemory -VMName 'saved').Startup | Should -Be 2GB
        (Get-VMNetworkAdapter -VMName 'saved').MacAddress | Should -Be '00155D0000AA'
    }
}

Describe 'Set-VM -AutomaticStopAction' {
    BeforeEach { $dir = New-SimStateDirectory; $vm = New-VM -Name 'vm' -MemoryStartupBytes 512MB }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'is refused while the VM runs, and taken while it is off' {
        Start-VM -VM $vm
        $e = Get-SimError { Set-VM -Name 'vm' -AutomaticStopAction TurnOff -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidState,Microsoft.HyperV.PowerShell.Commands.SetVM'
        $e.CategoryInfo.Category | Should -Be 'InvalidOperation'
        (Get-VM -Id $vm.Id).AutomaticStopAction | Should -Be 'Save'
        Stop-VM -VM $vm -TurnOff -Force
        Set-VM -Name 'vm' -AutomaticStopAction TurnOff
        (Get-VM -Id $vm.Id).AutomaticStopAction | Should -Be 'TurnOff'
    }

    It 'accepts the current value on a running VM (nothing changes)' {
        Start-VM -VM $vm
        Set-VM -Name 'vm' -AutomaticStopAction Save -ErrorAction Stop
        (Get-VM -Id $vm.Id).AutomaticStopAction | Should -Be 'Save'
    }
}

Describe 'VM names' {
    BeforeEach { $dir = New-SimStateDirectory }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'takes 100 characters and refuses 101 with InvalidParameter in New-VM, Rename-VM and Set-VM' {
        $longest = 'n' * 100
        (New-VM -Name $longest).Name | Should -Be $longest
        $e = Get-SimError { New-VM -Name ('n' * 101) -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.NewVM'
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        @(Get-VM).Count | Should -Be 1
        $e = Get-SimError { Rename-VM -Name $longest -NewName ('r' * 101) -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.RenameVM'
        $e = Get-SimError { Set-VM -Name $longest -NewVMName ('s' * 101) -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.SetVM'
        (Get-VM).Name | Should -Be $longest
    }
}

Describe 'Start-VM and the host memory' {
    BeforeEach { $dir = New-SimStateDirectory }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'fails with OutOfMemory (FromStdErr) when the VM needs more than the host has left' {
        $capacity = (Get-VMHost).MemoryCapacity
        $big = New-VM -Name 'big' -MemoryStartupBytes ($capacity - 1GB)
        $small = New-VM -Name 'small' -MemoryStartupBytes 2GB
        Start-VM -VM $big
        $e = Get-SimError { Start-VM -VM $small -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'OutOfMemory,Microsoft.HyperV.PowerShell.Commands.StartVM'
        $e.CategoryInfo.Category | Should -Be 'FromStdErr'
        (Get-VM -Id $small.Id).State | Should -Be 'Off'
        Stop-VM -VM $big -TurnOff -Force
        Start-VM -VM $small
        (Get-VM -Id $small.Id).State | Should -Be 'Running'
    }
}
