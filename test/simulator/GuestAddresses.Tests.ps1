BeforeAll { . (Join-Path $PSScriptRoot 'SimulatorTestHelpers.ps1') }

Describe 'Guest addresses (VMNetworkAdapter.IPAddresses)' {
    BeforeEach {
        $dir = New-SimStateDirectory
        $null = New-VM -Name 'web'
        Add-VMNetworkAdapter -VMName 'web' -Name 'Backend'
    }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'shows the addresses of a running guest that answers Key-Value Pair Exchange, per adapter' {
        Set-VMSimGuest -VMName 'web' -Profile Full -IPAddress '192.168.1.20', 'FE80::0:1'
        Set-VMSimGuest -VMName 'web' -IPAddress '10.0.0.7' -VMNetworkAdapterName 'Backend'
        (Get-VMNetworkAdapter -VMName 'web' -Name 'Network Adapter').IPAddresses | Should -BeNullOrEmpty
        Start-VM -Name 'web'
        $adapters = Get-VMNetworkAdapter -VMName 'web'
        $adapters[0].IPAddresses | Should -Be @('192.168.1.20', 'fe80::1')
        $adapters[1].IPAddresses | Should -Be @('10.0.0.7')
        (Get-VM -Name 'web').NetworkAdapters[0].IPAddresses | Should -Be @('192.168.1.20', 'fe80::1')
        (Get-VMSimGuest -VMName 'web').IPAddresses | Should -Contain '10.0.0.7'
    }

    It 'shows none for a guest with Linux Integration Components v2 (no Key-Value Pair Exchange)' {
        Set-VMSimGuest -VMName 'web' -Profile LinuxIcsV2 -IPAddress '192.168.1.20'
        Start-VM -Name 'web'
        (Get-VMNetworkAdapter -VMName 'web').IPAddresses | Should -BeNullOrEmpty
    }

    It 'shows none while the service is disabled, the VM is off or saved' {
        Set-VMSimGuest -VMName 'web' -Profile Full -IPAddress '192.168.1.20'
        Start-VM -Name 'web'
        Disable-VMIntegrationService -VMName 'web' -Name 'Key-Value Pair Exchange'
        (Get-VMNetworkAdapter -VMName 'web')[0].IPAddresses | Should -BeNullOrEmpty
        Enable-VMIntegrationService -VMName 'web' -Name 'Key-Value Pair Exchange'
        (Get-VMNetworkAdapter -VMName 'web')[0].IPAddresses | Should -Be '192.168.1.20'
        Save-VM -Name 'web'
        (Get-VMNetworkAdapter -VMName 'web')[0].IPAddresses | Should -BeNullOrEmpty
    }

    It 'reports the addresses only after the configured delay from the start' {
        Set-VMSimGuest -VMName 'web' -Profile Full -IPAddress '192.168.1.20' -IPAddressDelaySeconds 1
        Start-VM -Name 'web'
        (Get-VMNetworkAdapter -VMName 'web')[0].IPAddresses | Should -BeNullOrEmpty
        $deadline = [DateTime]::UtcNow.AddSeconds(10)
        do { Start-Sleep -Milliseconds 200; $seen = (Get-VMNetworkAdapter -VMName 'web')[0].IPAddresses } while (-not $seen -and [DateTime]::UtcNow -lt $deadline)
        $seen | Should -Be '192.168.1.20'
    }

    It 'refuses a value that is not an address, naming the parameter' {
        $e = Get-SimError { Set-VMSimGuest -VMName 'web' -IPAddress '300.1.1.1' -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidParameter,HyperVSimulator.Commands.SetVMSimGuest'
        $e.Exception.Message | Should -BeLike "*'300.1.1.1' of -IPAddress*"
        $e = Get-SimError { Set-VMSimGuest -VMName 'web' -IPAddress '10.0.0.1' -VMNetworkAdapterName 'Nope' -ErrorAction Stop }
        $e.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $e = Get-SimError { Set-VMSimGuest -VMName 'web' -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidParameter,HyperVSimulator.Commands.SetVMSimGuest'
    }

    It 'keeps the profile when only addresses change' {
        Set-VMSimGuest -VMName 'web' -Profile Full
        Set-VMSimGuest -VMName 'web' -IPAddress '192.168.1.20'
        (Get-VMSimGuest -VMName 'web').Profile | Should -Be 'Full'
    }
}
