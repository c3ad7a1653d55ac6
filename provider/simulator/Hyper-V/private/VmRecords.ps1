# The VM record kept in the state file, and the rules around its devices.

function New-HvNetworkAdapterRecord {
    param([string]$Name, [bool]$IsLegacy, $SwitchId = $null, [string]$StaticMacAddress = '')
    $nic = New-HvTable
    $nic.Id = [Guid]::NewGuid().ToString().ToUpperInvariant()
    $nic.Name = $Name
    $nic.IsLegacy = $IsLegacy
    $nic.SwitchId = $SwitchId
    $nic.DynamicMacAddressEnabled = [string]::IsNullOrEmpty($StaticMacAddress)
    $nic.MacAddress = '000000000000'
    if (-not $nic.DynamicMacAddressEnabled) { $nic.MacAddress = $StaticMacAddress }
    $nic.VmqWeight = 100
    $nic.IovWeight = 0
    $nic.IovQueuePairsRequested = 1
    $nic.MacAddressSpoofing = 'Off'
    $nic.DhcpGuard = 'Off'
    $nic.RouterGuard = 'Off'
    $nic.IeeePriorityTag = 'Off'
    $nic.AllowTeaming = 'Off'
    $nic.DeviceNaming = 'Off'
    $nic.FixSpeed10G = 'Off'
    $nic.PortMirroringMode = 'None'
    $nic.VirtualSubnetId = 0
    $nic.DynamicIPAddressLimit = 0
    $nic.StormLimit = 0
    $nic.MinimumBandwidthWeight = 0
    $nic.MaximumBandwidth = 0
    $nic.MinimumBandwidthAbsolute = 0
    $nic.Vlan = New-HvVlanRecord
    return $nic
}

function New-HvVlanRecord {
    $vlan = New-HvTable
    $vlan.OperationMode = 'Untagged'
    $vlan.AccessVlanId = 0
    $vlan.NativeVlanId = 0
    $vlan.AllowedVlanIdListString = ''
    $vlan.PrivateVlanMode = 'Isolated'
    $vlan.PrimaryVlanId = 0
    $vlan.SecondaryVlanId = 0
    $vlan.SecondaryVlanIdListString = ''
    return $vlan
}

function New-HvDriveRecord([string]$Kind, [string]$ControllerType, [int]$Number, [int]$Location, $Path) {
    $drive = New-HvTable
    $drive.Id = [Guid]::NewGuid().ToString().ToUpperInvariant()
    $drive.Kind = $Kind
    $drive.ControllerType = $ControllerType
    $drive.ControllerNumber = $Number
    $drive.ControllerLocation = $Location
    $drive.Path = $Path
    return $drive
}

# A VM as New-VM creates it, before its default devices are added.
function New-HvVMRecord {
    param([string]$Name, [int]$Generation, [long]$MemoryMB, [string]$Path, [string]$Version, [string]$Id = [Guid]::NewGuid().ToString())
    $vm = New-HvTable
    $vm.Id = $Id
    $vm.Name = $Name
    $vm.State = 'Off'
    $vm.Generation = $Generation
    $vm.Version = $Version
    $vm.Path = $Path
    $vm.ConfigurationLocation = $Path
    $vm.SnapshotFileLocation = $Path
    $vm.SmartPagingFilePath = $Path
    $vm.CreationTime = [DateTime]::UtcNow.ToString('o')
    $vm.StartedAt = $null
    $vm.Notes = ''
    $vm.ProcessorCount = 1
    $processor = New-HvTable
    $processor.Maximum = 100
    $processor.Reserve = 0
    $processor.RelativeWeight = 100
    $processor.CompatibilityForMigrationEnabled = $false
    $processor.CompatibilityForOlderOperatingSystemsEnabled = $false
    $processor.HwThreadCountPerCore = 0
    $processor.ExposeVirtualizationExtensions = $false
    $processor.EnableHostResourceProtection = $false
    $processor.MaximumCountPerNumaNode = 8
    $processor.MaximumCountPerNumaSocket = 1
    $processor.ResourcePoolName = 'Primordial'
    $vm.Processor = $processor
    $memory = New-HvTable
    $memory.StartupMB = $MemoryMB
    $memory.MinimumMB = 512
    $memory.MaximumMB = 1048576
    $memory.Dynamic = $false
    $memory.Buffer = 20
    $memory.Priority = 50
    $memory.MaximumPerNumaNodeMB = 32768
    $memory.ResourcePoolName = 'Primordial'
    $vm.Memory = $memory
    $vm.AutomaticStartAction = 'StartIfRunning'
    $vm.AutomaticStartDelay = 0
    $vm.AutomaticStopAction = 'Save'
    $vm.AutomaticCriticalErrorAction = 'Pause'
    $vm.AutomaticCriticalErrorActionTimeout = 30
    $vm.AutomaticCheckpointsEnabled = $true
    $vm.CheckpointType = 'Production'
    $vm.LockOnDisconnect = 'Off'
    $vm.GuestControlledCacheTypes = $false
    $vm.LowMemoryMappedIoSpace = 134217728
    $vm.HighMemoryMappedIoSpace = 536870912
    $vm.ScsiControllers = 0
    $vm.Drives = [System.Collections.ArrayList]::new()
    $vm.NetworkAdapters = [System.Collections.ArrayList]::new()
    $services = New-HvTable
    foreach ($service in $script:HvIntegrationServices) { $services[$service.Name] = $service.Default }
    $vm.IntegrationServices = $services
    $vm.Bios = $null
    if ($Generation -eq 1) {
        $bios = New-HvTable
        $bios.NumLockEnabled = $false
        $bios.StartupOrder = New-Object System.Collections.ArrayList -ArgumentList (, [object[]]@('CD', 'IDE', 'LegacyNetworkAdapter', 'Floppy'))
        $vm.Bios = $bios
    }
    $vm.Firmware = $null
    if ($Generation -eq 2) { $vm.Firmware = New-HvFirmwareRecord }
    $vm.Guest = $null
    return $vm
}

function Test-HvVMOff($VM) { return $VM.State -eq 'Off' }

# True while the VM runs (or is paused): devices that cannot be hot-plugged are refused then.
function Test-HvVMActive($VM) { return ($VM.State -ne 'Off' -and $VM.State -ne 'Saved') }

# True unless the VM is off: a running, paused or saved VM holds its device state, so VMMS refuses
# changes to devices that cannot be hot-plugged until the VM is off (a saved state would no longer
# match the hardware; Remove-VMSavedState or a start and shutdown clears it).
function Test-HvVMHardwareLocked($VM) { return $VM.State -ne 'Off' }

# The device state a refused change names: "while the virtual machine is running", "... is saved".
function Get-HvStateWords($VM) {
    if ($VM.State -eq 'Saved') { return 'saved' }
    if ($VM.State -eq 'Paused') { return 'paused' }
    return 'running'
}

# VMMS refuses names longer than 100 characters (Msvm_VirtualSystemSettingData.ElementName; Hyper-V
# Manager stops at the same length).
$script:HvMaxVMNameLength = 100
function Assert-HvVMNameLength([string]$Name) {
    if ($Name.Length -gt $script:HvMaxVMNameLength) {
        Stop-HvInvalidParameter ("The virtual machine name is too long: it has {0} characters, and at most {1} are allowed." -f $Name.Length, $script:HvMaxVMNameLength) $Name
    }
}

# Integration services the VM's guest answers (none when no guest profile was ever set).
function Get-HvAnsweringServices($VM) {
    if ($null -eq $VM.Guest) { return @() }
    return @($VM.Guest.AnsweringServices)
}

# True when the service is enabled, the VM runs and its guest answers that service.
function Test-HvServiceResponding($VM, [string]$Name) {
    if ($VM.State -ne 'Running') { return $false }
    if (-not $VM.IntegrationServices[$Name]) { return $false }
    return (@(Get-HvAnsweringServices $VM) -contains $Name)
}

# Controller layout: Generation 1 has IDE 0-1 with 2 locations each; SCSI controllers (0-3) have 64.
function Get-HvControllerCapacity([string]$ControllerType) {
    if ($ControllerType -eq 'IDE') { return 2 }
    return 64
}

function Get-HvControllerNumbers($VM, [string]$ControllerType) {
    if ($ControllerType -eq 'IDE') {
        if ($VM.Generation -eq 2) { return @() }
        return @(0, 1)
    }
    if ([int]$VM.ScsiControllers -eq 0) { return @() }
    return @(0..([int]$VM.ScsiControllers - 1))
}

function Get-HvDriveAt($VM, [string]$ControllerType, [int]$Number, [int]$Location) {
    foreach ($drive in $VM.Drives) {
        if ($drive.ControllerType -eq $ControllerType -and [int]$drive.ControllerNumber -eq $Number -and [int]$drive.ControllerLocation -eq $Location) {
            return $drive
        }
    }
    return $null
}

function Assert-HvGeneration2NoIde($VM) {
    if ($VM.Generation -eq 2) { Stop-HvInvalidParameter 'Generation 2 virtual machines do not support IDE.' }
}

# The real module's FindControllerVacancy: first free (controller, location) among the candidates.
function Find-HvControllerVacancy {
    param($VM, [string]$ControllerType, $ControllerNumber, $ControllerLocation)
    $types = @($ControllerType)
    if ([string]::IsNullOrEmpty($ControllerType)) { $types = @('IDE', 'SCSI') }
    foreach ($type in $types) {
        foreach ($number in (Get-HvControllerNumbers $VM $type)) {
            if ($null -ne $ControllerNumber -and [int]$ControllerNumber -ne $number) { continue }
            $capacity = Get-HvControllerCapacity $type
            if ($null -ne $ControllerLocation) {
                if ([int]$ControllerLocation -ge 0 -and [int]$ControllerLocation -lt $capacity -and
                    $null -eq (Get-HvDriveAt $VM $type $number ([int]$ControllerLocation))) {
                    return @{ ControllerType = $type; ControllerNumber = $number; ControllerLocation = [int]$ControllerLocation }
                }
                continue
            }
            for ($location = 0; $location -lt $capacity; $location++) {
                if ($null -eq (Get-HvDriveAt $VM $type $number $location)) {
                    return @{ ControllerType = $type; ControllerNumber = $number; ControllerLocation = $location }
                }
            }
        }
    }
    Stop-HvObjectNotFound 'The operation could not be completed because no available locations were found on the disk controller.'
}

# Drives in Get-VMHardDiskDrive order: IDE 0, IDE 1, then SCSI 0..n, each by location.
function Get-HvSortedDrives($VM, [string]$Kind) {
    $drives = @($VM.Drives | Where-Object { $_.Kind -eq $Kind })
    if ($drives.Count -lt 2) { return , $drives }
    $keys = New-Object long[] $drives.Count
    for ($i = 0; $i -lt $drives.Count; $i++) {
        $typeRank = 0
        if ($drives[$i].ControllerType -eq 'SCSI') { $typeRank = 1 }
        $keys[$i] = (($typeRank * 1000 + [int]$drives[$i].ControllerNumber) * 1000 + [int]$drives[$i].ControllerLocation) * 1000 + $i
    }
    [Array]::Sort($keys)
    $sorted = New-Object object[] $drives.Count
    for ($i = 0; $i -lt $keys.Length; $i++) { $sorted[$i] = $drives[[int]($keys[$i] % 1000)] }
    return , $sorted
}

# Drive that uses the VHD path in any VM other than the given one (a VHD attaches to one VM).
function Find-HvDriveUsingPath($State, [string]$WindowsPath, $ExceptDrive = $null) {
    $key = Get-HvPathKey $WindowsPath
    foreach ($vm in $State.vms.Values) {
        foreach ($drive in $vm.Drives) {
            if ($drive.Kind -eq 'HardDisk' -and $drive -ne $ExceptDrive -and $drive.Path -and (Get-HvPathKey $drive.Path) -eq $key) {
                return @{ VM = $vm; Drive = $drive }
            }
        }
    }
    return $null
}

# Memory in bytes -> whole MB as Hyper-V stores it (integer division), which must be even.
function ConvertTo-HvMemoryMB([long]$Bytes, $VM, [string]$VMName) {
    $mb = [long][Math]::Floor($Bytes / $script:HvMB)
    if ($mb % 2 -ne 0) {
        $id = ''
        if ($VM) { $id = $VM.Id.ToUpperInvariant() }
        $message = Join-HvMessage ("Failed to modify device 'Memory'.") (
            "Invalid memory value assigned for '{0}'. The memory value assigned ('{1}' MB) is not properly aligned. Try again with a memory value that is properly aligned. (Virtual machine ID {2})" -f $VMName, $mb, $id)
        Stop-HvInvalidParameter $message
    }
    if ($mb -lt 32) {
        Stop-HvInvalidParameter (Join-HvMessage "Failed to modify device 'Memory'." (
                "Invalid memory value assigned for '{0}'. The memory value assigned ('{1}' MB) is below the minimum of 32 MB." -f $VMName, $mb))
    }
    return $mb
}

# Lowest free MAC address of the host's dynamic range.
function Get-HvNextDynamicMac($State) {
    $used = @{}
    foreach ($vm in $State.vms.Values) {
        foreach ($nic in $vm.NetworkAdapters) { $used[[string]$nic.MacAddress] = $true }
    }
    $min = [Convert]::ToInt64((Get-HvHostSetting $State 'MacAddressMinimum'), 16)
    $max = [Convert]::ToInt64((Get-HvHostSetting $State 'MacAddressMaximum'), 16)
    for ($value = $min; $value -le $max; $value++) {
        $mac = $value.ToString('X12')
        if (-not $used.ContainsKey($mac)) { return $mac }
    }
    Stop-HvOperationFailed 'The dynamic MAC address pool of the host is exhausted.'
}

# The real module's MAC rule: six hex pairs, case-insensitive, each of the first five optionally
# followed by one ':' or '-'; normalized to 12 upper-case hex digits.
function ConvertTo-HvMacAddress([string]$Value) {
    if ($Value -notmatch '^([0-9A-Fa-f]{2}[:-]?){5}[0-9A-Fa-f]{2}$') {
        Stop-HvInvalidParameter 'The parameter "StaticMacAddress" is not in the correct format.' $Value
    }
    return ($Value -replace '[:-]', '').ToUpperInvariant()
}
