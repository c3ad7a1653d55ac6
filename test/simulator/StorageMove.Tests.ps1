BeforeAll { . (Join-Path $PSScriptRoot 'SimulatorTestHelpers.ps1') }

Describe 'Move-VMStorage' {
    BeforeEach {
        $dir = New-SimStateDirectory
        $null = New-VM -Name 'vm' -NewVHDPath 'C:\VMs\vm.vhdx' -NewVHDSizeBytes 2GB
        $null = New-VHD -Path 'C:\VMs\data.vhdx' -SizeBytes 1GB
        Add-VMHardDiskDrive -VMName 'vm' -ControllerType SCSI -Path 'C:\VMs\data.vhdx'
    }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'moves everything to one destination, disks under "Virtual Hard Disks"' {
        Move-VMStorage -VMName 'vm' -DestinationStoragePath 'D:\Moved'
        $vm = Get-VM -Name 'vm'
        $vm.Path | Should -Be 'D:\Moved'
        $vm.SnapshotFileLocation | Should -Be 'D:\Moved'
        (Get-VMHardDiskDrive -VMName 'vm').Path | Should -Be @('D:\Moved\Virtual Hard Disks\vm.vhdx', 'D:\Moved\Virtual Hard Disks\data.vhdx')
        (Get-VHD -Path 'D:\Moved\Virtual Hard Disks\vm.vhdx').Size | Should -Be 2GB
        Test-Path (Join-Path $dir 'disks/c/vms/vm.vhdx') | Should -BeFalse
    }

    It 'moves single disks and folders of a running VM, keeping source copies on request' {
        Start-VM -Name 'vm'
        Get-VM -Name 'vm' | Move-VMStorage -Vhds @(@{ SourceFilePath = 'C:\VMs\data.vhdx'; DestinationFilePath = 'E:\data.vhdx' }) -VirtualMachinePath 'E:\Config' -SnapshotFilePath 'E:\Snap' -SmartPagingFilePath 'E:\Paging' -RetainVhdCopiesOnSource
        $vm = Get-VM -Name 'vm'
        $vm.State | Should -Be 'Running'
        $vm.Path | Should -Be 'E:\Config'
        $vm.SnapshotFileLocation | Should -Be 'E:\Snap'
        $vm.SmartPagingFilePath | Should -Be 'E:\Paging'
        (Get-VMHardDiskDrive -VMName 'vm' -ControllerType SCSI).Path | Should -Be 'E:\data.vhdx'
        Test-Path (Join-Path $dir 'disks/c/vms/data.vhdx') | Should -BeTrue
    }

    It 'refuses a disk the VM does not use, an occupied destination and a malformed -Vhds entry' {
        $e = Get-SimError { Move-VMStorage -VMName 'vm' -Vhds @(@{ SourceFilePath = 'C:\VMs\none.vhdx'; DestinationFilePath = 'E:\x.vhdx' }) -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.MoveVMStorage'
        $null = New-VHD -Path 'E:\taken.vhdx' -SizeBytes 1GB
        $e = Get-SimError { Move-VMStorage -VMName 'vm' -Vhds @(@{ SourceFilePath = 'C:\VMs\data.vhdx'; DestinationFilePath = 'E:\taken.vhdx' }) -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'OperationFailed,Microsoft.HyperV.PowerShell.Commands.MoveVMStorage'
        (Get-VMHardDiskDrive -VMName 'vm' -ControllerType SCSI).Path | Should -Be 'C:\VMs\data.vhdx'
        (Get-SimError { Move-VMStorage -VMName 'vm' -Vhds @(@{ Source = 'x' }) -ErrorAction Stop }).CategoryInfo.Category | Should -Be 'InvalidArgument'
    }
}
