BeforeAll { . (Join-Path $PSScriptRoot 'SimulatorTestHelpers.ps1') }

Describe 'Get/Enable/Disable-VMIntegrationService' {
    BeforeEach { $dir = New-SimStateDirectory; $vm = New-VM -Name 'vm' }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'lists the six services with their default state' {
        $services = Get-VMIntegrationService -VMName 'vm'
        $services.Name | Should -Be @('Guest Service Interface', 'Heartbeat', 'Key-Value Pair Exchange', 'Shutdown', 'Time Synchronization', 'VSS')
        $services.Enabled | Should -Be @($false, $true, $true, $true, $true, $true)
        $services[0] | Should -BeOfType ([Microsoft.HyperV.PowerShell.VMIntegrationComponent])
        $services[1].Id | Should -Be ('Microsoft:{0}\84EAAE65-2F2E-45F5-9BB5-0E857DC8EB47' -f $vm.Id.ToString().ToUpperInvariant())
        $services[1].PrimaryOperationalStatus | Should -BeNullOrEmpty
    }

    It 'filters by wildcard name' {
        (Get-VMIntegrationService -VMName 'vm' -Name 'time*').Name | Should -Be 'Time Synchronization'
    }

    It 'takes Name at position 0 and VMName at position 1' {
        Disable-VMIntegrationService 'Time Synchronization' 'vm'
        (Get-VMIntegrationService -VMName 'vm' -Name 'Time Synchronization').Enabled | Should -BeFalse
        $out = Enable-VMIntegrationService -Name 'Time Synchronization', 'Guest Service Interface' -VMName 'vm' -Passthru
        $out.Enabled | Should -Be @($true, $true)
    }

    It 'accepts service objects from the pipeline' {
        Get-VMIntegrationService -VMName 'vm' -Name 'VSS' | Disable-VMIntegrationService
        (Get-VMIntegrationService -VMName 'vm' -Name 'VSS').Enabled | Should -BeFalse
    }

    It 'writes InvalidParameter when no service matches' {
        $e = Get-SimError { Enable-VMIntegrationService -Name 'Nope' -VMName 'vm' -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.EnableVMIntegrationService'
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $e.Exception.Message | Should -Be 'No integration component with the given name could be found.'
    }

    It 'ignores unmatched names alongside matched ones' {
        $errors = $null
        Disable-VMIntegrationService -Name 'Nope', 'Heartbeat' -VMName 'vm' -ErrorVariable errors
        $errors.Count | Should -Be 0
        (Get-VMIntegrationService -VMName 'vm' -Name 'Heartbeat').Enabled | Should -BeFalse
    }

    It 'shows Ok only for enabled services the running guest answers' {
        Set-VMSimGuest -VMName 'vm' -Profile None -AnsweringService 'Heartbeat', 'VSS'
        Disable-VMIntegrationService -Name 'VSS' -VMName 'vm'
        Start-VM -Name 'vm'
        (Get-VMIntegrationService -VMName 'vm' -Name 'Heartbeat').PrimaryOperationalStatus | Should -Be 'Ok'
        (Get-VMIntegrationService -VMName 'vm' -Name 'Shutdown').PrimaryOperationalStatus | Should -Be 'NoContact'
        (Get-VMIntegrationService -VMName 'vm' -Name 'VSS').PrimaryOperationalStatus | Should -BeNullOrEmpty
    }
}
