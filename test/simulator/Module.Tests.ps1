BeforeAll { . (Join-Path $PSScriptRoot 'SimulatorTestHelpers.ps1') }

Describe 'Hyper-V module loading' {
    BeforeEach { $dir = New-SimStateDirectory }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'resolves module-qualified calls through PSModulePath without Import-Module (auto-loading)' {
        $child = Invoke-SimProcess $dir '$vm = Hyper-V\New-VM -Name auto; (Hyper-V\Get-VM -Id $vm.Id).Name; (Get-Module Hyper-V).Version.ToString()'
        $child.WaitForExit()
        $child.ExitCode | Should -Be 0
        ($child.StandardOutput.ReadToEnd() -split "`r?`n" | Where-Object { $_ }) | Should -Be @('auto', '2.0.0.0')
    }

    It 'exports the Hyper-V cmdlets and the simulator cmdlets only' {
        $commands = (Get-Command -Module Hyper-V).Name
        foreach ($name in 'Get-VM', 'New-VM', 'Set-VMNetworkAdapterVlan', 'Resize-VHD', 'Get-VMHost', 'Set-VMSimGuest', 'Add-VMSimFault') {
            $commands | Should -Contain $name
        }
        $commands | Should -Not -Contain 'Enter-HvState'
        $commands | Where-Object { $_ -like '*-Hv*' } | Should -BeNullOrEmpty
    }
}

Describe 'Hyper-V types' {
    BeforeEach { $dir = New-SimStateDirectory }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'defines the enums with their real numeric values' {
        [int][Microsoft.HyperV.PowerShell.VMState]::Running | Should -Be 2
        [int][Microsoft.HyperV.PowerShell.VMState]::Off | Should -Be 3
        [int][Microsoft.HyperV.PowerShell.VMState]::Saved | Should -Be 6
        [int][Microsoft.HyperV.PowerShell.VMState]::Paused | Should -Be 9
        [int][Microsoft.HyperV.PowerShell.StartAction]::StartIfRunning | Should -Be 3
        [int][Microsoft.HyperV.PowerShell.StopAction]::ShutDown | Should -Be 4
        [int][Microsoft.HyperV.PowerShell.ControllerType]::SCSI | Should -Be 1
        [int][Microsoft.HyperV.PowerShell.OnOffState]::Off | Should -Be 1
        [int][Microsoft.HyperV.PowerShell.VMHeartbeatStatus]::OkApplicationsHealthy | Should -Be 6
        [int][Microsoft.HyperV.PowerShell.VMIntegrationComponentOperationalStatus]::NoContact | Should -Be 12
        [int][Microsoft.HyperV.PowerShell.VMSwitchType]::External | Should -Be 2
        [int][Microsoft.HyperV.PowerShell.VMNetworkAdapterVlanMode]::Trunk | Should -Be 2
        [int][Microsoft.Vhd.PowerShell.VhdType]::Dynamic | Should -Be 3
        [int][Microsoft.Vhd.PowerShell.VhdFormat]::VHDX | Should -Be 3
    }

    It 'serializes enums as numbers and ids as GUIDs, as on Windows' {
        $vm = New-VM -Name 'json' -MemoryStartupBytes 1GB
        $json = ConvertTo-Json -InputObject ([pscustomobject]@{ State = $vm.State; Id = $vm.Id.ToString(); Memory = $vm.MemoryStartup }) -Compress
        $json | Should -Be ('{{"State":3,"Id":"{0}","Memory":1073741824}}' -f $vm.Id)
        $vm.State.ToString() | Should -Be 'Off'
        [Microsoft.HyperV.PowerShell.StartAction]'Start' | Should -Be ([Microsoft.HyperV.PowerShell.StartAction]::Start)
    }

    It 'gives sub-objects real VMId and VMName properties' {
        $vm = New-VM -Name 'sub'
        foreach ($object in @((Get-VMProcessor -VMName 'sub'), (Get-VMMemory -VMName 'sub'), (Get-VMNetworkAdapter -VMName 'sub'), (Get-VMDvdDrive -VMName 'sub'), (Get-VMBios -VMName 'sub'))) {
            $object.VMId | Should -BeOfType ([Guid])
            $object.VMId | Should -Be $vm.Id
            $object.VMName | Should -Be 'sub'
        }
    }
}
