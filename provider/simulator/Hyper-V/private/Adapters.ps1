# Network adapter lookup and rules shared by the *-VMNetworkAdapter* cmdlets.

$script:HvNoAdapterMessage = 'No network adapter was found with the given criteria.'

# Adapters of a VM whose name matches the pattern (all adapters when no pattern is given).
function Find-HvAdapter($VM, [string]$Pattern) {
    $found = [System.Collections.ArrayList]::new()
    foreach ($nic in $VM.NetworkAdapters) {
        if ([string]::IsNullOrEmpty($Pattern) -or (Test-HvNameMatch $Pattern $nic.Name)) { [void]$found.Add($nic) }
    }
    return , $found
}

# (VM, adapter) pairs for adapter objects; an adapter that no longer exists is an error.
function Find-HvAdapterByObject($State, $Adapters, $Result) {
    $pairs = [System.Collections.ArrayList]::new()
    foreach ($adapter in $Adapters) {
        if ($null -eq $adapter) { continue }
        $vm = Get-HvVMById $State $adapter.VMId
        $nic = $null
        if ($vm) {
            foreach ($candidate in $vm.NetworkAdapters) { if ($candidate.Id -eq $adapter.AdapterId) { $nic = $candidate } }
        }
        if ($null -eq $nic) {
            Add-HvError $Result (New-HvErrorRecord -ErrorId 'ObjectNotFound' -Category ObjectNotFound -Message $script:HvNoAdapterMessage)
        } else {
            [void]$pairs.Add(@{ VM = $vm; Nic = $nic })
        }
    }
    return , $pairs
}

# (VM, adapter) pairs for the VMName / VM / VMNetworkAdapter parameter sets with an optional
# adapter name; a VM without a matching adapter is an ObjectNotFound error.
function Resolve-HvAdapterTarget {
    param($State, [hashtable]$Bound, $Result, [string]$AdapterParameter = 'VMNetworkAdapter', [string]$NameParameter = 'Name')
    if ($Bound.ContainsKey($AdapterParameter)) { return , (Find-HvAdapterByObject $State $Bound[$AdapterParameter] $Result) }
    $pairs = [System.Collections.ArrayList]::new()
    $pattern = $null
    if ($Bound.ContainsKey($NameParameter)) { $pattern = $Bound[$NameParameter] }
    $patterns = @($pattern)
    foreach ($vm in (Resolve-HvVMTarget $State $Bound $Result)) {
        $any = $false
        foreach ($p in $patterns) {
            foreach ($nic in (Find-HvAdapter $vm ([string]$p))) {
                $any = $true
                [void]$pairs.Add(@{ VM = $vm; Nic = $nic })
            }
        }
        if (-not $any -and $null -ne $pattern) {
            Add-HvError $Result (New-HvErrorRecord -ErrorId 'ObjectNotFound' -Category ObjectNotFound -Message $script:HvNoAdapterMessage)
        }
    }
    return , $pairs
}

# Synthetic adapters hot-plug on Generation 2 only; legacy adapters never.
function Assert-HvAdapterHotPlug($VM, [bool]$IsLegacy, [string]$Verb) {
    if (-not (Test-HvVMHardwareLocked $VM)) { return }
    if ($VM.Generation -eq 2 -and -not $IsLegacy -and (Test-HvVMActive $VM)) { return }
    $device = 'Synthetic Ethernet Port'
    if ($IsLegacy) { $device = 'Emulated Ethernet Port' }
    Stop-HvInvalidState (Join-HvMessage ("Failed to {0} device '{1}'." -f $Verb, $device) (
            "'{0}' failed to {1} device '{2}' while the virtual machine is {3}. (Virtual machine ID {4})" -f $VM.Name, $Verb, $device, (Get-HvStateWords $VM), $VM.Id.ToUpperInvariant()))
}

# Host (management OS) adapters: the one an external or internal switch shares with the host
# (named after the switch unless renamed), and those Add-VMNetworkAdapter -ManagementOS added.
function Get-HvHostAdapterRecords($State) {
    $records = [System.Collections.ArrayList]::new()
    foreach ($switch in $State.switches.Values) {
        if (-not $switch.AllowManagementOS) { continue }
        $name = $switch.Name
        if ($switch.ManagementAdapterName) { $name = $switch.ManagementAdapterName }
        [void]$records.Add(@{ Name = $name; Id = $switch.ManagementAdapterId; MacAddress = $switch.ManagementMacAddress; Switch = $switch; Record = $null })
    }
    if ($null -ne $State.hostAdapters) {
        foreach ($adapter in $State.hostAdapters.Values) {
            if (-not $State.switches.ContainsKey([string]$adapter.SwitchId)) { continue }
            [void]$records.Add(@{ Name = $adapter.Name; Id = $adapter.Id; MacAddress = $adapter.MacAddress; Switch = $State.switches[[string]$adapter.SwitchId]; Record = $adapter })
        }
    }
    return , $records
}

function ConvertTo-HvHostAdapter($Entry) {
    $switch = $Entry.Switch
    $adapter = [Microsoft.HyperV.PowerShell.VMInternalNetworkAdapter]::new()
    $adapter.ComputerName = $script:HvHostInfo.ComputerName
    $adapter.Name = $Entry.Name
    $adapter.Id = 'Microsoft:' + $Entry.Id
    $adapter.AdapterId = $Entry.Id
    $adapter.DeviceId = '{' + $Entry.Id + '}'
    $adapter.IsManagementOs = $true
    $adapter.SwitchName = $switch.Name
    $adapter.SwitchId = [Guid]$switch.Id
    $adapter.Connected = $true
    $adapter.MacAddress = $Entry.MacAddress
    $adapter.DynamicMacAddressEnabled = $true
    $adapter.VMQWeight = 100
    $adapter.MacAddressSpoofing = 'Off'
    $adapter.DhcpGuard = 'Off'
    $adapter.RouterGuard = 'Off'
    $adapter.Status = [Microsoft.HyperV.PowerShell.VMNetworkAdapterOperationalStatus[]]@('Ok')
    $adapter.StatusDescription = [string[]]@('OK')
    $adapter.IPAddresses = [string[]]@()
    return $adapter
}

function Get-HvManagementAdapters($State) {
    $adapters = [System.Collections.ArrayList]::new()
    foreach ($entry in (Get-HvHostAdapterRecords $State)) { [void]$adapters.Add((ConvertTo-HvHostAdapter $entry)) }
    return , $adapters
}
