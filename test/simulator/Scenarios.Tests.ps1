# Scenario tests in the shape real tools drive Hyper-V (Vagrant's Hyper-V provider, Terraform
# providers, DSC resources): module-qualified calls, -ErrorAction Stop, objects piped between cmdlets.
BeforeAll { . (Join-Path $PSScriptRoot 'SimulatorTestHelpers.ps1') }

Describe 'Scenario: import a VM from an exported folder (box import)' {
    BeforeEach { $dir = New-SimStateDirectory }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'clones a box as a new VM, adjusts the planned VM, links its disk and starts it' {
        $ErrorActionPreference = 'Stop'
        # The box: an exported Generation 2 VM whose switch the importing host does not have.
        $null = Hyper-V\New-VMSwitch -Name 'Builder' -SwitchType Internal
        $template = Hyper-V\New-VM -Name 'ubuntu-box' -Generation 2 -MemoryStartupBytes 2GB -NewVHDPath 'C:\Build\ubuntu.vhdx' -NewVHDSizeBytes 20GB -SwitchName 'Builder'
        Hyper-V\Export-VM -VM $template -Path 'C:\Boxes'
        Hyper-V\Remove-VM -VM $template -Force
        Hyper-V\Remove-VMSwitch -Name 'Builder' -Force
        $config = Get-ChildItem -Path (Join-Path $dir 'disks/c/boxes/ubuntu-box/virtual machines') -Filter '*.vmcx' | Select-Object -First 1
        $vmcx = 'C:\Boxes\ubuntu-box\Virtual Machines\' + $config.Name
        $data = 'C:\Vagrant\machines\default'

        $report = Hyper-V\Compare-VM -Path $vmcx -Copy -GenerateNewID -VirtualMachinePath $data -SnapshotFilePath "$data\Snapshots" -VhdDestinationPath "$data\Virtual Hard Disks" -ErrorAction SilentlyContinue
        $report.VM | Should -Not -BeNullOrEmpty
        $planned = $report.VM
        Hyper-V\Set-VM -VM $planned -NewVMName 'web-1'
        Hyper-V\Set-VMFirmware -VM $planned -EnableSecureBoot (Hyper-V\Get-VMFirmware -VM $planned).SecureBoot
        Hyper-V\Get-VMNetworkAdapter -VM $planned | Hyper-V\Disconnect-VMNetworkAdapter
        Hyper-V\Set-VMMemory -VM $planned -DynamicMemoryEnabled $false -StartupBytes 1GB
        Hyper-V\Set-VMProcessor -VM $planned -Count 2
        (Hyper-V\Compare-VM -CompatibilityReport $report).Incompatibilities.Length | Should -Be 0

        # Linked clone: the imported disk is replaced by a differencing disk on the box's disk.
        $controllers = @(Hyper-V\Get-VMScsiController -VM $planned)
        foreach ($controller in $controllers) {
            foreach ($drive in $controller.Drives) {
                # Split on '\' rather than [IO.Path]::GetFileName: these are Windows paths on any platform.
                if ($drive.Path.Split('\')[-1] -eq 'ubuntu.vhdx') {
                    Hyper-V\Remove-VMHardDiskDrive $drive
                    $null = Hyper-V\New-VHD -Path "$data\Virtual Hard Disks\web-1.vhdx" -ParentPath 'C:\Boxes\ubuntu-box\Virtual Hard Disks\ubuntu.vhdx' -Differencing
                    Hyper-V\Add-VMHardDiskDrive -VM $planned -Path "$data\Virtual Hard Disks\web-1.vhdx"
                }
            }
        }
        $vm = Hyper-V\Import-VM -CompatibilityReport $report
        $vm.Name | Should -Be 'web-1'
        $vm.Id | Should -Not -Be $template.Id
        $vm.Path | Should -Be $data
        $vm.ProcessorCount | Should -Be 2
        $vm.MemoryStartup | Should -Be 1GB
        (Hyper-V\Get-VMHardDiskDrive -VM $vm).Path | Should -Be "$data\Virtual Hard Disks\web-1.vhdx"
        (Hyper-V\Get-VHD -Path "$data\Virtual Hard Disks\web-1.vhdx").ParentPath | Should -Be 'C:\Boxes\ubuntu-box\Virtual Hard Disks\ubuntu.vhdx'
        (Hyper-V\Get-VMFirmware -VM $vm).BootOrder[0].Device.Path | Should -Be "$data\Virtual Hard Disks\web-1.vhdx"
        Hyper-V\Start-VM -VM $vm
        (Hyper-V\Get-VM -Id $vm.Id).State | Should -Be 'Running'
    }
}

Describe 'Scenario: wait for a Key-Value Pair Exchange guest''s addresses' {
    BeforeEach { $dir = New-SimStateDirectory }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'polls the first adapter until the guest reports an IPv4 address' {
        $ErrorActionPreference = 'Stop'
        $vm = Hyper-V\New-VM -Name 'web' -Generation 2
        Set-VMSimGuest -VMId $vm.Id -Profile Full -IPAddress 'fe80::215:5dff:fe01:600', '10.0.0.15' -IPAddressDelaySeconds 1
        Hyper-V\Start-VM -VM $vm
        $address = $null
        $deadline = [DateTime]::UtcNow.AddSeconds(20)
        $polls = 0
        while (-not $address -and [DateTime]::UtcNow -lt $deadline) {
            $polls++
            $adapter = Hyper-V\Get-VMNetworkAdapter -VM (Hyper-V\Get-VM -Id $vm.Id) | Select-Object -Index 0
            foreach ($ip in $adapter.IPAddresses) { if ($ip.Contains('.') -and -not $address) { $address = $ip } }
            if (-not $address) { Start-Sleep -Milliseconds 250 }
        }
        $address | Should -Be '10.0.0.15'
        $polls | Should -BeGreaterThan 1 -Because 'the guest reports its addresses only once its network is up'
    }

    It 'never gets an address from a Linux Integration Components v2 guest' {
        $vm = Hyper-V\New-VM -Name 'legacy'
        Set-VMSimGuest -VMId $vm.Id -Profile LinuxIcsV2 -IPAddress '10.0.0.16'
        Hyper-V\Start-VM -VM $vm
        Start-Sleep -Milliseconds 300
        (Hyper-V\Get-VMNetworkAdapter -VM $vm).IpAddresses.Length | Should -Be 0
    }
}

Describe 'Scenario: take and restore a checkpoint' {
    BeforeEach { $dir = New-SimStateDirectory }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'checkpoints a running VM by object, lists, restores and deletes it by name' {
        $ErrorActionPreference = 'Stop'
        $vm = Hyper-V\New-VM -Name 'app' -MemoryStartupBytes 1GB
        Hyper-V\Start-VM -VM $vm
        $vm = Hyper-V\Get-VM -Id $vm.Id
        # Checkpoints must be enabled for the duration of the call.
        $type = $vm.CheckpointType
        if ($type -eq 'Disabled') { Hyper-V\Set-VM -VM $vm -CheckpointType 'Standard' }
        Hyper-V\Checkpoint-VM $vm -SnapshotName 'before-upgrade'
        Hyper-V\Set-VM -VM $vm -Notes 'upgraded'
        Hyper-V\Stop-VM -VM $vm -TurnOff -Force
        $names = @(Hyper-V\Get-VMSnapshot $vm | Select-Object Name)
        $names.Name | Should -Be 'before-upgrade'
        Hyper-V\Restore-VMSnapshot $vm -Name 'before-upgrade' -Confirm:$false
        $restored = Hyper-V\Get-VM -Id $vm.Id
        $restored.State | Should -Be 'Saved'
        $restored.Notes | Should -Be ''
        Hyper-V\Start-VM -VM $restored
        Hyper-V\Remove-VMSnapshot $vm -Name 'before-upgrade'
        Hyper-V\Get-VMSnapshot $vm | Should -BeNullOrEmpty
        (Hyper-V\Get-VM -Id $vm.Id).ParentSnapshotId | Should -BeNullOrEmpty
    }
}

Describe 'Scenario: move a disk between controllers' {
    BeforeEach { $dir = New-SimStateDirectory }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'moves a data disk from IDE to a new SCSI controller while off, then resizes it online' {
        $ErrorActionPreference = 'Stop'
        $vm = Hyper-V\New-VM -Name 'db' -NewVHDPath 'C:\VMs\db-os.vhdx' -NewVHDSizeBytes 10GB
        $null = Hyper-V\New-VHD -Path 'C:\VMs\db-data.vhdx' -SizeBytes 5GB -Dynamic
        Hyper-V\Add-VMHardDiskDrive -VMName 'db' -ControllerType IDE -ControllerNumber 0 -ControllerLocation 1 -Path 'C:\VMs\db-data.vhdx'
        Hyper-V\Add-VMScsiController -VMName 'db'
        Hyper-V\Get-VMHardDiskDrive -VMName 'db' -ControllerType IDE -ControllerNumber 0 -ControllerLocation 1 |
            Hyper-V\Set-VMHardDiskDrive -ToControllerType SCSI -ToControllerNumber 1 -ToControllerLocation 0
        $drive = Hyper-V\Get-VMHardDiskDrive -VMName 'db' -ControllerType SCSI -ControllerNumber 1
        $drive.Path | Should -Be 'C:\VMs\db-data.vhdx'
        $drive.ControllerLocation | Should -Be 0
        @(Hyper-V\Get-VMIdeController -VMName 'db' -ControllerNumber 0).Drives.Count | Should -Be 1
        Hyper-V\Start-VM -Name 'db'
        Hyper-V\Resize-VHD -Path $drive.Path -SizeBytes 8GB
        (Hyper-V\Get-VHD -Path 'C:\VMs\db-data.vhdx').Size | Should -Be 8GB
        Hyper-V\Test-VHD -Path $drive.Path | Should -BeTrue
    }
}

Describe 'Scenario: boot a Generation 2 VM from its DVD first' {
    BeforeEach {
        $dir = New-SimStateDirectory
        $null = New-Item -ItemType File -Force -Path (Join-Path $dir 'disks/c/iso/ubuntu-22.04.iso')
    }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'adds the installer DVD, makes it the first boot device with the UEFI CA template and boots' {
        $ErrorActionPreference = 'Stop'
        $vm = Hyper-V\New-VM -Name 'installer' -Generation 2 -MemoryStartupBytes 2GB -NewVHDPath 'C:\VMs\installer.vhdx' -NewVHDSizeBytes 20GB
        Hyper-V\Add-VMDvdDrive -VM $vm -Path 'C:\iso\ubuntu-22.04.iso'
        $dvd = Hyper-V\Get-VMDvdDrive -VM $vm
        Hyper-V\Set-VMFirmware -VM $vm -FirstBootDevice $dvd -SecureBootTemplate 'MicrosoftUEFICertificateAuthority'
        $firmware = Hyper-V\Get-VMFirmware -VM $vm
        $firmware.BootOrder[0].BootType | Should -Be 'Drive'
        $firmware.BootOrder[0].Device | Should -BeOfType ([Microsoft.HyperV.PowerShell.DvdDrive])
        $firmware.BootOrder[0].Device.Path | Should -Be 'C:\iso\ubuntu-22.04.iso'
        $firmware.SecureBootTemplate | Should -Be 'MicrosoftUEFICertificateAuthority'
        Hyper-V\Start-VM -VM $vm
        (Hyper-V\Get-VM -Id $vm.Id).State | Should -Be 'Running'
        # After installation: eject the DVD; the disk boots first again.
        Hyper-V\Stop-VM -VM $vm -TurnOff
        Hyper-V\Get-VMDvdDrive -VM $vm | Hyper-V\Remove-VMDvdDrive
        (Hyper-V\Get-VMFirmware -VM $vm).BootOrder[0].Device | Should -BeOfType ([Microsoft.HyperV.PowerShell.HardDiskDrive])
    }
}
