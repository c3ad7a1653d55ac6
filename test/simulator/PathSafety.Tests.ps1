BeforeAll { . (Join-Path $PSScriptRoot 'SimulatorTestHelpers.ps1') }

# The simulated host maps only normalized Windows paths into <state dir>/disks; a path that would
# leave it (.. past the root, a UNC server or share of . or ..), a device path or a NUL is refused as
# a real host refuses a bad path: InvalidParameter, category InvalidArgument.
Describe 'Paths that leave the simulated host''s area' {
    BeforeEach {
        # The state directory inside a folder of its own: each path below escapes at most to it.
        $root = New-SimStateDirectory
        $dir = Join-Path $root 'state'
        [void][IO.Directory]::CreateDirectory($dir)
        $env:HYPERV_SIM_STATE_DIR = $dir
        $outside = Join-Path $root 'outside'
    }
    AfterEach { Remove-SimStateDirectory $root }

    It 'refuses <Path> for New-VHD, and no file appears outside the state directory' -TestCases @(
        @{ Path = '\\../..\outside-disks\x.vhdx' }
        @{ Path = '\\..\..\hosts\hv01\disks\c\x.vhdx' }
        @{ Path = '//../../outside-disks/x.vhdx' }
        @{ Path = '\\srv\..\x.vhdx' }
        @{ Path = 'C:\..\..\..\outside-disks\x.vhdx' }
        @{ Path = 'C:/VMs/../../x.vhdx' }
        @{ Path = '\\.\PhysicalDrive0\x.vhdx' }
        @{ Path = '\\?\C:\x.vhdx' }
        @{ Path = "C:\VMs\x`0.vhdx" }
    ) {
        param($Path)
        $e = Get-SimError { New-VHD -Path $Path -SizeBytes 1GB -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -BeLike 'InvalidParameter,*'
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        Test-Path (Join-Path $dir 'hosts') | Should -BeFalse
        @(Get-ChildItem -Recurse -File $root | Where-Object { $_.Name -like '*.vhdx' }) | Should -BeNullOrEmpty
    }

    It 'still resolves .. inside a drive and both separators to one path' {
        $null = New-VHD -Path 'C:/VMs/old/../a.vhdx' -SizeBytes 1GB
        (Get-VHD -Path 'C:\VMs\a.vhdx').Path | Should -Be 'C:\VMs\a.vhdx'
        Resolve-VMSimPath 'C:\VMs\a.vhdx' | Should -Be (Join-Path $dir 'disks/c/vms/a.vhdx')
        (Get-SimError { Resolve-VMSimPath '\\..\..\x.vhdx' -ErrorAction Stop }).CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'Import-VM refuses a crafted export whose disk path leaves the area; Move-VMStorage never touches the file' {
        $null = New-VM -Name 'box' -NewVHDPath 'C:\VMs\box.vhdx' -NewVHDSizeBytes 1GB
        $id = (Get-VM -Name 'box').Id.ToString().ToUpperInvariant()
        Export-VM -Name 'box' -Path 'C:\Export'
        Remove-VM -Name 'box' -Force
        # A file outside the state directory that the crafted configuration points at.
        [void][IO.Directory]::CreateDirectory($outside)
        $victim = Join-Path $outside 'victim.vhdx'
        [IO.File]::WriteAllText($victim, 'not yours')
        $crafted = 'C:\..\..\..\{0}\victim.vhdx' -f (Split-Path -Leaf $outside)
        $vmcx = Join-Path $dir ('disks/c/export/box/virtual machines/{0}.vmcx' -f $id.ToLowerInvariant())
        $json = Get-Content -Raw $vmcx | ConvertFrom-Json -AsHashtable
        foreach ($drive in $json.Drives) { if ($drive.Kind -eq 'HardDisk') { $drive.Path = $crafted } }
        Set-Content -NoNewline -Path $vmcx -Value ($json | ConvertTo-Json -Depth 20)
        Remove-Item -Recurse -Force (Join-Path $dir 'disks/c/export/box/virtual hard disks')

        $e = Get-SimError { Import-VM -Path ('C:\Export\box\Virtual Machines\{0}.vmcx' -f $id) -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -BeLike 'InvalidParameter,*'
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        Get-VM | Should -BeNullOrEmpty
        (Get-SimError { Move-VMStorage -VMName 'box' -DestinationStoragePath 'D:\Moved' -ErrorAction Stop }) | Should -Not -BeNullOrEmpty
        Get-Content -Raw $victim | Should -Be 'not yours'
        Test-Path (Join-Path $dir 'disks/d/moved') | Should -BeFalse
    }
}
