BeforeAll { . (Join-Path $PSScriptRoot 'SimulatorTestHelpers.ps1') }

Describe 'Guest-intrinsic KVP items (Msvm_KvpExchangeComponent.GuestIntrinsicExchangeItems)' {
    BeforeEach {
        $dir = New-SimStateDirectory
        $vm = New-VM -Name 'bsd'
        $id = ([Guid]$vm.Id).ToString().ToUpperInvariant()
    }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'reports the items of a running guest that answers Key-Value Pair Exchange, as embedded Msvm_KvpExchangeDataItem instances' {
        Set-VMSimGuest -VMName 'bsd' -Profile Full -KvpIntrinsicItem @{ OSName = 'FreeBSD'; OSBuildNumber = '13.1<&>' }
        (Get-VMSimKvpExchangeComponent | Where-Object SystemName -EQ $id).GuestIntrinsicExchangeItems | Should -BeNullOrEmpty
        Start-VM -Name 'bsd'
        $items = @((Get-VMSimKvpExchangeComponent | Where-Object SystemName -EQ $id).GuestIntrinsicExchangeItems)
        $items.Count | Should -Be 2
        $byName = @{}
        foreach ($text in $items) {
            $doc = [xml]$text
            $doc.INSTANCE.CLASSNAME | Should -Be 'Msvm_KvpExchangeDataItem'
            $props = @($doc.INSTANCE.PROPERTY)
            $name = ($props | Where-Object NAME -EQ 'Name').VALUE
            $byName[$name] = ($props | Where-Object NAME -EQ 'Data').VALUE
            ($props | Where-Object NAME -EQ 'Source').VALUE | Should -Be '2'
        }
        $byName['OSName'] | Should -Be 'FreeBSD'
        $byName['OSBuildNumber'] | Should -Be '13.1<&>'
    }

    It 'reports none for a guest without a KVP service, with the service disabled, or once the VM is off' {
        Set-VMSimGuest -VMName 'bsd' -Profile LinuxIcsV2 -KvpIntrinsicItem @{ OSName = 'SLES' }
        Start-VM -Name 'bsd'
        (Get-VMSimKvpExchangeComponent).GuestIntrinsicExchangeItems | Should -BeNullOrEmpty
        Set-VMSimGuest -VMName 'bsd' -Profile Full
        @((Get-VMSimKvpExchangeComponent).GuestIntrinsicExchangeItems).Count | Should -Be 1
        Disable-VMIntegrationService -VMName 'bsd' -Name 'Key-Value Pair Exchange'
        (Get-VMSimKvpExchangeComponent).GuestIntrinsicExchangeItems | Should -BeNullOrEmpty
        Enable-VMIntegrationService -VMName 'bsd' -Name 'Key-Value Pair Exchange'
        Stop-VM -Name 'bsd' -TurnOff
        (Get-VMSimKvpExchangeComponent).GuestIntrinsicExchangeItems | Should -BeNullOrEmpty
    }

    It 'refuses an empty item name as a real parameter error' {
        { Set-VMSimGuest -VMName 'bsd' -KvpIntrinsicItem @{ ' ' = 'x' } -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidParameter,HyperVSimulator.Commands.SetVMSimGuest'
    }
}
