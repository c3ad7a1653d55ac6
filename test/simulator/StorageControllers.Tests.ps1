BeforeAll { . (Join-Path $PSScriptRoot 'SimulatorTestHelpers.ps1') }

Describe 'Set-VMHardDiskDrive' {
    BeforeEach {
        $dir = New-SimStateDirectory
        $vm = New-VM -Name 'g1' -NewVHDPath 'C:\VMs\boot.vhdx' -NewVHDSizeBytes 1GB
        $null = New-VHD -Path 'C:\VMs\data.vhdx' -SizeBytes 1GB
        $null = New-VHD -Path 'C:\VMs\other.vhdx' -SizeBytes 1GB
        Add-VMHardDiskDrive -VMName 'g1' -ControllerType SCSI -Path 'C:\VMs\data.vhdx'
    }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'moves a drive to another controller type, number or location' {
        $moved = Get-VMHardDiskDrive -VMName 'g1' -ControllerType SCSI | Set-VMHardDiskDrive -ToControllerType IDE -ToControllerNumber 1 -Passthru
        $moved | Should -BeOfType ([Microsoft.HyperV.PowerShell.HardDiskDrive])
        $moved.ControllerType | Should -Be 'IDE'
        $moved.ControllerNumber | Should -Be 1
        # IDE 1:0 holds the DVD drive of a new Generation 1 VM.
        $moved.ControllerLocation | Should -Be 1
        $moved.Path | Should -Be 'C:\VMs\data.vhdx'
        Set-VMHardDiskDrive -VMName 'g1' -ControllerType IDE -ControllerNumber 1 -ControllerLocation 1 -ToControllerType SCSI -ToControllerLocation 5
        (Get-VMHardDiskDrive -VMName 'g1' -ControllerType SCSI).ControllerLocation | Should -Be 5
        @(Get-VMHardDiskDrive -VMName 'g1').Count | Should -Be 2
    }

    It 'changes the file and the storage settings of a drive' {
        $drive = Set-VMHardDiskDrive -VMName 'g1' -ControllerType SCSI -ControllerNumber 0 -ControllerLocation 0 -Path 'C:\VMs\other.vhdx' -MaximumIOPS 1000 -MinimumIOPS 10 -QoSPolicyID '11111111-2222-3333-4444-555555555555' -OverrideCacheAttributes WriteCacheAndFUAEnabled -Passthru
        $drive.Path | Should -Be 'C:\VMs\other.vhdx'
        $drive.MaximumIOPS | Should -Be 1000
        $drive.MinimumIOPS | Should -Be 10
        $drive.QoSPolicyID | Should -Be ([Guid]'11111111-2222-3333-4444-555555555555')
        $drive.WriteHardeningMethod | Should -Be 'WriteCacheAndFUAEnabled'
        (Get-VMHardDiskDrive -VMName 'g1' -ControllerType SCSI).MaximumIOPS | Should -Be 1000
    }

    It 'refuses IDE moves while the VM runs but moves SCSI drives' {
        Add-VMScsiController -VMName 'g1'
        Start-VM -Name 'g1'
        Set-VMHardDiskDrive -VMName 'g1' -ControllerType SCSI -ToControllerNumber 1
        (Get-VMHardDiskDrive -VMName 'g1' -ControllerType SCSI).ControllerNumber | Should -Be 1
        $e = Get-SimError { Set-VMHardDiskDrive -VMName 'g1' -ControllerType SCSI -ToControllerType IDE -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidState,Microsoft.HyperV.PowerShell.Commands.SetVMHardDiskDrive'
    }

    It 'refuses bad argument combinations as InvalidParameter' {
        foreach ($case in @(
                { Set-VMHardDiskDrive -VMName 'g1' -QoSPolicyID 'nope' -ErrorAction Stop },
                { Set-VMHardDiskDrive -VMName 'g1' -DiskNumber 2 -MaximumIOPS 5 -ErrorAction Stop },
                { Set-VMHardDiskDrive -VMName 'g1' -ControllerType IDE -SupportPersistentReservations $true -ErrorAction Stop },
                { Add-VMHardDiskDrive -VMName 'g1' -Path 'C:\VMs\other.vhdx' -QoSPolicyID 'nope' -ErrorAction Stop })) {
            (Get-SimError $case).CategoryInfo.Category | Should -Be 'InvalidArgument'
        }
    }

    It 'refuses a slot that is taken and a drive file another VM uses' {
        $e = Get-SimError { Set-VMHardDiskDrive -VMName 'g1' -ControllerType SCSI -ToControllerType IDE -ToControllerNumber 0 -ToControllerLocation 0 -ErrorAction Stop }
        $e.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $null = New-VM -Name 'other' -VHDPath 'C:\VMs\other.vhdx'
        $e = Get-SimError { Set-VMHardDiskDrive -VMName 'g1' -ControllerType SCSI -Path 'C:\VMs\other.vhdx' -ErrorAction Stop }
        $e.CategoryInfo.Category | Should -Be 'ResourceBusy'
    }
}

Describe 'Add-VMHardDiskDrive storage settings' {
    BeforeEach { $dir = New-SimStateDirectory; $null = New-VM -Name 'g2' -Generation 2; $null = New-VHD -Path 'C:\VMs\d.vhdx' -SizeBytes 1GB }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'stores -QoSPolicyID and -OverrideCacheAttributes' {
        $drive = Add-VMHardDiskDrive -VMName 'g2' -Path 'C:\VMs\d.vhdx' -QoSPolicyID 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee' -OverrideCacheAttributes WriteCacheDisabled -MaximumIOPS 300 -Passthru
        $drive.QoSPolicyID | Should -Be ([Guid]'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee')
        $drive.WriteHardeningMethod | Should -Be 'WriteCacheDisabled'
        $drive.MaximumIOPS | Should -Be 300
    }
}

Describe 'Get-VMIdeController' {
    BeforeEach { $dir = New-SimStateDirectory }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'lists the two IDE controllers of a Generation 1 VM with their drives' {
        $null = New-VM -Name 'g1' -NewVHDPath 'C:\VMs\g1.vhdx' -NewVHDSizeBytes 1GB
        $controllers = Get-VMIdeController -VMName 'g1'
        $controllers | ForEach-Object { $_ | Should -BeOfType ([Microsoft.HyperV.PowerShell.VMIdeController]) }
        $controllers.ControllerNumber | Should -Be @(0, 1)
        $controllers[0].Drives[0] | Should -BeOfType ([Microsoft.HyperV.PowerShell.HardDiskDrive])
        $controllers[1].Drives[0] | Should -BeOfType ([Microsoft.HyperV.PowerShell.DvdDrive])
        (Get-VM -Name 'g1' | Get-VMIdeController -ControllerNumber 1).ControllerNumber | Should -Be 1
    }

    It 'lists none for a Generation 2 VM and reports a missing VM as ObjectNotFound' {
        $null = New-VM -Name 'g2' -Generation 2
        Get-VMIdeController -VMName 'g2' | Should -BeNullOrEmpty
        (Get-SimError { Get-VMIdeController -VMName 'nope' -ErrorAction Stop }).FullyQualifiedErrorId | Should -Be 'ObjectNotFound,Microsoft.HyperV.PowerShell.Commands.GetVMIdeController'
    }
}

Describe 'Remove-VMScsiController' {
    BeforeEach {
        $dir = New-SimStateDirectory
        $null = New-VM -Name 'vm'
        Add-VMScsiController -VMName 'vm'
        Add-VMScsiController -VMName 'vm'
        $null = New-VHD -Path 'C:\VMs\d.vhdx' -SizeBytes 1GB
        Add-VMHardDiskDrive -VMName 'vm' -ControllerType SCSI -ControllerNumber 2 -Path 'C:\VMs\d.vhdx'
    }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'removes a controller and renumbers the ones after it' {
        (Get-VMScsiController -VMName 'vm')[0] | Should -BeOfType ([Microsoft.HyperV.PowerShell.VMScsiController])
        $removed = Remove-VMScsiController -VMName 'vm' -ControllerNumber 1 -Passthru
        $removed.IsDeleted | Should -BeTrue
        (Get-VMScsiController -VMName 'vm').ControllerNumber | Should -Be @(0, 1)
        (Get-VMHardDiskDrive -VMName 'vm').ControllerNumber | Should -Be 1
    }

    It 'removes the drives on a removed controller, from the pipeline' {
        Get-VMScsiController -VMName 'vm' -ControllerNumber 2 | Remove-VMScsiController
        Get-VMHardDiskDrive -VMName 'vm' | Should -BeNullOrEmpty
    }

    It 'refuses while the VM runs and for a controller that does not exist' {
        (Get-SimError { Remove-VMScsiController -VMName 'vm' -ControllerNumber 7 -ErrorAction Stop }).CategoryInfo.Category | Should -Be 'ObjectNotFound'
        Start-VM -Name 'vm'
        $e = Get-SimError { Remove-VMScsiController -VMName 'vm' -ControllerNumber 0 -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidState,Microsoft.HyperV.PowerShell.Commands.RemoveVMScsiController'
        @(Get-VMScsiController -VMName 'vm').Count | Should -Be 3
    }
}
