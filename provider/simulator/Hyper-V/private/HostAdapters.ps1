# Host (management OS) network adapters added, removed and renamed through the *-VMNetworkAdapter
# cmdlets' -ManagementOS parameter sets.

function Add-HvHostAdapter($Tx, $Result, [string]$SwitchName, [string]$Name, [string]$MacAddress, [bool]$Passthru) {
    if (-not $SwitchName) { Stop-HvInvalidParameter 'Specify the virtual switch the host network adapter connects to with -SwitchName.' }
    $switch = Get-HvSingleSwitch $Tx.State $SwitchName
    if ($switch.SwitchType -eq 'Private') {
        Stop-HvInvalidParameter (Join-HvMessage 'Failed while adding virtual Ethernet switch connections.' (
                "The private virtual switch '{0}' cannot have host network adapters; use an internal or external switch." -f $switch.Name)) $SwitchName
    }
    $adapter = New-HvTable
    $adapter.Id = [Guid]::NewGuid().ToString().ToUpperInvariant()
    $adapter.Name = $switch.Name
    if ($Name) { $adapter.Name = $Name }
    $adapter.SwitchId = $switch.Id
    if ($MacAddress) { $adapter.MacAddress = $MacAddress } else { $adapter.MacAddress = Get-HvNextDynamicMac $Tx.State }
    if ($null -eq $Tx.State.hostAdapters) { $Tx.State.hostAdapters = New-HvTable }
    $Tx.State.hostAdapters[$adapter.Id] = $adapter
    if ($Passthru) {
        foreach ($entry in (Get-HvHostAdapterRecords $Tx.State)) { if ($entry.Id -eq $adapter.Id) { Add-HvOutput $Result (ConvertTo-HvHostAdapter $entry) } }
    }
}

# Host adapters by name (wildcards) and switch name; none matching a given name is ObjectNotFound.
function Find-HvHostAdapters($State, [string]$Name, [string]$SwitchName) {
    $found = [System.Collections.ArrayList]::new()
    foreach ($entry in (Get-HvHostAdapterRecords $State)) {
        if ($Name -and -not (Test-HvNameMatch $Name $entry.Name)) { continue }
        if ($SwitchName -and -not (Test-HvNameMatch $SwitchName $entry.Switch.Name)) { continue }
        [void]$found.Add($entry)
    }
    if ($found.Count -eq 0 -and $Name) { Stop-HvObjectNotFound $script:HvNoAdapterMessage }
    return , $found
}

# Removing the adapter a switch shares with the host stops the sharing (AllowManagementOS off).
function Remove-HvHostAdapter($Cmdlet, $Tx, $Result, [string]$Name, [string]$SwitchName, [bool]$Passthru) {
    foreach ($entry in (Find-HvHostAdapters $Tx.State $Name $SwitchName)) {
        if (-not $Cmdlet.ShouldProcess($entry.Name, 'Remove-VMNetworkAdapter')) { continue }
        $output = ConvertTo-HvHostAdapter $entry
        if ($null -eq $entry.Record) { $entry.Switch.AllowManagementOS = $false }
        else { $Tx.State.hostAdapters.Remove($entry.Id) }
        if ($Passthru) { $output.IsDeleted = $true; Add-HvOutput $Result $output }
    }
}

function Rename-HvHostAdapter($Entry, [string]$NewName) {
    if ($null -eq $Entry.Record) { $Entry.Switch.ManagementAdapterName = $NewName }
    else { $Entry.Record.Name = $NewName }
    $Entry.Name = $NewName
}
