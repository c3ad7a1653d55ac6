# VM helpers shared by vm-create, vm-read and vm-update (dot-sourced; not an operation itself).
# Devices are found by identity (adapter name, controller slot), integration services by GUID (their
# names are localized), and every object is passed to cmdlets as an object, never by a name that
# could be read as a wildcard.

$script:HvServiceIds = [ordered]@{
    timeSynchronization   = '2497F4DE-E9FA-4204-80E4-4B75C46419C0'
    shutdown              = '9F8233AC-BE49-4C79-8EE3-E7E1985B2077'
    heartbeat             = '84EAAE65-2F2E-45F5-9BB5-0E857DC8EB47'
    keyValuePairExchange  = '2A34B1C2-FD73-4043-8A5B-DD2159BC743F'
    vss                   = '5CED1297-4598-4915-A5FC-AD21BB4D02A4'
    guestServiceInterface = '6C09BB55-D683-4DA0-8931-C9BF705F6480'
}

function Get-HvServiceKey($Component) {
    $id = ([string]$Component.Id).ToUpperInvariant()
    foreach ($key in $script:HvServiceIds.Keys) {
        if ($id.EndsWith('\' + $script:HvServiceIds[$key])) { return $key }
    }
    return $null
}

function Get-HvAdapterByName($VM, [string]$Name) {
    return @(Hyper-V\Get-VMNetworkAdapter -VM $VM -ErrorAction Stop | Where-Object { $_.Name -ceq $Name })
}

# The boot order's device kind of a device: HardDisk, DvdDrive, NetworkAdapter (null for a file entry).
function Get-HvBootKind($Device) {
    if ($null -eq $Device) { return $null }
    switch ($Device.GetType().Name) {
        'HardDiskDrive' { return 'HardDisk' }
        'DvdDrive' { return 'DvdDrive' }
        'VMNetworkAdapter' { return 'NetworkAdapter' }
    }
    return $null
}

# A device's identity within its VM: kind and controller slot, or kind and adapter name.
function Get-HvDeviceKey($Device) {
    $kind = Get-HvBootKind $Device
    if ($kind -eq 'NetworkAdapter') { return 'NetworkAdapter ' + [string]$Device.Name }
    if ($kind) { return '{0} {1} {2}:{3}' -f $kind, [string]$Device.ControllerType, [int]$Device.ControllerNumber, [int]$Device.ControllerLocation }
    return $null
}

# The device a boot order entry of kind $Kind stands for: the declared first disk, DVD drive or adapter.
function Get-HvBootDevice($VM, [string]$Kind, $Devices) {
    $device = $null
    if ($Kind -eq 'HardDisk' -and $Devices -and $Devices['hardDisk']) {
        $slot = $Devices['hardDisk']
        $device = @(Hyper-V\Get-VMHardDiskDrive -VM $VM -ControllerType ([string]$slot['controllerType']) -ControllerNumber ([int]$slot['controllerNumber']) `
                -ControllerLocation ([int]$slot['controllerLocation']) -ErrorAction Stop)[0]
    } elseif ($Kind -eq 'DvdDrive' -and $Devices -and $Devices['dvdDrive']) {
        $slot = $Devices['dvdDrive']
        $device = @(Hyper-V\Get-VMDvdDrive -VM $VM -ControllerNumber ([int]$slot['controllerNumber']) -ControllerLocation ([int]$slot['controllerLocation']) -ErrorAction Stop)[0]
    } elseif ($Kind -eq 'NetworkAdapter' -and $Devices -and $Devices['networkAdapter']) {
        $device = @(Get-HvAdapterByName $VM ([string]$Devices['networkAdapter']))[0]
    }
    if ($null -eq $device) {
        throw (New-HvErrorRecord -Message ("The VM has no {0} to boot from." -f $Kind) -ErrorId 'BootDeviceNotFound' -Category ObjectNotFound -TargetObject $Kind)
    }
    return $device
}

# Generation 2: secure boot, its template and the boot order as device kinds; null on generation 1.
function Get-HvFirmwareDescription($VM) {
    if ([int]$VM.Generation -ne 2) { return $null }
    $firmware = Hyper-V\Get-VMFirmware -VM $VM -ErrorAction Stop
    $kinds = New-Object System.Collections.Generic.List[string]
    foreach ($entry in @($firmware.BootOrder)) {
        $kind = Get-HvBootKind $entry.Device
        if ($kind) { $kinds.Add($kind) }
    }
    return [ordered]@{
        secureBoot         = ([string]$firmware.SecureBoot -eq 'On')
        secureBootTemplate = [string]$firmware.SecureBootTemplate
        bootOrder          = [string[]]$kinds.ToArray()
    }
}

# Sets secure boot, its template and the boot order: the declared devices first, then the rest of
# the current order, so no boot entry drops out.
function Set-HvFirmware($VM, $Step) {
    $arguments = @{}
    if ($Step.Contains('secureBoot')) {
        $arguments.EnableSecureBoot = if ($Step['secureBoot']) { [Microsoft.HyperV.PowerShell.OnOffState]::On } else { [Microsoft.HyperV.PowerShell.OnOffState]::Off }
    }
    if ($Step.Contains('secureBootTemplate')) { $arguments.SecureBootTemplate = [string]$Step['secureBootTemplate'] }
    if ($Step.Contains('bootOrder')) {
        $first = @(foreach ($kind in @($Step['bootOrder'])) { Get-HvBootDevice $VM ([string]$kind) $Step['bootDevices'] })
        $firstKeys = @($first | ForEach-Object { Get-HvDeviceKey $_ })
        $order = New-Object System.Collections.Generic.List[object]
        foreach ($device in $first) { $order.Add($device) }
        foreach ($entry in @((Hyper-V\Get-VMFirmware -VM $VM -ErrorAction Stop).BootOrder)) {
            $key = Get-HvDeviceKey $entry.Device
            if ($null -eq $key -or $firstKeys -notcontains $key) { $order.Add($entry) }
        }
        $arguments.BootOrder = $order.ToArray()
    }
    if ($arguments.Count -gt 0) { Hyper-V\Set-VMFirmware -VM $VM @arguments -ErrorAction Stop }
}

# What Hyper-V reports about a VM, in the provider's input vocabulary.
function Get-HvVmDescription($VM) {
    $VM = Get-HvVmById $VM.Id
    $memory = Hyper-V\Get-VMMemory -VM $VM -ErrorAction Stop
    $dynamicMemory = $null
    if ($memory.DynamicMemoryEnabled) {
        $dynamicMemory = [ordered]@{ minimumMB = [long]($memory.Minimum / 1MB); maximumMB = [long]($memory.Maximum / 1MB) }
    }
    $adapters = New-Object System.Collections.Generic.List[object]
    foreach ($nic in @(Hyper-V\Get-VMNetworkAdapter -VM $VM -ErrorAction Stop)) {
        $vlan = Hyper-V\Get-VMNetworkAdapterVlan -VMNetworkAdapter $nic -ErrorAction Stop
        $vlanId = $null
        if ([string]$vlan.OperationMode -eq 'Access') { $vlanId = [int]$vlan.AccessVlanId }
        $switchName = $null
        if ($nic.SwitchName) { $switchName = [string]$nic.SwitchName }
        $adapters.Add([ordered]@{
                name              = [string]$nic.Name
                switchName        = $switchName
                legacy            = [bool]$nic.IsLegacy
                macAddress        = [string]$nic.MacAddress
                dynamicMacAddress = [bool]$nic.DynamicMacAddressEnabled
                vlanId            = $vlanId
                vmqWeight         = [int]$nic.VmqWeight
            })
    }
    $disks = New-Object System.Collections.Generic.List[object]
    foreach ($disk in @(Hyper-V\Get-VMHardDiskDrive -VM $VM -ErrorAction Stop)) {
        $disks.Add([ordered]@{
                path               = [string]$disk.Path
                controllerType     = [string]$disk.ControllerType
                controllerNumber   = [int]$disk.ControllerNumber
                controllerLocation = [int]$disk.ControllerLocation
            })
    }
    $dvds = New-Object System.Collections.Generic.List[object]
    foreach ($dvd in @(Hyper-V\Get-VMDvdDrive -VM $VM -ErrorAction Stop)) {
        $path = $null
        if ($dvd.Path) { $path = [string]$dvd.Path }
        $dvds.Add([ordered]@{ path = $path; controllerNumber = [int]$dvd.ControllerNumber; controllerLocation = [int]$dvd.ControllerLocation })
    }
    $services = [ordered]@{}
    foreach ($component in @(Hyper-V\Get-VMIntegrationService -VM $VM -ErrorAction Stop)) {
        $key = Get-HvServiceKey $component
        if ($key) { $services[$key] = [bool]$component.Enabled }
    }
    return [pscustomobject][ordered]@{
        vmId                 = $VM.Id.ToString()
        vmName               = [string]$VM.Name
        generation           = [int]$VM.Generation
        state                = $VM.State.ToString()
        processorCount       = [int]$VM.ProcessorCount
        memoryStartupMB      = [long]($memory.Startup / 1MB)
        dynamicMemory        = $dynamicMemory
        networkAdapters      = $adapters.ToArray()
        hardDisks            = $disks.ToArray()
        dvdDrives            = $dvds.ToArray()
        integrationServices  = $services
        automaticStartAction = $VM.AutomaticStartAction.ToString()
        automaticStopAction  = $VM.AutomaticStopAction.ToString()
        notes                = [string]$VM.Notes
        scsiControllerCount  = @(Hyper-V\Get-VMScsiController -VM $VM -ErrorAction Stop).Count
        firmware             = Get-HvFirmwareDescription $VM
    }
}

function Set-HvAdapterSettings($VM, $Nic, $Adapter) {
    if ($Adapter.Contains('switchName')) {
        if ($Adapter['switchName']) {
            $switch = Get-HvSwitchByName ([string]$Adapter['switchName'])
            Hyper-V\Connect-VMNetworkAdapter -VMNetworkAdapter $Nic -VMSwitch $switch -ErrorAction Stop
        } elseif ($Nic.SwitchName) {
            Hyper-V\Disconnect-VMNetworkAdapter -VMNetworkAdapter $Nic -ErrorAction Stop
        }
    }
    if ($Adapter.Contains('macAddress')) {
        if ($Adapter['macAddress']) {
            Hyper-V\Set-VMNetworkAdapter -VMNetworkAdapter $Nic -StaticMacAddress ([string]$Adapter['macAddress']) -ErrorAction Stop
        } elseif (-not $Nic.DynamicMacAddressEnabled) {
            Hyper-V\Set-VMNetworkAdapter -VMNetworkAdapter $Nic -DynamicMacAddress -ErrorAction Stop
        }
    }
    if ($Adapter.Contains('vlanId')) {
        if ($null -ne $Adapter['vlanId']) {
            Hyper-V\Set-VMNetworkAdapterVlan -VMNetworkAdapter $Nic -Access -VlanId ([int]$Adapter['vlanId']) -ErrorAction Stop
        } else {
            Hyper-V\Set-VMNetworkAdapterVlan -VMNetworkAdapter $Nic -Untagged -ErrorAction Stop
        }
    }
    if ($Adapter.Contains('vmqWeight') -and -not $Nic.IsLegacy) {
        Hyper-V\Set-VMNetworkAdapter -VMNetworkAdapter $Nic -VmqWeight ([uint32]$Adapter['vmqWeight']) -ErrorAction Stop
    }
}

# Applies one planned step (see provider/plan/vm-steps.ts for their meaning and order).
function Invoke-HvVmStep($VM, $Step) {
    switch ([string]$Step['op']) {
        'rename' { Hyper-V\Rename-VM -VM $VM -NewName ([string]$Step['vmName']) -ErrorAction Stop }
        'settings' {
            $arguments = @{}
            if ($Step.Contains('automaticStartAction')) { $arguments.AutomaticStartAction = [string]$Step['automaticStartAction'] }
            if ($Step.Contains('automaticStopAction')) { $arguments.AutomaticStopAction = [string]$Step['automaticStopAction'] }
            if ($Step.Contains('notes')) { $arguments.Notes = [string]$Step['notes'] }
            Hyper-V\Set-VM -VM $VM @arguments -ErrorAction Stop
        }
        'processor' { Hyper-V\Set-VMProcessor -VM $VM -Count ([long]$Step['count']) -ErrorAction Stop }
        'memory' {
            $arguments = @{ DynamicMemoryEnabled = [bool]$Step['dynamic']; StartupBytes = [long]$Step['startupMB'] * 1MB }
            if ($Step['dynamic']) {
                $arguments.MinimumBytes = [long]$Step['minimumMB'] * 1MB
                $arguments.MaximumBytes = [long]$Step['maximumMB'] * 1MB
            }
            Hyper-V\Set-VMMemory -VM $VM @arguments -ErrorAction Stop
        }
        'scsiControllers' {
            $count = @(Hyper-V\Get-VMScsiController -VM $VM -ErrorAction Stop).Count
            for (; $count -lt [int]$Step['count']; $count++) { Hyper-V\Add-VMScsiController -VM $VM -ErrorAction Stop }
        }
        'integrationService' {
            $components = @(Hyper-V\Get-VMIntegrationService -VM $VM -ErrorAction Stop | Where-Object { (Get-HvServiceKey $_) -eq [string]$Step['service'] })
            if ($components.Count -eq 0) {
                throw (New-HvErrorRecord -Message ("This host offers no integration service '{0}'." -f $Step['service']) `
                        -ErrorId 'IntegrationServiceNotFound' -Category NotImplemented -TargetObject ([string]$Step['service']))
            }
            if ($Step['enabled']) { Hyper-V\Enable-VMIntegrationService -VMIntegrationService $components[0] -ErrorAction Stop }
            else { Hyper-V\Disable-VMIntegrationService -VMIntegrationService $components[0] -ErrorAction Stop }
        }
        'removeAdapter' {
            foreach ($nic in (Get-HvAdapterByName $VM ([string]$Step['name']))) {
                Hyper-V\Remove-VMNetworkAdapter -VMNetworkAdapter $nic -ErrorAction Stop
            }
        }
        'addAdapter' {
            $adapter = $Step['adapter']
            $nic = Hyper-V\Add-VMNetworkAdapter -VM $VM -Name ([string]$adapter['name']) -IsLegacy ([bool]$adapter['legacy']) -Passthru -ErrorAction Stop
            Set-HvAdapterSettings $VM $nic $adapter
        }
        'configureAdapter' {
            $adapter = $Step['adapter']
            foreach ($nic in (Get-HvAdapterByName $VM ([string]$adapter['name']))) { Set-HvAdapterSettings $VM $nic $adapter }
        }
        'removeHardDisk' {
            Hyper-V\Get-VMHardDiskDrive -VM $VM -ControllerType ([string]$Step['controllerType']) `
                -ControllerNumber ([int]$Step['controllerNumber']) -ControllerLocation ([int]$Step['controllerLocation']) -ErrorAction Stop |
                Hyper-V\Remove-VMHardDiskDrive -ErrorAction Stop
        }
        'addHardDisk' {
            $disk = $Step['disk']
            Hyper-V\Add-VMHardDiskDrive -VM $VM -ControllerType ([string]$disk['controllerType']) -ControllerNumber ([int]$disk['controllerNumber']) `
                -ControllerLocation ([int]$disk['controllerLocation']) -Path ([string]$disk['path']) -ErrorAction Stop
        }
        'removeDvdDrive' {
            Hyper-V\Get-VMDvdDrive -VM $VM -ControllerNumber ([int]$Step['controllerNumber']) -ControllerLocation ([int]$Step['controllerLocation']) -ErrorAction Stop |
                Hyper-V\Remove-VMDvdDrive -ErrorAction Stop
        }
        'addDvdDrive' {
            $drive = $Step['drive']
            $arguments = @{ ControllerNumber = [int]$drive['controllerNumber']; ControllerLocation = [int]$drive['controllerLocation'] }
            if ($drive['path']) { $arguments.Path = [string]$drive['path'] }
            Hyper-V\Add-VMDvdDrive -VM $VM @arguments -ErrorAction Stop
        }
        'setDvdDrive' {
            $drive = $Step['drive']
            $path = $null
            if ($drive['path']) { $path = [string]$drive['path'] }
            Hyper-V\Get-VMDvdDrive -VM $VM -ControllerNumber ([int]$drive['controllerNumber']) -ControllerLocation ([int]$drive['controllerLocation']) -ErrorAction Stop |
                Hyper-V\Set-VMDvdDrive -Path $path -ErrorAction Stop
        }
        'firmware' { Set-HvFirmware $VM $Step }
        'simulatedGuest' {
            # Only the simulated host has a guest model; a real host runs a real guest.
            if (Get-Command -Name Set-VMSimGuest -Module Hyper-V -ErrorAction SilentlyContinue) {
                $arguments = @{ Profile = [string]$Step['profile'] }
                $answering = [string[]]@($Step['answeringServices'])
                if ($answering.Count -gt 0) { $arguments.AnsweringService = $answering }
                Hyper-V\Set-VMSimGuest -VMId $VM.Id @arguments -ErrorAction Stop
            }
        }
        default {
            throw (New-HvErrorRecord -Message ("Unknown VM step '{0}'." -f $Step['op']) -ErrorId 'UnknownStep' -Category InvalidArgument -TargetObject ([string]$Step['op']))
        }
    }
}

function Test-HvShutdownAnswers($VM) {
    $shutdown = @(Hyper-V\Get-VMIntegrationService -VM $VM -ErrorAction Stop | Where-Object { (Get-HvServiceKey $_) -eq 'shutdown' })
    return ($shutdown.Count -gt 0 -and $shutdown[0].Enabled -and [string]$shutdown[0].PrimaryOperationalStatus -eq 'Ok')
}

# Turns a running (or paused, saved) VM off for changes that need it off: a guest shutdown when the guest
# answers the Shutdown service, else a hard stop only when allowed. Returns whether it was running.
function Stop-HvVmForChanges($VM, [string[]]$Reasons, [bool]$AllowHardStop) {
    $state = $VM.State.ToString()
    if ($state -eq 'Off') { return $false }
    if ($state -eq 'Running' -and (Test-HvShutdownAnswers $VM)) {
        Hyper-V\Stop-VM -VM $VM -ErrorAction Stop
        return $true
    }
    if (-not $AllowHardStop) {
        $message = ("These changes need the VM '{0}' off: {1}. Its guest does not answer the Shutdown integration service, " +
            'so it can only be turned off hard. Set allowHardStop: true to allow that, or stop the VM yourself first.') -f $VM.Name, ($Reasons -join ', ')
        throw (New-HvErrorRecord -Message $message -ErrorId 'HardStopRequired' -Category InvalidOperation -TargetObject $VM.Id.ToString())
    }
    Hyper-V\Stop-VM -VM $VM -TurnOff -Force -ErrorAction Stop
    return ($state -eq 'Running')
}

function Set-HvVmPowerState($VM, [string]$State) {
    $current = (Get-HvVmById $VM.Id).State.ToString()
    if ($State -eq 'Running' -and $current -ne 'Running') { Hyper-V\Start-VM -VM $VM -ErrorAction Stop }
    if ($State -eq 'Off' -and $current -ne 'Off') {
        if ($current -eq 'Running' -and (Test-HvShutdownAnswers $VM)) { Hyper-V\Stop-VM -VM $VM -ErrorAction Stop }
        else { Hyper-V\Stop-VM -VM $VM -TurnOff -Force -ErrorAction Stop }
    }
}

# The guest-intrinsic Key-Value Pair Exchange items each VM's guest reports (OSName, OSVersion, ...),
# by VM id (lower case): a table Name -> Data per VM whose guest reports any. Hyper-V has them in
# Msvm_KvpExchangeComponent.GuestIntrinsicExchangeItems, each an embedded Msvm_KvpExchangeDataItem
# in CIM-XML; a guest without a KVP daemon (or a VM that is off) reports none.
function Get-HvGuestIntrinsicItems {
    if (Get-Command -Name Get-VMSimKvpExchangeComponent -Module Hyper-V -ErrorAction SilentlyContinue) {
        $components = @(Hyper-V\Get-VMSimKvpExchangeComponent -ErrorAction Stop)
    }
    else {
        $components = @(CimCmdlets\Get-CimInstance -Namespace 'root\virtualization\v2' -ClassName 'Msvm_KvpExchangeComponent' -ErrorAction Stop)
    }
    $settings = [System.Xml.XmlReaderSettings]::new()
    $settings.DtdProcessing = [System.Xml.DtdProcessing]::Prohibit
    $settings.XmlResolver = $null
    $byVm = @{}
    foreach ($component in $components) {
        $items = [ordered]@{}
        foreach ($text in @($component.GuestIntrinsicExchangeItems)) {
            if ([string]::IsNullOrEmpty($text)) { continue }
            $doc = [System.Xml.XmlDocument]::new()
            $reader = [System.Xml.XmlReader]::Create([System.IO.StringReader]::new([string]$text), $settings)
            try { $doc.Load($reader) } catch { continue } finally { $reader.Dispose() }
            $name = $doc.SelectSingleNode("/INSTANCE/PROPERTY[@NAME='Name']/VALUE")
            $data = $doc.SelectSingleNode("/INSTANCE/PROPERTY[@NAME='Data']/VALUE")
            if ($null -ne $name -and $null -ne $data) { $items[[string]$name.InnerText] = [string]$data.InnerText }
        }
        if ($items.Count -gt 0) { $byVm[([string]$component.SystemName).ToLowerInvariant()] = $items }
    }
    return $byVm
}
