# Fixed facts of the simulated host (a Windows Server 2022 Hyper-V host).

$script:HvMB = [long]1048576

$script:HvHostInfo = @{
    # A named simulated host (simulator://NAME) answers with its own name, as each real host does.
    ComputerName           = if ($env:HYPERV_SIM_HOST_NAME) { $env:HYPERV_SIM_HOST_NAME } else { [Environment]::MachineName }
    VirtualMachinePath     = 'C:\ProgramData\Microsoft\Windows\Hyper-V'
    VirtualHardDiskPath    = 'C:\ProgramData\Microsoft\Windows\Virtual Hard Disks'
    LogicalProcessorCount  = 16
    MemoryCapacity         = [long]68719476736
    MacAddressMinimum      = '00155D010600'
    MacAddressMaximum      = '00155D0106FF'
    DefaultVersion         = '10.0'
    SupportedVmVersions    = @('5.0', '6.2', '7.0', '7.1', '8.0', '8.1', '8.2', '8.3', '9.0', '9.1', '9.2', '9.3', '10.0')
    DefaultMemoryMB        = 1024
    # Physical adapters an external switch can bind to.
    PhysicalAdapters       = @(
        @{ Name = 'Ethernet'; InterfaceDescription = 'Simulated Ethernet Adapter'; Guid = '5d4d3a0e-0b7d-4c1e-9a57-0d4a3c2b1a01' },
        @{ Name = 'Ethernet 2'; InterfaceDescription = 'Simulated Ethernet Adapter #2'; Guid = '5d4d3a0e-0b7d-4c1e-9a57-0d4a3c2b1a02' }
    )
}

# Integration services in Get-VMIntegrationService order: name, id, enabled on a new VM.
$script:HvIntegrationServices = @(
    @{ Name = 'Guest Service Interface'; Id = '6C09BB55-D683-4DA0-8931-C9BF705F6480'; Default = $false },
    @{ Name = 'Heartbeat'; Id = '84EAAE65-2F2E-45F5-9BB5-0E857DC8EB47'; Default = $true },
    @{ Name = 'Key-Value Pair Exchange'; Id = '2A34B1C2-FD73-4043-8A5B-DD2159BC743F'; Default = $true },
    @{ Name = 'Shutdown'; Id = '9F8233AC-BE49-4C79-8EE3-E7E1985B2077'; Default = $true },
    @{ Name = 'Time Synchronization'; Id = '2497F4DE-E9FA-4204-80E4-4B75C46419C0'; Default = $true },
    @{ Name = 'VSS'; Id = '5CED1297-4598-4915-A5FC-AD21BB4D02A4'; Default = $true }
)

# Guest profiles: which integration services the guest answers.
$script:HvGuestProfiles = @{
    None       = @()
    LinuxIcsV2 = @()
    Full       = @('Guest Service Interface', 'Heartbeat', 'Key-Value Pair Exchange', 'Shutdown', 'Time Synchronization', 'VSS')
}
