# Addresses a simulated guest reports through Key-Value Pair Exchange. Hyper-V shows them in
# VMNetworkAdapter.IPAddresses only while the VM runs and its guest answers that integration
# service, some time after the start (a guest reports once its network is up).

# The VM's guest record; a VM whose guest was never set gets the None profile.
function Get-HvGuestRecord($VM) {
    if ($null -ne $VM.Guest) { return $VM.Guest }
    $guest = New-HvTable
    $guest.Profile = 'None'
    $guest.AnsweringServices = [System.Collections.ArrayList]::new()
    return $guest
}

# Validated, normalized addresses (IPv4 dotted, IPv6 compressed), in the order given.
function ConvertTo-HvGuestAddresses([string[]]$Addresses) {
    $normalized = [System.Collections.ArrayList]::new()
    foreach ($text in $Addresses) {
        $parsed = $null
        if (-not [System.Net.IPAddress]::TryParse([string]$text, [ref]$parsed)) {
            Stop-HvInvalidParameter ("The value '{0}' of -IPAddress is not an IPv4 or IPv6 address; give addresses such as 192.168.1.20 or fe80::1." -f $text) $text
        }
        [void]$normalized.Add($parsed.ToString())
    }
    return , $normalized
}

# Stores the addresses for one adapter of the VM (the first one when no name is given).
function Set-HvGuestAddresses($VM, $Guest, [string]$AdapterName, $Addresses) {
    $nic = $null
    if ($AdapterName) {
        $named = Find-HvAdapter $VM $AdapterName
        if ($named.Count -gt 0) { $nic = $named[0] }
    }
    elseif ($VM.NetworkAdapters.Count -gt 0) { $nic = $VM.NetworkAdapters[0] }
    if ($null -eq $nic) { Stop-HvObjectNotFound $script:HvNoAdapterMessage }
    if ($null -eq $Guest.Addresses) { $Guest.Addresses = New-HvTable }
    $Guest.Addresses[[string]$nic.Id] = $Addresses
}

# The addresses Get-VMNetworkAdapter shows for the adapter now.
function Get-HvReportedAddresses($VM, $Nic) {
    $guest = $VM.Guest
    if ($null -eq $guest -or $null -eq $guest.Addresses -or -not $guest.Addresses.ContainsKey([string]$Nic.Id)) { return @() }
    if (-not (Test-HvServiceResponding $VM 'Key-Value Pair Exchange')) { return @() }
    if ($guest.AddressDelaySeconds -and $VM.StartedAt) {
        $started = [DateTime]::Parse([string]$VM.StartedAt, [Globalization.CultureInfo]::InvariantCulture, [Globalization.DateTimeStyles]::RoundtripKind)
        if (([DateTime]::UtcNow - $started.ToUniversalTime()).TotalSeconds -lt [double]$guest.AddressDelaySeconds) { return @() }
    }
    return @($guest.Addresses[[string]$Nic.Id])
}

# Guest-intrinsic KVP items, validated: names and data are strings, names not empty.
function ConvertTo-HvKvpItems([hashtable]$Items) {
    $table = New-HvTable
    foreach ($key in $Items.Keys) {
        if ([string]::IsNullOrWhiteSpace([string]$key)) { Stop-HvInvalidParameter 'A -KvpIntrinsicItem name must not be empty.' $key }
        $table[[string]$key] = [string]$Items[$key]
    }
    return $table
}

# One item as Hyper-V embeds it in GuestIntrinsicExchangeItems: an Msvm_KvpExchangeDataItem in CIM-XML
# (Source 2: the guest's intrinsic items).
function ConvertTo-HvKvpDataItemXml([string]$Name, [string]$Data) {
    $escape = { param($text) [System.Security.SecurityElement]::Escape($text) }
    return ('<INSTANCE CLASSNAME="Msvm_KvpExchangeDataItem">' +
        '<PROPERTY NAME="Caption" PROPAGATED="true" TYPE="string"></PROPERTY>' +
        '<PROPERTY NAME="Data" TYPE="string"><VALUE>{0}</VALUE></PROPERTY>' +
        '<PROPERTY NAME="Description" PROPAGATED="true" TYPE="string"></PROPERTY>' +
        '<PROPERTY NAME="ElementName" PROPAGATED="true" TYPE="string"></PROPERTY>' +
        '<PROPERTY NAME="Name" TYPE="string"><VALUE>{1}</VALUE></PROPERTY>' +
        '<PROPERTY NAME="Source" TYPE="uint16"><VALUE>2</VALUE></PROPERTY>' +
        '</INSTANCE>') -f (& $escape $Data), (& $escape $Name)
}
