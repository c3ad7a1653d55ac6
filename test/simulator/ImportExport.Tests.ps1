BeforeAll {
    . (Join-Path $PSScriptRoot 'SimulatorTestHelpers.ps1')
    # Exports a Generation 2 VM with a disk, an adapter on switch 'lan' and a checkpoint; returns its .vmcx path.
    function New-SimExport([string]$Folder = 'C:\Export') {
        $null = New-VMSwitch -Name 'lan' -SwitchType Internal
        $vm = New-VM -Name 'box' -Generation 2 -NewVHDPath 'C:\VMs\box.vhdx' -NewVHDSizeBytes 10GB -SwitchName 'lan'
        Set-VM -Name 'box' -ProcessorCount 2 -Notes 'exported'
        $null = Checkpoint-VM -Name 'box' -SnapshotName 'base' -Passthru
        Export-VM -Name 'box' -Path $Folder
        return @{ VM = $vm; File = '{0}\box\Virtual Machines\{1}.vmcx' -f $Folder, $vm.Id.ToString().ToUpperInvariant() }
    }
}

Describe 'Export-VM' {
    BeforeEach { $dir = New-SimStateDirectory }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'writes the configuration, a copy of each disk and the checkpoint folder in a folder named after the VM' {
        $export = New-SimExport
        Test-Path (Join-Path $dir ('disks/c/export/box/virtual machines/{0}.vmcx' -f $export.VM.Id)) | Should -BeTrue
        Test-Path (Join-Path $dir 'disks/c/export/box/snapshots') | Should -BeTrue
        $copy = Get-VHD -Path 'C:\Export\box\Virtual Hard Disks\box.vhdx'
        $copy.Size | Should -Be 10GB
        $copy.VhdType | Should -Be 'Dynamic'
        (Get-VHD -Path 'C:\VMs\box.vhdx').Path | Should -Be 'C:\VMs\box.vhdx'
    }

    It 'refuses a folder that already holds the export and passes the VM through with -Passthru' {
        $export = New-SimExport
        $e = Get-SimError { Export-VM -Name 'box' -Path 'C:\Export' -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'OperationFailed,Microsoft.HyperV.PowerShell.Commands.ExportVM'
        (Get-VM -Name 'box' | Export-VM -Path 'C:\Again' -Passthru).Id | Should -Be $export.VM.Id
    }
}

Describe 'Import-VM' {
    BeforeEach { $dir = New-SimStateDirectory; $export = New-SimExport }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'registers an exported VM in place with its id, using the disks of the export folder' {
        Remove-VM -Name 'box' -Force
        $vm = Import-VM -Path $export.File
        $vm | Should -BeOfType ([Microsoft.HyperV.PowerShell.VirtualMachine])
        $vm.Id | Should -Be $export.VM.Id
        $vm.Path | Should -Be 'C:\Export\box'
        $vm.VirtualMachineType | Should -Be 'RealizedVirtualMachine'
        $vm.ProcessorCount | Should -Be 2
        $vm.Notes | Should -Be 'exported'
        (Get-VMHardDiskDrive -VMName 'box').Path | Should -Be 'C:\Export\box\Virtual Hard Disks\box.vhdx'
        (Get-VMNetworkAdapter -VMName 'box').SwitchName | Should -Be 'lan'
        (Get-VMSnapshot -VMName 'box').Name | Should -Be 'base'
        (Get-VMFirmware -VMName 'box').BootOrder[0].Device.Path | Should -Be 'C:\Export\box\Virtual Hard Disks\box.vhdx'
    }

    It 'refuses to register a VM whose id the host already has' {
        $e = Get-SimError { Import-VM -Path $export.File -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'OperationFailed,Microsoft.HyperV.PowerShell.Commands.ImportVM'
        @(Get-VM).Count | Should -Be 1
    }

    It 'copies with a new id to the given folders' {
        $vm = Import-VM -Path $export.File -Copy -GenerateNewId -VirtualMachinePath 'D:\Copies\box2' -VhdDestinationPath 'D:\Copies\box2\Disks' -SnapshotFilePath 'D:\Copies\box2\Snapshots'
        $vm.Id | Should -Not -Be $export.VM.Id
        $vm.Path | Should -Be 'D:\Copies\box2'
        $vm.SnapshotFileLocation | Should -Be 'D:\Copies\box2\Snapshots'
        (Get-VMHardDiskDrive -VM $vm).Path | Should -Be 'D:\Copies\box2\Disks\box.vhdx'
        (Get-VHD -Path 'D:\Copies\box2\Disks\box.vhdx').Size | Should -Be 10GB
        @(Get-VM -Name 'box').Count | Should -Be 2
    }

    It 'reports a missing file and a file name that is not a GUID' {
        (Get-SimError { Import-VM -Path 'C:\Export\box\Virtual Machines\00000000-0000-0000-0000-000000000001.vmcx' -ErrorAction Stop }).CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $e = Get-SimError { Import-VM -Path 'C:\Export\box\Virtual Machines\box.vmcx' -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.ImportVM'
        $e.Exception.Message | Should -Be 'The file name at "C:\Export\box\Virtual Machines\box.vmcx" is not in GUID format.'
    }

    It 'fails on configuration errors and leaves no planned VM behind' {
        Remove-VMSwitch -Name 'lan' -Force
        $e = Get-SimError { Import-VM -Path $export.File -Copy -GenerateNewId -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'OperationFailed,Microsoft.HyperV.PowerShell.Commands.ImportVM'
        $e.Exception.Message | Should -Be 'Unable to import virtual machine due to configuration errors.  Please use Compare-VM to repair the virtual machine.'
        @(Get-VM).Count | Should -Be 1
    }
}

Describe 'Compare-VM' {
    BeforeEach { $dir = New-SimStateDirectory; $export = New-SimExport }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'reports a missing switch, lets the planned VM be repaired and Import-VM realize it' {
        Remove-VMSwitch -Name 'lan' -Force
        $report = Compare-VM -Path $export.File -Copy -GenerateNewId -VirtualMachinePath 'D:\New'
        $report | Should -BeOfType ([Microsoft.HyperV.PowerShell.VMCompatibilityReport])
        $report.OperationType | Should -Be 'ImportVirtualMachine'
        $report.VhdSourcePath | Should -Be 'C:\Export\box\Virtual Hard Disks'
        $report.VM.VirtualMachineType | Should -Be 'PlannedVirtualMachine'
        $report.Incompatibilities.MessageId | Should -Be 33012
        $report.Incompatibilities[0].Message | Should -Be "Could not find Ethernet switch 'lan'."
        $report.Incompatibilities[0].Source | Should -BeOfType ([Microsoft.HyperV.PowerShell.VMNetworkAdapter])
        # A planned VM is not a VM of the host yet.
        @(Get-VM).Count | Should -Be 1
        Set-VM -VM $report.VM -NewVMName 'fixed' -ProcessorCount 4
        Get-VMNetworkAdapter -VM $report.VM | Disconnect-VMNetworkAdapter
        (Compare-VM -CompatibilityReport $report).Incompatibilities | Should -BeNullOrEmpty
        $vm = Import-VM -CompatibilityReport $report
        $vm.Name | Should -Be 'fixed'
        $vm.ProcessorCount | Should -Be 4
        $vm.VirtualMachineType | Should -Be 'RealizedVirtualMachine'
        (Get-VMHardDiskDrive -VMName 'fixed').Path | Should -Be 'C:\ProgramData\Microsoft\Windows\Virtual Hard Disks\box.vhdx'
        (Get-SimError { Import-VM -CompatibilityReport $report -ErrorAction Stop }).CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'reports a disk file the import cannot find' {
        Remove-Item (Join-Path $dir 'disks/c/export/box/virtual hard disks/box.vhdx')
        Remove-VM -Name 'box' -Force
        Remove-Item (Join-Path $dir 'disks/c/vms/box.vhdx')
        $report = Compare-VM -Path $export.File
        $report.Incompatibilities.MessageId | Should -Be 40010
        $report.Incompatibilities[0].Source | Should -BeOfType ([Microsoft.HyperV.PowerShell.HardDiskDrive])
    }
}
