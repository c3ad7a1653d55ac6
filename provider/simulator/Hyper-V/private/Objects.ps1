# Output objects built from state records: the real types, property names and units.

function Get-HvSwitchName($State, $SwitchId) {
    if ($null -eq $SwitchId -or '' -eq $SwitchId) { return '' }
    if ($State.switches.ContainsKey([string]$SwitchId)) { return $State.switches[[string]$SwitchId].Name }
    return ''
}

function ConvertTo-HvVlanSetting($VM, $Nic, $Parent) {
    $vlan = $Nic.Vlan
    $allowed = [System.Collections.Generic.List[int]]::new()
    foreach ($id in (Expand-HvVlanList ([string]$vlan.AllowedVlanIdListString))) { $allowed.Add($id) }
    $secondary = [System.Collections.Generic.List[int]]::new()
    foreach ($id in (Expand-HvVlanList ([string]$vlan.SecondaryVlanIdListString))) { $secondary.Add($id) }
    $setting = [Microsoft.HyperV.PowerShell.VMNetworkAdapterVlanSetting]::new()
    $setting.OperationMode = [string]$vlan.OperationMode
    $setting.AccessVlanId = [int]$vlan.AccessVlanId
    $setting.NativeVlanId = [int]$vlan.NativeVlanId
    $setting.AllowedVlanIdList = $allowed
    $setting.AllowedVlanIdListString = [string]$vlan.AllowedVlanIdListString
    $setting.PrivateVlanMode = [string]$vlan.PrivateVlanMode
    $setting.PrimaryVlanId = [int]$vlan.PrimaryVlanId
    $setting.SecondaryVlanId = [int]$vlan.SecondaryVlanId
    $setting.SecondaryVlanIdList = $secondary
    $setting.SecondaryVlanIdListString = [string]$vlan.SecondaryVlanIdListString
    $setting.ParentAdapter = $Parent
    $setting.VMId = [Guid]$VM.Id
    $setting.VMName = $VM.Name
    $setting.AdapterName = $Nic.Name
    return $setting
}

function ConvertTo-HvNetworkAdapter($State, $VM, $Nic) {
    $adapter = [Microsoft.HyperV.PowerShell.VMNetworkAdapter]::new()
    $adapter.ComputerName = $script:HvHostInfo.ComputerName
    $adapter.Name = $Nic.Name
    $adapter.Id = 'Microsoft:' + $VM.Id.ToUpperInvariant() + '\' + $Nic.Id
    $adapter.AdapterId = $Nic.Id
    $adapter.VMId = [Guid]$VM.Id
    $adapter.VMName = $VM.Name
    $adapter.IsLegacy = [bool]$Nic.IsLegacy
    $adapter.IsSynthetic = -not [bool]$Nic.IsLegacy
    $adapter.SwitchName = Get-HvSwitchName $State $Nic.SwitchId
    if ($adapter.SwitchName) { $adapter.SwitchId = [Guid]$Nic.SwitchId }
    $adapter.Connected = [bool]$adapter.SwitchName
    $adapter.MacAddress = $Nic.MacAddress
    $adapter.DynamicMacAddressEnabled = [bool]$Nic.DynamicMacAddressEnabled
    $adapter.MacAddressSpoofing = [string]$Nic.MacAddressSpoofing
    $adapter.DhcpGuard = [string]$Nic.DhcpGuard
    $adapter.RouterGuard = [string]$Nic.RouterGuard
    $adapter.IeeePriorityTag = [string]$Nic.IeeePriorityTag
    $adapter.AllowTeaming = [string]$Nic.AllowTeaming
    $adapter.DeviceNaming = [string]$Nic.DeviceNaming
    $adapter.FixSpeed10G = [string]$Nic.FixSpeed10G
    $adapter.PortMirroringMode = [string]$Nic.PortMirroringMode
    $adapter.VMQWeight = [uint32]$Nic.VmqWeight
    $adapter.IovWeight = [uint32]$Nic.IovWeight
    $adapter.IovQueuePairsRequested = [uint32]$Nic.IovQueuePairsRequested
    $adapter.VirtualSubnetId = [uint32]$Nic.VirtualSubnetId
    $adapter.DynamicIPAddressLimit = [uint32]$Nic.DynamicIPAddressLimit
    $adapter.StormLimit = [uint32]$Nic.StormLimit
    $adapter.IPAddresses = [string[]]@(Get-HvReportedAddresses $VM $Nic)
    Set-HvAdapterSettingsOutput $adapter $Nic
    if ($VM.State -eq 'Running') {
        $adapter.Status = [Microsoft.HyperV.PowerShell.VMNetworkAdapterOperationalStatus[]]@('Ok')
        $adapter.StatusDescription = [string[]]@('OK')
    } else {
        $adapter.Status = [Microsoft.HyperV.PowerShell.VMNetworkAdapterOperationalStatus[]]@()
        $adapter.StatusDescription = [string[]]@()
    }
    $adapter.VlanSetting = ConvertTo-HvVlanSetting $VM $Nic $adapter
    return $adapter
}

function ConvertTo-HvDrive($VM, $Drive) {
    if ($Drive.Kind -eq 'HardDisk') {
        $object = [Microsoft.HyperV.PowerShell.HardDiskDrive]::new()
        $object.Name = 'Hard Drive on {0} controller number {1} at location {2}' -f $Drive.ControllerType, $Drive.ControllerNumber, $Drive.ControllerLocation
    } else {
        $object = [Microsoft.HyperV.PowerShell.DvdDrive]::new()
        $object.Name = 'DVD Drive on {0} controller number {1} at location {2}' -f $Drive.ControllerType, $Drive.ControllerNumber, $Drive.ControllerLocation
        if ($Drive.Path) { $object.DvdMediaType = 'ISO' } else { $object.DvdMediaType = 'None' }
    }
    $object.ComputerName = $script:HvHostInfo.ComputerName
    $object.Id = 'Microsoft:' + $VM.Id.ToUpperInvariant() + '\' + $Drive.Id
    $object.VMId = [Guid]$VM.Id
    $object.VMName = $VM.Name
    $object.Path = $Drive.Path
    $object.ControllerType = [string]$Drive.ControllerType
    $object.ControllerNumber = [int]$Drive.ControllerNumber
    $object.ControllerLocation = [int]$Drive.ControllerLocation
    $object.PoolName = 'Primordial'
    if ($Drive.Kind -eq 'HardDisk') { Set-HvHardDiskOutput $object $Drive }
    return $object
}

function ConvertTo-HvIntegrationComponent($VM, $Service) {
    $component = [Microsoft.HyperV.PowerShell.VMIntegrationComponent]::new()
    $component.ComputerName = $script:HvHostInfo.ComputerName
    $component.Name = $Service.Name
    $component.Id = 'Microsoft:' + $VM.Id.ToUpperInvariant() + '\' + $Service.Id
    $component.VMId = [Guid]$VM.Id
    $component.VMName = $VM.Name
    $component.Enabled = [bool]$VM.IntegrationServices[$Service.Name]
    if ($VM.State -eq 'Running' -and $component.Enabled) {
        if (Test-HvServiceResponding $VM $Service.Name) {
            $component.PrimaryOperationalStatus = 'Ok'
            $component.PrimaryStatusDescription = 'OK'
        } else {
            $component.PrimaryOperationalStatus = 'NoContact'
            $component.PrimaryStatusDescription = 'No Contact'
        }
        $component.OperationalStatus = [Microsoft.HyperV.PowerShell.VMIntegrationComponentOperationalStatus[]]@($component.PrimaryOperationalStatus)
        $component.StatusDescription = [string[]]@($component.PrimaryStatusDescription)
    } else {
        $component.OperationalStatus = [Microsoft.HyperV.PowerShell.VMIntegrationComponentOperationalStatus[]]@()
        $component.StatusDescription = [string[]]@()
    }
    return $component
}

function ConvertTo-HvProcessor($VM) {
    $p = $VM.Processor
    $processor = [Microsoft.HyperV.PowerShell.VMProcessor]::new()
    $processor.ComputerName = $script:HvHostInfo.ComputerName
    $processor.Name = 'Processor'
    $processor.Id = 'Microsoft:' + $VM.Id.ToUpperInvariant() + '\b637f346-6a0e-4dec-af52-bd70cb80a21d\0'
    $processor.VMId = [Guid]$VM.Id
    $processor.VMName = $VM.Name
    $processor.Count = [long]$VM.ProcessorCount
    $processor.Maximum = [long]$p.Maximum
    $processor.Reserve = [long]$p.Reserve
    $processor.RelativeWeight = [int]$p.RelativeWeight
    $processor.CompatibilityForMigrationEnabled = [bool]$p.CompatibilityForMigrationEnabled
    $processor.CompatibilityForOlderOperatingSystemsEnabled = [bool]$p.CompatibilityForOlderOperatingSystemsEnabled
    $processor.HwThreadCountPerCore = [long]$p.HwThreadCountPerCore
    $processor.ExposeVirtualizationExtensions = [bool]$p.ExposeVirtualizationExtensions
    $processor.EnableHostResourceProtection = [bool]$p.EnableHostResourceProtection
    $processor.MaximumCountPerNumaNode = [long]$p.MaximumCountPerNumaNode
    $processor.MaximumCountPerNumaSocket = [long]$p.MaximumCountPerNumaSocket
    $processor.ResourcePoolName = [string]$p.ResourcePoolName
    $processor.OperationalStatus = [Microsoft.HyperV.PowerShell.VMOperationalStatus[]]@('Ok')
    $processor.StatusDescription = [string[]]@('OK')
    return $processor
}

function ConvertTo-HvMemory($VM) {
    $m = $VM.Memory
    $memory = [Microsoft.HyperV.PowerShell.VMMemory]::new()
    $memory.ComputerName = $script:HvHostInfo.ComputerName
    $memory.Name = 'Memory'
    $memory.Id = 'Microsoft:' + $VM.Id.ToUpperInvariant() + '\4764334d-e001-4176-82ee-5594ec9b530e'
    $memory.VMId = [Guid]$VM.Id
    $memory.VMName = $VM.Name
    $memory.Startup = [long]$m.StartupMB * $script:HvMB
    $memory.Minimum = [long]$m.MinimumMB * $script:HvMB
    $memory.Maximum = [long]$m.MaximumMB * $script:HvMB
    $memory.MaximumPerNumaNode = [long]$m.MaximumPerNumaNodeMB * $script:HvMB
    $memory.DynamicMemoryEnabled = [bool]$m.Dynamic
    $memory.Buffer = [int]$m.Buffer
    $memory.Priority = [int]$m.Priority
    $memory.ResourcePoolName = [string]$m.ResourcePoolName
    return $memory
}

function ConvertTo-HvBios($VM) {
    $bios = [Microsoft.HyperV.PowerShell.VMBios]::new()
    $bios.ComputerName = $script:HvHostInfo.ComputerName
    $bios.NumLockEnabled = [bool]$VM.Bios.NumLockEnabled
    $bios.StartupOrder = [Microsoft.HyperV.PowerShell.BootDevice[]]@($VM.Bios.StartupOrder)
    $bios.VMId = [Guid]$VM.Id
    $bios.VMName = $VM.Name
    return $bios
}

function Get-HvHeartbeat($VM) {
    if ($VM.State -ne 'Running') { return $null }
    if (-not $VM.IntegrationServices['Heartbeat']) { return [Microsoft.HyperV.PowerShell.VMHeartbeatStatus]::Disabled }
    if (Test-HvServiceResponding $VM 'Heartbeat') { return [Microsoft.HyperV.PowerShell.VMHeartbeatStatus]::OkApplicationsUnknown }
    return [Microsoft.HyperV.PowerShell.VMHeartbeatStatus]::NoContact
}

function ConvertTo-HvVirtualMachine($State, $VM, [switch]$Deleted) {
    $m = $VM.Memory
    $object = [Microsoft.HyperV.PowerShell.VirtualMachine]::new()
    $object.ComputerName = $script:HvHostInfo.ComputerName
    $object.IsDeleted = [bool]$Deleted
    $object.Name = $VM.Name
    $object.Id = [Guid]$VM.Id
    $object.State = [string]$VM.State
    $object.Generation = [int]$VM.Generation
    $object.Version = [string]$VM.Version
    $object.Path = $VM.Path
    $object.ConfigurationLocation = $VM.ConfigurationLocation
    $object.SnapshotFileLocation = $VM.SnapshotFileLocation
    $object.SmartPagingFilePath = $VM.SmartPagingFilePath
    $object.ProcessorCount = [long]$VM.ProcessorCount
    $object.MemoryStartup = [long]$m.StartupMB * $script:HvMB
    $object.MemoryMinimum = [long]$m.MinimumMB * $script:HvMB
    $object.MemoryMaximum = [long]$m.MaximumMB * $script:HvMB
    $object.DynamicMemoryEnabled = [bool]$m.Dynamic
    $object.MemoryStatus = ''
    $object.Uptime = [TimeSpan]::Zero
    $object.Heartbeat = Get-HvHeartbeat $VM
    $object.IntegrationServicesState = ''
    if ($VM.State -eq 'Running' -or $VM.State -eq 'Paused') {
        $object.MemoryAssigned = $object.MemoryStartup
        $object.MemoryDemand = 0
        if ($VM.StartedAt) {
            $started = [DateTime]::Parse([string]$VM.StartedAt, [Globalization.CultureInfo]::InvariantCulture, [Globalization.DateTimeStyles]::RoundtripKind)
            $object.Uptime = [TimeSpan]::FromSeconds([Math]::Floor(([DateTime]::UtcNow - $started.ToUniversalTime()).TotalSeconds))
        }
        if (Test-HvServiceResponding $VM 'Heartbeat') { $object.IntegrationServicesState = 'Up to date' }
    }
    $object.Status = 'Operating normally'
    $object.PrimaryStatusDescription = 'OK'
    $object.StatusDescriptions = [string[]]@('Operating normally')
    $object.OperationalStatus = [Microsoft.HyperV.PowerShell.VMOperationalStatus[]]@('Ok')
    $object.PrimaryOperationalStatus = 'Ok'
    $object.AutomaticStartAction = [string]$VM.AutomaticStartAction
    $object.AutomaticStartDelay = [int]$VM.AutomaticStartDelay
    $object.AutomaticStopAction = [string]$VM.AutomaticStopAction
    $object.AutomaticCriticalErrorAction = [string]$VM.AutomaticCriticalErrorAction
    $object.AutomaticCriticalErrorActionTimeout = [int]$VM.AutomaticCriticalErrorActionTimeout
    $object.AutomaticCheckpointsEnabled = [bool]$VM.AutomaticCheckpointsEnabled
    $object.CheckpointType = [string]$VM.CheckpointType
    $object.Notes = [string]$VM.Notes
    $object.GuestControlledCacheTypes = [bool]$VM.GuestControlledCacheTypes
    $object.LowMemoryMappedIoSpace = [uint32]$VM.LowMemoryMappedIoSpace
    $object.HighMemoryMappedIoSpace = [uint64]$VM.HighMemoryMappedIoSpace
    $object.LockOnDisconnect = [string]$VM.LockOnDisconnect
    if ($VM.ParentSnapshotId) {
        $object.ParentSnapshotId = [Guid]$VM.ParentSnapshotId
        $object.ParentSnapshotName = Get-HvSnapshotName $VM $VM.ParentSnapshotId
    }
    $object.NumaNodesCount = 1
    $object.NumaSocketCount = 1
    $object.CreationTime = [DateTime]::Parse([string]$VM.CreationTime, [Globalization.CultureInfo]::InvariantCulture, [Globalization.DateTimeStyles]::RoundtripKind).ToLocalTime()
    $object.VirtualMachineType = 'RealizedVirtualMachine'
    if ($VM.Planned) { $object.VirtualMachineType = 'PlannedVirtualMachine' }
    $object.EnhancedSessionTransportType = [string]$(if ($VM.EnhancedSessionTransportType) { $VM.EnhancedSessionTransportType } else { 'VMBus' })
    $object.VirtualMachineSubType = 'Generation' + $VM.Generation
    $adapters = [System.Collections.Generic.List[Microsoft.HyperV.PowerShell.VMNetworkAdapter]]::new()
    foreach ($nic in $VM.NetworkAdapters) { $adapters.Add((ConvertTo-HvNetworkAdapter $State $VM $nic)) }
    $object.NetworkAdapters = $adapters
    $object.HardDrives = [Microsoft.HyperV.PowerShell.HardDiskDrive[]]@(foreach ($d in (Get-HvSortedDrives $VM 'HardDisk')) { ConvertTo-HvDrive $VM $d })
    $object.DVDDrives = [Microsoft.HyperV.PowerShell.DvdDrive[]]@(foreach ($d in (Get-HvSortedDrives $VM 'DvdDrive')) { ConvertTo-HvDrive $VM $d })
    $components = [System.Collections.Generic.List[Microsoft.HyperV.PowerShell.VMIntegrationComponent]]::new()
    foreach ($service in $script:HvIntegrationServices) { $components.Add((ConvertTo-HvIntegrationComponent $VM $service)) }
    $object.VMIntegrationService = $components
    return $object
}

function ConvertTo-HvSwitch($Switch) {
    $object = [Microsoft.HyperV.PowerShell.VMSwitch]::new()
    $object.ComputerName = $script:HvHostInfo.ComputerName
    $object.Name = $Switch.Name
    $object.Id = [Guid]$Switch.Id
    $object.Notes = [string]$Switch.Notes
    $object.SwitchType = [string]$Switch.SwitchType
    $object.AllowManagementOS = [bool]$Switch.AllowManagementOS
    $object.NetAdapterInterfaceDescription = [string]$Switch.NetAdapterInterfaceDescription
    $descriptions = @()
    $guids = @()
    if ($Switch.NetAdapterInterfaceDescription) {
        $descriptions = @([string]$Switch.NetAdapterInterfaceDescription)
        $guids = @([Guid]$Switch.NetAdapterInterfaceGuid)
    }
    $object.NetAdapterInterfaceDescriptions = [string[]]$descriptions
    $object.NetAdapterInterfaceGuid = [Guid[]]$guids
    $object.BandwidthReservationMode = [string]$Switch.BandwidthReservationMode
    $object.IovEnabled = [bool]$Switch.IovEnabled
    $object.IovSupport = $false
    $object.IovSupportReasons = [string[]]@()
    $object.PacketDirectEnabled = [bool]$Switch.PacketDirectEnabled
    $object.EmbeddedTeamingEnabled = [bool]$Switch.EmbeddedTeamingEnabled
    Set-HvSwitchOffloadOutput $object $Switch
    return $object
}
