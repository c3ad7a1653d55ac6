BeforeAll { . (Join-Path $PSScriptRoot 'SimulatorTestHelpers.ps1') }

Describe 'Start-VM' {
    BeforeEach { $dir = New-SimStateDirectory; $vm = New-VM -Name 'vm' -MemoryStartupBytes 1GB }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'starts an off VM and assigns its dynamic MAC address from the host pool' {
        (Get-VMNetworkAdapter -VMName 'vm').MacAddress | Should -Be '000000000000'
        Start-VM -Name 'vm' | Should -BeNullOrEmpty
        $v = Get-VM -Id $vm.Id
        $v.State | Should -Be 'Running'
        $v.MemoryAssigned | Should -Be 1GB
        (Get-VMNetworkAdapter -VMName 'vm').MacAddress | Should -Be '00155D010600'
    }

    It 'warns (no error) when the VM already runs' {
        Start-VM -Name 'vm'
        $warnings = $null
        $errors = $null
        Start-VM -Name 'vm' -WarningVariable warnings -WarningAction SilentlyContinue -ErrorVariable errors
        $warnings[0].Message | Should -Be 'The virtual machine is already in the specified state.'
        $errors.Count | Should -Be 0
    }

    It 'returns the VM with -Passthru and takes VM objects from the pipeline' {
        (Get-VM -Name 'vm' | Start-VM -Passthru).State | Should -Be 'Running'
    }

    It 'starts every VM of a wildcard' {
        $null = New-VM -Name 'vm2'
        Start-VM -Name 'vm*'
        (Get-VM).State | Should -Be @('Running', 'Running')
    }

    It 'refuses -AsJob, with the real message when -Passthru is given too' {
        $e = Get-SimError { Start-VM -Name 'vm' -AsJob -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.StartVM'
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $e = Get-SimError { Start-VM -Name 'vm' -AsJob -Passthru -ErrorAction Stop }
        $e.Exception.Message | Should -Be 'The Asjob and Passthru switches cannot be set at the same time.'
        (Get-VM -Id $vm.Id).State | Should -Be 'Off'
    }

    It 'reports an unknown VM as ObjectNotFound' {
        $e = Get-SimError { Start-VM -Name 'ghost' -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'ObjectNotFound,Microsoft.HyperV.PowerShell.Commands.StartVM'
    }
}

Describe 'Stop-VM and guest profiles' {
    BeforeEach { $dir = New-SimStateDirectory; $vm = New-VM -Name 'vm' }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'cannot shut down a VM whose guest profile was never set (no integration service answers)' {
        Start-VM -Name 'vm'
        (Get-VMSimGuest -VMName 'vm').IsSet | Should -BeFalse
        $e = Get-SimError { Stop-VM -Name 'vm' -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'OperationFailed,Microsoft.HyperV.PowerShell.Commands.StopVM'
        $e.CategoryInfo.Category | Should -Be 'InvalidOperation'
        (Get-VM -Id $vm.Id).State | Should -Be 'Running'
    }

    It 'fails without -TurnOff/-Force for a Linux ICs v2 guest, turns it off with either' {
        Set-VMSimGuest -VMName 'vm' -Profile LinuxIcsV2
        Start-VM -Name 'vm'
        (Get-SimError { Stop-VM -Name 'vm' -ErrorAction Stop }).FullyQualifiedErrorId |
            Should -Be 'OperationFailed,Microsoft.HyperV.PowerShell.Commands.StopVM'
        Stop-VM -Name 'vm' -Force
        (Get-VM -Id $vm.Id).State | Should -Be 'Off'
        Start-VM -Name 'vm'
        Stop-VM -Name 'vm' -TurnOff
        (Get-VM -Id $vm.Id).State | Should -Be 'Off'
    }

    It 'reports no answering integration service for a Linux ICs v2 guest' {
        Set-VMSimGuest -VMName 'vm' -Profile LinuxIcsV2
        Start-VM -Name 'vm'
        $services = Get-VMIntegrationService -VMName 'vm'
        foreach ($name in 'Shutdown', 'Time Synchronization', 'VSS', 'Key-Value Pair Exchange', 'Heartbeat') {
            $service = $services | Where-Object Name -EQ $name
            $service.Enabled | Should -BeTrue
            $service.PrimaryOperationalStatus | Should -Be 'NoContact'
        }
        (Get-VM -Id $vm.Id).Heartbeat | Should -Be 'NoContact'
    }

    It 'shuts a guest down gracefully when its Shutdown service answers' {
        Set-VMSimGuest -VMName 'vm' -Profile Full
        Start-VM -Name 'vm'
        (Get-VMIntegrationService -VMName 'vm' -Name 'Shutdown').PrimaryStatusDescription | Should -Be 'OK'
        (Get-VM -Id $vm.Id).Heartbeat | Should -Be 'OkApplicationsUnknown'
        Stop-VM -Name 'vm'
        (Get-VM -Id $vm.Id).State | Should -Be 'Off'
    }

    It 'cannot shut down gracefully when the Shutdown service is disabled' {
        Set-VMSimGuest -VMName 'vm' -Profile Full
        Disable-VMIntegrationService -VMName 'vm' -Name 'Shutdown'
        Start-VM -Name 'vm'
        (Get-SimError { Stop-VM -Name 'vm' -ErrorAction Stop }).CategoryInfo.Category | Should -Be 'InvalidOperation'
    }

    It 'lets a custom list of answering services override the profile' {
        Set-VMSimGuest -VMName 'vm' -Profile None -AnsweringService 'Shutdown'
        Start-VM -Name 'vm'
        Stop-VM -Name 'vm'
        (Get-VM -Id $vm.Id).State | Should -Be 'Off'
        (Get-VMSimGuest -VMName 'vm').AnsweringServices | Should -Be @('Shutdown')
    }

    It 'warns when the VM is already off and writes the VM with -Passthru' {
        $warnings = $null
        $out = Stop-VM -Name 'vm' -TurnOff -Passthru -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings[0].Message | Should -Be 'The virtual machine is already in the specified state.'
        $out.State | Should -Be 'Off'
    }

    It 'refuses -Save with -TurnOff' {
        $e = Get-SimError { Stop-VM -Name 'vm' -Save -TurnOff -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.StopVM'
        $e.Exception.Message | Should -Be 'The Save and TurnOff parameters are mutually exclusive.'
    }

    It 'saves a running VM with -Save' {
        Start-VM -Name 'vm'
        Stop-VM -Name 'vm' -Save
        (Get-VM -Id $vm.Id).State | Should -Be 'Saved'
    }
}

Describe 'Save-VM' {
    BeforeEach { $dir = New-SimStateDirectory; $vm = New-VM -Name 'vm' }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'fails on an off VM with InvalidState/InvalidOperation' {
        $e = Get-SimError { Save-VM -Name 'vm' -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidState,Microsoft.HyperV.PowerShell.Commands.SaveVM'
        $e.CategoryInfo.Category | Should -Be 'InvalidOperation'
        $e.Exception.Message | Should -Be 'The operation cannot be performed while the virtual machine is in its current state.'
        $e.TargetObject | Should -BeOfType 'Microsoft.HyperV.PowerShell.VirtualMachine'
        $e.TargetObject.Id | Should -Be $vm.Id
        $e.TargetObject.State | Should -Be 'Off'
    }

    It 'saves a running VM, warns when already saved, and starts it again' {
        Start-VM -Name 'vm'
        (Save-VM -Name 'vm' -Passthru).State | Should -Be 'Saved'
        $warnings = $null
        Save-VM -Name 'vm' -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings.Count | Should -Be 1
        Start-VM -Name 'vm'
        (Get-VM -Id $vm.Id).State | Should -Be 'Running'
    }
}

Describe 'Suspend-VM / Resume-VM' {
    BeforeEach { $dir = New-SimStateDirectory; $vm = New-VM -Name 'vm' }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'pauses a running VM and resumes it' {
        Start-VM -Name 'vm'
        (Suspend-VM -Name 'vm' -Passthru).State | Should -Be 'Paused'
        (Resume-VM -Name 'vm' -Passthru).State | Should -Be 'Running'
    }

    It 'refuses to pause an off VM or resume a running one' {
        (Get-SimError { Suspend-VM -Name 'vm' -ErrorAction Stop }).FullyQualifiedErrorId |
            Should -Be 'InvalidState,Microsoft.HyperV.PowerShell.Commands.SuspendVM'
        $e = Get-SimError { Resume-VM -Name 'vm' -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidState,Microsoft.HyperV.PowerShell.Commands.ResumeVM'
        $e.CategoryInfo.Category | Should -Be 'InvalidOperation'
        $e.TargetObject.Id | Should -Be $vm.Id
        Start-VM -Name 'vm'
        $warnings = $null
        Resume-VM -Name 'vm' -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings[0].Message | Should -Be 'The virtual machine is already in the specified state.'
    }

    It 'resumes a paused VM on Start-VM with a warning, and saves or turns off a paused VM' {
        Start-VM -Name 'vm'
        Suspend-VM -Name 'vm'
        $warnings = $null
        Start-VM -Name 'vm' -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings[0].Message | Should -BeLike 'The virtual machine "vm" was paused. Use the Resume-VM cmdlet*'
        (Get-VM -Id $vm.Id).State | Should -Be 'Running'
        Suspend-VM -Name 'vm'
        Save-VM -Name 'vm'
        (Get-VM -Id $vm.Id).State | Should -Be 'Saved'
        Start-VM -Name 'vm'
        Suspend-VM -Name 'vm'
        Stop-VM -Name 'vm' -TurnOff
        (Get-VM -Id $vm.Id).State | Should -Be 'Off'
    }
}
