BeforeAll { . (Join-Path $PSScriptRoot 'SimulatorTestHelpers.ps1') }

Describe 'New-VHD / Get-VHD / Resize-VHD' {
    BeforeEach { $dir = New-SimStateDirectory }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'creates a dynamic VHDX by default as a real sparse file under the state directory' {
        $disk = New-VHD -Path 'C:\VMs\a.vhdx' -SizeBytes 100GB
        $disk | Should -BeOfType ([Microsoft.Vhd.PowerShell.VirtualHardDisk])
        $disk.VhdFormat | Should -Be 'VHDX'
        $disk.VhdType | Should -Be 'Dynamic'
        $disk.Size | Should -BeOfType ([uint64])
        $disk.Size | Should -Be 100GB
        $file = Get-Item -LiteralPath (Join-Path $dir 'disks/c/vms/a.vhdx')
        $disk.FileSize | Should -Be $file.Length
        $file.Length | Should -BeLessThan 100GB
    }

    It 'creates fixed and VHD-format disks' {
        $fixed = New-VHD -Path 'C:\VMs\f.vhdx' -SizeBytes 8GB -Fixed
        $fixed.VhdType | Should -Be 'Fixed'
        $fixed.FileSize | Should -BeGreaterThan 8GB
        (New-VHD -Path 'C:\VMs\old.vhd' -SizeBytes 1GB).VhdFormat | Should -Be 'VHD'
    }

    It 'creates a differencing disk with the parent size' {
        $null = New-VHD -Path 'C:\VMs\base.vhdx' -SizeBytes 4GB
        $child = New-VHD -Path 'C:\VMs\child.vhdx' -ParentPath 'C:\VMs\base.vhdx' -Differencing
        $child.VhdType | Should -Be 'Differencing'
        $child.ParentPath | Should -Be 'C:\VMs\base.vhdx'
        $child.Size | Should -Be 4GB
        $e = Get-SimError { New-VHD -Path 'C:\VMs\c2.vhdx' -ParentPath 'C:\VMs\none.vhdx' -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidParameter,Microsoft.Vhd.PowerShell.Cmdlets.NewVhd'
    }

    It 'refuses an existing file with the VMMS error' {
        $null = New-VHD -Path 'C:\VMs\a.vhdx' -SizeBytes 1GB
        $e = Get-SimError { New-VHD -Path 'C:\VMs\A.VHDX' -SizeBytes 1GB -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'OperationFailed,Microsoft.Vhd.PowerShell.Cmdlets.NewVhd'
        $e.CategoryInfo.Category | Should -Be 'NotSpecified'
        $e.Exception.Message | Should -BeLike 'Failed to create the virtual hard disk.*The file exists. (0x80070050).'
    }

    It 'refuses a misaligned size' {
        $e = Get-SimError { New-VHD -Path 'C:\VMs\m.vhdx' -SizeBytes 2000000000 -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidParameter,Microsoft.Vhd.PowerShell.Cmdlets.NewVhd'
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'reports a path that is not a virtual hard disk' {
        $e = Get-SimError { Get-VHD -Path 'C:\VMs\none.vhdx' -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidParameter,Microsoft.Vhd.PowerShell.Cmdlets.GetVhd'
        $e.Exception.Message | Should -Be "'C:\VMs\none.vhdx' is not an existing virtual hard disk file."
    }

    It 'finds disks case-insensitively, by VM id and from the pipeline' {
        $null = New-VM -Name 'vm' -NewVHDPath 'C:\VMs\vm.vhdx' -NewVHDSizeBytes 2GB
        (Get-VHD -Path 'c:\vms\VM.VHDX').Size | Should -Be 2GB
        (Get-VM -Name 'vm' | Select-Object -Property VMId | Get-VHD).Path | Should -Be 'C:\VMs\vm.vhdx'
        (Get-VMHardDiskDrive -VMName 'vm' | Get-VHD).Path | Should -Be 'C:\VMs\vm.vhdx'
    }

    It 'matches wildcards in the file name case-insensitively, a wildcard without match is no error' {
        $null = New-VHD -Path 'C:\VMs\Web1.vhdx' -SizeBytes 1GB
        $null = New-VHD -Path 'C:\VMs\web2.vhd' -SizeBytes 1GB
        $null = New-VHD -Path 'C:\VMs\db.vhdx' -SizeBytes 1GB
        (Get-VHD -Path 'c:\vms\WEB*' | Sort-Object Path).Path | Should -Be @('C:\VMs\Web1.vhdx', 'C:\VMs\web2.vhd')
        $errors = $null
        Get-VHD -Path 'C:\VMs\none*' -ErrorVariable errors | Should -BeNullOrEmpty
        $errors.Count | Should -Be 0
    }

    It 'tries every VHD extension for a path without one' {
        $null = New-VHD -Path 'C:\VMs\db.vhdx' -SizeBytes 1GB
        (Get-VHD -Path 'C:\VMs\db').Path | Should -Be 'C:\VMs\db.vhdx'
        $e = Get-SimError { Get-VHD -Path 'C:\VMs\none' -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidParameter,Microsoft.Vhd.PowerShell.Cmdlets.GetVhd'
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'grows and shrinks VHDX, only grows VHD' {
        $null = New-VHD -Path 'C:\VMs\a.vhdx' -SizeBytes 10GB
        (Resize-VHD -Path 'C:\VMs\a.vhdx' -SizeBytes 20GB -Passthru).Size | Should -Be 20GB
        Resize-VHD -Path 'C:\VMs\a.vhdx' -SizeBytes 5GB | Should -BeNullOrEmpty
        (Get-VHD -Path 'C:\VMs\a.vhdx').Size | Should -Be 5GB
        $null = New-VHD -Path 'C:\VMs\b.vhd' -SizeBytes 2GB
        (Get-SimError { Resize-VHD -Path 'C:\VMs\b.vhd' -SizeBytes 1GB -ErrorAction Stop }).FullyQualifiedErrorId |
            Should -Be 'InvalidParameter,Microsoft.Vhd.PowerShell.Cmdlets.ResizeVhd'
    }

    It 'resizes an IDE-attached disk only while the VM is off' {
        $null = New-VM -Name 'vm' -NewVHDPath 'C:\VMs\vm.vhdx' -NewVHDSizeBytes 2GB
        Start-VM -Name 'vm'
        (Get-SimError { Resize-VHD -Path 'C:\VMs\vm.vhdx' -SizeBytes 4GB -ErrorAction Stop }).FullyQualifiedErrorId |
            Should -Be 'InvalidState,Microsoft.Vhd.PowerShell.Cmdlets.ResizeVhd'
    }
}
