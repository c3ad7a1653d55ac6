BeforeAll { . (Join-Path $PSScriptRoot 'SimulatorTestHelpers.ps1') }

Describe 'Test-VHD' {
    BeforeEach {
        $dir = New-SimStateDirectory
        $null = New-VHD -Path 'C:\d\base.vhdx' -SizeBytes 1GB
        $null = New-VHD -Path 'C:\d\child.vhdx' -ParentPath 'C:\d\base.vhdx' -Differencing
    }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'returns True for each usable disk, from paths or the pipeline' {
        Test-VHD -Path 'C:\d\base.vhdx', 'C:\d\child.vhdx' | Should -Be @($true, $true)
        Get-VHD -Path 'C:\d\child.vhdx' | Test-VHD | Should -BeTrue
        (Test-VHD 'C:\d\base.vhdx') | Should -BeOfType ([bool])
    }

    It 'writes an error and returns False for a missing disk or a broken parent chain' {
        Test-VHD -Path 'C:\d\none.vhdx' -ErrorAction SilentlyContinue -ErrorVariable errors | Should -BeFalse
        $errors[0].FullyQualifiedErrorId | Should -Be 'InvalidParameter,Microsoft.Vhd.PowerShell.Cmdlets.TestVhd'
        Remove-Item (Join-Path $dir 'disks/c/d/base.vhdx')
        Test-VHD -Path 'C:\d\child.vhdx' -ErrorAction SilentlyContinue -ErrorVariable errors | Should -BeFalse
        $errors[0].Exception.Message | Should -BeLike 'The chain of virtual hard disks is broken*'
    }
}

Describe 'Set-VHD' {
    BeforeEach {
        $dir = New-SimStateDirectory
        $null = New-VHD -Path 'C:\d\base.vhdx' -SizeBytes 1GB
        $null = New-VHD -Path 'C:\d\copy.vhdx' -SizeBytes 1GB
        $null = New-VHD -Path 'C:\d\child.vhdx' -ParentPath 'C:\d\base.vhdx' -Differencing
    }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'reconnects a differencing disk to another parent' {
        (Set-VHD -Path 'C:\d\child.vhdx' -ParentPath 'C:\d\copy.vhdx' -Passthru).ParentPath | Should -Be 'C:\d\copy.vhdx'
        (Get-VHD 'C:\d\child.vhdx').ParentPath | Should -Be 'C:\d\copy.vhdx'
    }

    It 'sets the physical sector size and resets the disk identifier with -Force' {
        (Set-VHD -Path 'C:\d\base.vhdx' -PhysicalSectorSizeBytes 512 -Passthru).PhysicalSectorSize | Should -Be 512
        $before = (Get-VHD 'C:\d\base.vhdx').DiskIdentifier
        Set-VHD -Path 'C:\d\base.vhdx' -ResetDiskIdentifier -Force
        (Get-VHD 'C:\d\base.vhdx').DiskIdentifier | Should -Not -Be $before
    }

    It 'refuses a parent for a disk that is not differencing and a reset without -Force' {
        (Get-SimError { Set-VHD -Path 'C:\d\base.vhdx' -ParentPath 'C:\d\copy.vhdx' -ErrorAction Stop }).FullyQualifiedErrorId |
            Should -Be 'InvalidParameter,Microsoft.Vhd.PowerShell.Cmdlets.SetVhd'
        (Get-SimError { Set-VHD -Path 'C:\d\base.vhdx' -ResetDiskIdentifier -ErrorAction Stop }).FullyQualifiedErrorId |
            Should -Be 'OperationFailed,Microsoft.Vhd.PowerShell.Cmdlets.SetVhd'
    }
}

Describe 'Mount-VHD and Dismount-VHD' {
    BeforeEach { $dir = New-SimStateDirectory; $null = New-VHD -Path 'C:\d\a.vhdx' -SizeBytes 1GB; $null = New-VHD -Path 'C:\d\b.vhdx' -SizeBytes 1GB }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'mounts a disk with the next free disk number and shows it as attached' {
        $mounted = Mount-VHD -Path 'C:\d\a.vhdx' -Passthru
        $mounted.Attached | Should -BeTrue
        $mounted.DiskNumber | Should -Be 1
        $mounted.Number | Should -Be 1
        (Get-VHD 'C:\d\b.vhdx' | Mount-VHD -Passthru).Number | Should -Be 2
        (Get-VHD 'C:\d\a.vhdx').Attached | Should -BeTrue
    }

    It 'dismounts by path (pipeline) or disk number' {
        Mount-VHD -Path 'C:\d\a.vhdx', 'C:\d\b.vhdx' | Should -BeNullOrEmpty
        $dismounted = Get-VHD 'C:\d\a.vhdx' | Dismount-VHD -Passthru
        $dismounted.Attached | Should -BeFalse
        $dismounted.Number | Should -BeNullOrEmpty
        Dismount-VHD -DiskNumber 2
        (Get-VHD 'C:\d\b.vhdx').Attached | Should -BeFalse
    }

    It 'refuses to mount a disk twice or one a running VM uses, and to dismount one that is not mounted' {
        Mount-VHD -Path 'C:\d\a.vhdx'
        (Get-SimError { Mount-VHD -Path 'C:\d\a.vhdx' -ErrorAction Stop }).FullyQualifiedErrorId | Should -Be 'ObjectInUse,Microsoft.Vhd.PowerShell.Cmdlets.MountVhd'
        $null = New-VM -Name 'vm' -VHDPath 'C:\d\b.vhdx'
        Start-VM -Name 'vm'
        (Get-VHD 'C:\d\b.vhdx').Attached | Should -BeTrue
        (Get-SimError { Mount-VHD -Path 'C:\d\b.vhdx' -ErrorAction Stop }).CategoryInfo.Category | Should -Be 'ResourceBusy'
        Stop-VM -Name 'vm' -TurnOff
        (Get-SimError { Dismount-VHD -Path 'C:\d\b.vhdx' -ErrorAction Stop }).FullyQualifiedErrorId | Should -Be 'InvalidState,Microsoft.Vhd.PowerShell.Cmdlets.DismountVhd'
        (Get-SimError { Dismount-VHD -DiskNumber 9 -ErrorAction Stop }).CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}
