# Generation 2 firmware: Secure Boot settings and the boot order. The stored boot order lists device
# ids; devices added later boot after the listed ones (as VMMS appends a new device's boot entry),
# and devices a -BootOrder left out stay out until they are named again.

# Secure Boot templates of a Windows Server 2022 host (Get-VMHost).SecureBootTemplates.
$script:HvSecureBootTemplates = @(
    @{ Name = 'MicrosoftWindows'; Id = '1734c6e8-3154-4dda-ba5f-a874cc483422' },
    @{ Name = 'MicrosoftUEFICertificateAuthority'; Id = '272e7447-90a4-4563-a4b9-8e4ab00526ce' },
    @{ Name = 'OpenSourceShieldedVM'; Id = '4292ae2b-ee2c-4b5f-a1de-a9f5c8abf8b4' }
)

function New-HvFirmwareRecord {
    $firmware = New-HvTable
    $firmware.SecureBoot = 'On'
    $firmware.SecureBootTemplateId = $script:HvSecureBootTemplates[0].Id
    $firmware.PreferredNetworkBootProtocol = 'IPv4'
    $firmware.ConsoleMode = 'Default'
    $firmware.PauseAfterBootFailure = 'Off'
    $firmware.BootOrder = [System.Collections.ArrayList]::new()
    $firmware.Excluded = [System.Collections.ArrayList]::new()
    return $firmware
}

# The VM's firmware record; a Generation 2 VM stored before firmware existed gets the defaults.
function Get-HvFirmwareRecord($VM) {
    if ($null -eq $VM.Firmware) { $VM.Firmware = New-HvFirmwareRecord }
    return $VM.Firmware
}

function Assert-HvFirmwareGeneration($VM) {
    if ($VM.Generation -ne 2) {
        Stop-HvInvalidParameter ('The Generation 1 virtual machine or snapshot "{0}" does not support the VMFirmware cmdlets. Use Get-VMBios and Set-VMBios instead.' -f $VM.Name)
    }
}

# Bootable devices of a Generation 2 VM in device order: SCSI drives, then synthetic adapters.
function Get-HvBootableDevices($VM) {
    $devices = [System.Collections.ArrayList]::new()
    foreach ($kind in @('HardDisk', 'DvdDrive')) {
        foreach ($drive in (Get-HvSortedDrives $VM $kind)) {
            if ($drive.ControllerType -eq 'SCSI') { [void]$devices.Add(@{ Id = $drive.Id; Kind = 'Drive'; Record = $drive }) }
        }
    }
    # Drives boot in controller order whatever their kind.
    if ($devices.Count -gt 1) {
        $sorted = @($devices | Sort-Object { [int]$_.Record.ControllerNumber }, { [int]$_.Record.ControllerLocation })
        $devices = [System.Collections.ArrayList]::new()
        foreach ($device in $sorted) { [void]$devices.Add($device) }
    }
    foreach ($nic in $VM.NetworkAdapters) {
        if (-not $nic.IsLegacy) { [void]$devices.Add(@{ Id = $nic.Id; Kind = 'Network'; Record = $nic }) }
    }
    return , $devices
}

# The effective boot order: the stored ids that still exist, then new devices in device order.
function Get-HvBootOrder($VM) {
    $firmware = Get-HvFirmwareRecord $VM
    $devices = Get-HvBootableDevices $VM
    $byId = @{}
    foreach ($device in $devices) { $byId[$device.Id] = $device }
    $order = [System.Collections.ArrayList]::new()
    foreach ($id in $firmware.BootOrder) {
        if ($byId.ContainsKey([string]$id)) { [void]$order.Add($byId[[string]$id]); $byId.Remove([string]$id) }
    }
    foreach ($device in $devices) {
        if ($byId.ContainsKey($device.Id) -and @($firmware.Excluded) -notcontains $device.Id) { [void]$order.Add($device) }
    }
    return , $order
}

function Set-HvBootOrder($VM, [string[]]$DeviceIds) {
    $firmware = Get-HvFirmwareRecord $VM
    $firmware.BootOrder = [System.Collections.ArrayList]::new()
    foreach ($id in $DeviceIds) { [void]$firmware.BootOrder.Add($id) }
    $firmware.Excluded = [System.Collections.ArrayList]::new()
    foreach ($device in (Get-HvBootableDevices $VM)) {
        if ($DeviceIds -notcontains $device.Id) { [void]$firmware.Excluded.Add($device.Id) }
    }
}

# 32 hex digits derived from a GUID string, as the VMBus paths of firmware boot entries show them.
function Get-HvFirmwareHex([string]$Id) { return ([Guid]$Id).ToString('N').ToUpperInvariant() }

function ConvertTo-HvBootSource($State, $VM, $Device) {
    $source = [Microsoft.HyperV.PowerShell.VMBootSource]::new()
    $source.ComputerName = $script:HvHostInfo.ComputerName
    $source.VMId = [Guid]$VM.Id
    $source.VMName = $VM.Name
    $source.Id = 'Microsoft:' + $VM.Id.ToUpperInvariant() + '\' + $Device.Id
    if ($Device.Kind -eq 'Drive') {
        $drive = $Device.Record
        $source.BootType = 'Drive'
        $source.Description = 'EFI SCSI Device'
        $controller = Get-HvFirmwareHex $VM.Id
        $source.FirmwarePath = '\AcpiEx(VMBus,0,0)\VenHw(9B17E5A2-0891-42DD-B653-80B5C22809BA,{0}{1:X2})\Scsi({2},0)' -f $controller.Substring(0, 30), [int]$drive.ControllerNumber, [int]$drive.ControllerLocation
        $source.Device = ConvertTo-HvDrive $VM $drive
    } else {
        $nic = $Device.Record
        $source.BootType = 'Network'
        $source.Description = 'EFI Network'
        $source.FirmwarePath = '\AcpiEx(VMBus,0,0)\VenHw(9B17E5A2-0891-42DD-B653-80B5C22809BA,{0})\MAC({1})' -f (Get-HvFirmwareHex $nic.Id), $nic.MacAddress
        $source.Device = ConvertTo-HvNetworkAdapter $State $VM $nic
    }
    $source.Name = $source.Description
    return $source
}

function ConvertTo-HvFirmware($State, $VM) {
    $record = Get-HvFirmwareRecord $VM
    $firmware = [Microsoft.HyperV.PowerShell.VMFirmware]::new()
    $firmware.ComputerName = $script:HvHostInfo.ComputerName
    $firmware.Name = 'Firmware'
    $firmware.Id = 'Microsoft:' + $VM.Id.ToUpperInvariant()
    $firmware.VMId = [Guid]$VM.Id
    $firmware.VMName = $VM.Name
    $firmware.BootOrder = [Microsoft.HyperV.PowerShell.VMBootSource[]]@(foreach ($device in (Get-HvBootOrder $VM)) { ConvertTo-HvBootSource $State $VM $device })
    $firmware.SecureBoot = [string]$record.SecureBoot
    if ($record.SecureBootTemplateId) {
        $firmware.SecureBootTemplateId = [Guid]$record.SecureBootTemplateId
        foreach ($template in $script:HvSecureBootTemplates) {
            if ($template.Id -eq $record.SecureBootTemplateId) { $firmware.SecureBootTemplate = $template.Name }
        }
    }
    $firmware.PreferredNetworkBootProtocol = [string]$record.PreferredNetworkBootProtocol
    $firmware.ConsoleMode = [string]$record.ConsoleMode
    $firmware.PauseAfterBootFailure = [string]$record.PauseAfterBootFailure
    return $firmware
}

# The device id a boot order parameter names: a drive, a network adapter or a boot entry of this VM.
function Resolve-HvBootDeviceId($VM, $Component) {
    $id = $null
    if ($null -ne $Component -and $Component.VMId -eq [Guid]$VM.Id) {
        if ($Component -is [Microsoft.HyperV.PowerShell.VMNetworkAdapterBase]) { $id = $Component.AdapterId }
        elseif ($Component -is [Microsoft.HyperV.PowerShell.Drive] -or $Component -is [Microsoft.HyperV.PowerShell.VMBootSource]) {
            $id = ([string]$Component.Id).Substring(([string]$Component.Id).LastIndexOf('\') + 1)
        }
    }
    foreach ($device in (Get-HvBootableDevices $VM)) {
        if ($device.Id -eq $id) { return $id }
    }
    Stop-HvInvalidParameter 'The specified device is not a valid boot device.'
}

# The template a -SecureBootTemplate name (wildcards allowed) or -SecureBootTemplateId names.
function Resolve-HvSecureBootTemplate([string]$Name, $Id) {
    if ($null -ne $Id) {
        foreach ($template in $script:HvSecureBootTemplates) { if ([Guid]$template.Id -eq [Guid]$Id) { return $template.Id } }
        Stop-HvInvalidParameter ("'{0}' matches none of the secure boot templates." -f $Id)
    }
    $found = @($script:HvSecureBootTemplates | Where-Object { Test-HvNameMatch $Name $_.Name })
    if ($found.Count -eq 0) { Stop-HvInvalidParameter ("'{0}' matches none of the secure boot templates." -f $Name) }
    if ($found.Count -gt 1) { Stop-HvInvalidParameter ("'{0}' matches more than one secure boot template." -f $Name) }
    return $found[0].Id
}
