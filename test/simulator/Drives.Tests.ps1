BeforeAll { . (Join-Path $PSScriptRoot 'SimulatorTestHelpers.ps1') }

Describe 'Get/Add/Remove-VMHardDiskDrive' {
    BeforeEach {
        $dir = New-SimStateDirectory
        foreach ($name in 'os', 'd1', 'd2', 'd3') { $null = New-VHD -Path "C:\VMs\$name.vhdx" -SizeBytes 1GB }
        $vm = New-VM -Name 'g1' -VHDPath 'C:\VMs\os.vhdx'
    }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'fills IDE 0:1, IDE 1:1, then SCSI 0:0 when no slot is given' {
        Add-VMHardDiskDrive -VMName 'g1' -Path 'C:\VMs\d1.vhdx'
        Add-VMHardDiskDrive -VMName 'g1' -Path 'C:\VMs\d2.vhdx'
        Add-VMHardDiskDrive -VMName 'g1' -Path 'C:\VMs\d3.vhdx'
        $drives = Get-VMHardDiskDrive -VMName 'g1'
        $drives | Should -BeOfType ([Microsoft.HyperV.PowerShell.HardDiskDrive])
        ($drives | ForEach-Object { '{0}{1}:{2}' -f $_.ControllerType, $_.ControllerNumber, $_.ControllerLocation }) |
            Should -Be @('IDE0:0', 'IDE0:1', 'IDE1:1', 'SCSI0:0')
        $drives[1].Name | Should -Be 'Hard Drive on IDE controller number 0 at location 1'
    }

    It 'filters by controller and returns nothing (no error) for an empty filter' {
        Add-VMHardDiskDrive -VMName 'g1' -ControllerType SCSI -Path 'C:\VMs\d1.vhdx'
        (Get-VMHardDiskDrive -VMName 'g1' -ControllerType SCSI).Path | Should -Be 'C:\VMs\d1.vhdx'
        $errors = $null
        Get-VMHardDiskDrive -VMName 'g1' -ControllerType SCSI -ControllerNumber 3 -ErrorVariable errors | Should -BeNullOrEmpty
        $errors.Count | Should -Be 0
    }

    It 'has 2 IDE controllers with 2 locations each' {
        $e = Get-SimError { Add-VMHardDiskDrive -VMName 'g1' -ControllerType IDE -ControllerNumber 1 -ControllerLocation 0 -Path 'C:\VMs\d1.vhdx' -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'ObjectNotFound,Microsoft.HyperV.PowerShell.Commands.AddVMHardDiskDrive'
        $e.Exception.Message | Should -Be 'The operation could not be completed because no available locations were found on the disk controller.'
        (Get-SimError { Add-VMHardDiskDrive -VMName 'g1' -ControllerType IDE -ControllerNumber 2 -Path 'C:\VMs\d1.vhdx' -ErrorAction Stop }).CategoryInfo.Category |
            Should -Be 'ObjectNotFound'
    }

    It 'looks for a free slot before it checks the disk' {
        Add-VMHardDiskDrive -VMName 'g1' -ControllerType IDE -Path 'C:\VMs\d1.vhdx'
        Add-VMHardDiskDrive -VMName 'g1' -ControllerType IDE -Path 'C:\VMs\d2.vhdx'
        # IDE is full and the disk is in use: the slot search fails first.
        $e = Get-SimError { Add-VMHardDiskDrive -VMName 'g1' -ControllerType IDE -Path 'C:\VMs\d1.vhdx' -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'ObjectNotFound,Microsoft.HyperV.PowerShell.Commands.AddVMHardDiskDrive'
        $e.Exception.Message | Should -Be 'The operation could not be completed because no available locations were found on the disk controller.'
        $e = Get-SimError { Add-VMHardDiskDrive -VMName 'g1' -ControllerType SCSI -Path 'C:\VMs\d1.vhdx' -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'ObjectInUse,Microsoft.HyperV.PowerShell.Commands.AddVMHardDiskDrive'
        $e.CategoryInfo.Category | Should -Be 'ResourceBusy'
    }

    It 'has up to 4 SCSI controllers with 64 locations' {
        (Get-SimError { Add-VMHardDiskDrive -VMName 'g1' -ControllerType SCSI -ControllerNumber 0 -ControllerLocation 64 -Path 'C:\VMs\d1.vhdx' -ErrorAction Stop }).CategoryInfo.Category |
            Should -Be 'ObjectNotFound'
        Add-VMHardDiskDrive -VMName 'g1' -ControllerType SCSI -ControllerNumber 0 -ControllerLocation 63 -Path 'C:\VMs\d1.vhdx'
        (Add-VMScsiController -VMName 'g1' -Passthru).ControllerNumber | Should -Be 1
        Add-VMScsiController -VMName 'g1'
        Add-VMScsiController -VMName 'g1'
        Add-VMHardDiskDrive -VMName 'g1' -ControllerType SCSI -ControllerNumber 3 -Path 'C:\VMs\d2.vhdx'
        (Get-VMHardDiskDrive -VMName 'g1' -ControllerNumber 3).ControllerLocation | Should -Be 0
        (Get-SimError { Add-VMScsiController -VMName 'g1' -ErrorAction Stop }).FullyQualifiedErrorId |
            Should -Be 'OperationFailed,Microsoft.HyperV.PowerShell.Commands.AddVMScsiController'
    }

    It 'refuses IDE on Generation 2' {
        $null = New-VM -Name 'g2' -Generation 2
        $e = Get-SimError { Add-VMHardDiskDrive -VMName 'g2' -ControllerType IDE -Path 'C:\VMs\d1.vhdx' -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.AddVMHardDiskDrive'
        $e.Exception.Message | Should -Be 'Generation 2 virtual machines do not support IDE.'
        (Get-SimError { Get-VMHardDiskDrive -VMName 'g2' -ControllerType IDE -ErrorAction Stop }).Exception.Message |
            Should -Be 'Generation 2 virtual machines do not support IDE.'
        (Add-VMHardDiskDrive -VMName 'g2' -Path 'C:\VMs\d1.vhdx' -Passthru).ControllerType | Should -Be 'SCSI'
    }

    It 'hot-adds SCSI disks but not IDE disks on a running VM' {
        Start-VM -Name 'g1'
        (Get-SimError { Add-VMHardDiskDrive -VMName 'g1' -ControllerType IDE -Path 'C:\VMs\d1.vhdx' -ErrorAction Stop }).FullyQualifiedErrorId |
            Should -Be 'InvalidState,Microsoft.HyperV.PowerShell.Commands.AddVMHardDiskDrive'
        (Add-VMHardDiskDrive -VMName 'g1' -ControllerType SCSI -Path 'C:\VMs\d1.vhdx' -Passthru).ControllerType | Should -Be 'SCSI'
    }

    It 'refuses a missing file and a disk attached to another VM' {
        (Get-SimError { Add-VMHardDiskDrive -VMName 'g1' -Path 'C:\VMs\none.vhdx' -ErrorAction Stop }).CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $null = New-VM -Name 'other'
        $e = Get-SimError { Add-VMHardDiskDrive -VMName 'other' -Path 'c:\vms\OS.vhdx' -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'ObjectInUse,Microsoft.HyperV.PowerShell.Commands.AddVMHardDiskDrive'
        $e.CategoryInfo.Category | Should -Be 'ResourceBusy'
    }

    It 'removes a drive, keeps the file, and is silent for an empty slot' {
        $removed = Remove-VMHardDiskDrive -VMName 'g1' -ControllerType IDE -ControllerNumber 0 -ControllerLocation 0 -Passthru
        $removed.Path | Should -Be 'C:\VMs\os.vhdx'
        Get-VMHardDiskDrive -VMName 'g1' | Should -BeNullOrEmpty
        (Get-VHD -Path 'C:\VMs\os.vhdx').Path | Should -Be 'C:\VMs\os.vhdx'
        $errors = $null
        Remove-VMHardDiskDrive -VMName 'g1' -ControllerType IDE -ControllerNumber 0 -ControllerLocation 0 -ErrorVariable errors
        $errors.Count | Should -Be 0
    }

    It 'removes piped drives' {
        Add-VMHardDiskDrive -VMName 'g1' -ControllerType SCSI -Path 'C:\VMs\d1.vhdx'
        Get-VMHardDiskDrive -VMName 'g1' -ControllerType SCSI | Remove-VMHardDiskDrive
        (Get-VMHardDiskDrive -VMName 'g1').Path | Should -Be 'C:\VMs\os.vhdx'
    }
}

Describe 'Get/Add/Set/Remove-VMDvdDrive' {
    BeforeEach {
        $dir = New-SimStateDirectory
        $iso = Join-Path $dir 'disks/c/iso/setup.iso'
        [void][IO.Directory]::CreateDirectory((Split-Path $iso))
        [IO.File]::WriteAllText($iso, 'iso')
        $vm = New-VM -Name 'g1'
    }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'shows the default empty DVD drive of a Generation 1 VM' {
        $dvd = Get-VMDvdDrive -VMName 'g1'
        $dvd | Should -BeOfType ([Microsoft.HyperV.PowerShell.DvdDrive])
        $dvd.ControllerType | Should -Be 'IDE'
        $dvd.DvdMediaType | Should -Be 'None'
        $dvd.Path | Should -BeNullOrEmpty
    }

    It 'inserts and ejects media' {
        (Set-VMDvdDrive -VMName 'g1' -Path 'C:\ISO\setup.iso' -Passthru).DvdMediaType | Should -Be 'ISO'
        (Get-VMDvdDrive -VMName 'g1').Path | Should -Be 'C:\ISO\setup.iso'
        Set-VMDvdDrive -VMName 'g1' -Path $null
        (Get-VMDvdDrive -VMName 'g1').DvdMediaType | Should -Be 'None'
        (Get-SimError { Set-VMDvdDrive -VMName 'g1' -Path 'C:\ISO\none.iso' -ErrorAction Stop }).CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'adds DVD drives on IDE (Generation 1) and SCSI (Generation 2)' {
        (Add-VMDvdDrive -VMName 'g1' -Path 'C:\ISO\setup.iso' -Passthru).ControllerLocation | Should -Be 0
        $null = New-VM -Name 'g2' -Generation 2
        (Add-VMDvdDrive -VMName 'g2' -Passthru).ControllerType | Should -Be 'SCSI'
        (Get-VMDvdDrive -VMName 'g2').ControllerType | Should -Be 'SCSI'
    }

    It 'reports a full IDE bus before a missing ISO, and a missing ISO as ObjectNotFound' {
        1..3 | ForEach-Object { Add-VMDvdDrive -VMName 'g1' }
        $e = Get-SimError { Add-VMDvdDrive -VMName 'g1' -Path 'C:\ISO\none.iso' -ErrorAction Stop }
        $e.Exception.Message | Should -Be 'The operation could not be completed because no available locations were found on the disk controller.'
        Remove-VMDvdDrive -VMName 'g1' -ControllerNumber 0 -ControllerLocation 0
        $e = Get-SimError { Add-VMDvdDrive -VMName 'g1' -Path 'C:\ISO\none.iso' -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'ObjectNotFound,Microsoft.HyperV.PowerShell.Commands.AddVMDvdDrive'
        @(Get-VMDvdDrive -VMName 'g1').Count | Should -Be 3
    }

    It 'refuses to hot-add an IDE DVD drive' {
        Start-VM -Name 'g1'
        (Get-SimError { Add-VMDvdDrive -VMName 'g1' -ErrorAction Stop }).FullyQualifiedErrorId |
            Should -Be 'InvalidState,Microsoft.HyperV.PowerShell.Commands.AddVMDvdDrive'
    }

    It 'removes by slot and from the pipeline' {
        Remove-VMDvdDrive -VMName 'g1' -ControllerNumber 1 -ControllerLocation 0
        Get-VMDvdDrive -VMName 'g1' | Should -BeNullOrEmpty
        Add-VMDvdDrive -VMName 'g1'
        Get-VMDvdDrive -VMName 'g1' | Remove-VMDvdDrive
        Get-VMDvdDrive -VMName 'g1' | Should -BeNullOrEmpty
    }
}
