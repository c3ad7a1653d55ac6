BeforeAll {
    . (Join-Path $PSScriptRoot 'SimulatorTestHelpers.ps1')

    # What the host holds: every file and folder of its state directory (without the lock file),
    # and the state's records.
    function Get-SimHostSnapshot([string]$Dir) {
        $files = @(Get-ChildItem -LiteralPath $Dir -Recurse -Force | ForEach-Object {
                [IO.Path]::GetRelativePath($Dir, $_.FullName).Replace('\', '/')
            } | Where-Object { $_ -ne 'state.lock' } | Sort-Object)
        $state = Get-Content -Raw -LiteralPath (Join-Path $Dir 'state.json') | ConvertFrom-Json -AsHashtable
        return [pscustomobject]@{
            files    = $files -join "`n"
            vhds     = (@($state.vhds.Keys | Sort-Object) -join ',') + '|' + (@($state.vhds.Values.DiskIdentifier | Sort-Object) -join ',')
            vms      = @($state.vms.Keys) -join ','
            switches = @($state.switches.Keys) -join ','
        }
    }
}

Describe 'A stack created and destroyed on the simulated host' {
    BeforeEach { $dir = New-SimStateDirectory }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'leaves the host as it was: no record of a deleted disk, no folder only its disks needed' {
        # The host before: a parent disk and an ISO the user put there.
        $null = New-VHD -Path 'C:\Base\sles11.vhdx' -SizeBytes 1GB -Dynamic
        $iso = Resolve-VMSimPath 'C:\ISO\sles11.iso'
        [void][IO.Directory]::CreateDirectory([IO.Path]::GetDirectoryName($iso))
        [IO.File]::WriteAllBytes($iso, [byte[]]@(1, 2, 3))
        $before = Get-SimHostSnapshot $dir

        $null = New-VHD -Path 'C:\VMs\web\os.vhdx' -ParentPath 'C:\Base\sles11.vhdx' -Differencing
        $null = New-VHD -Path 'C:\VMs\web\data\data.vhdx' -SizeBytes 1GB
        $null = New-VMSwitch -Name 'lan' -SwitchType Internal
        $vm = New-VM -Name 'web' -Generation 1 -MemoryStartupBytes 512MB -VHDPath 'C:\VMs\web\os.vhdx' -SwitchName 'lan'
        Add-VMHardDiskDrive -VM $vm -Path 'C:\VMs\web\data\data.vhdx'
        Set-VMDvdDrive -VMName 'web' -Path 'C:\ISO\sles11.iso'
        Start-VM -VM $vm
        Stop-VM -VM $vm -TurnOff

        # Destroy, as the provider's delete operations do it.
        Remove-VM -VM $vm -Force
        Remove-VMSimFile -Path 'C:\VMs\web\data\data.vhdx'
        Remove-VMSimFile -Path 'c:\vms\WEB\os.vhdx'
        Remove-VMSwitch -Name 'lan' -Force

        $after = Get-SimHostSnapshot $dir
        $after.files | Should -Be $before.files
        $after.vhds | Should -Be $before.vhds
        $after.vms | Should -Be $before.vms
        $after.switches | Should -Be $before.switches
        { Get-VHD -Path 'C:\VMs\web\os.vhdx' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidParameter,Microsoft.Vhd.PowerShell.Cmdlets.GetVHD'
    }

    It 'keeps a folder that still holds something, and takes a file that is already gone as removed' {
        $null = New-VHD -Path 'C:\VMs\a.vhdx' -SizeBytes 1GB
        $null = New-VHD -Path 'C:\VMs\b.vhdx' -SizeBytes 1GB
        Remove-VMSimFile -Path 'C:\VMs\a.vhdx'
        Remove-VMSimFile -Path 'C:\VMs\a.vhdx'
        (Get-VHD -Path 'C:\VMs\*.vhdx').Path | Should -Be @('C:\VMs\b.vhdx')
        Test-Path -LiteralPath (Resolve-VMSimPath 'C:\VMs') | Should -BeTrue
    }
}
