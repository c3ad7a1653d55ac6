# Network adapter settings beyond the basics: vRSS/VMMQ, Packet Direct, IPsec offload, mandatory
# features, cluster monitoring, test replica and resource pool (Set-VMNetworkAdapter).

$script:HvAdapterSettingDefaults = [ordered]@{
    VrssEnabled                    = $true
    VmmqEnabled                    = $false
    VrssMaxQueuePairs              = 16
    VrssMinQueuePairs              = 1
    VrssQueueSchedulingMode        = 'Dynamic'
    VrssExcludePrimaryProcessor    = $false
    VrssIndependentHostSpreading   = $false
    VrssVmbusChannelAffinityPolicy = 'Strong'
    PacketDirectNumProcs           = 0
    PacketDirectModerationCount    = 64
    PacketDirectModerationInterval = 1000000
    IPsecOffloadMaxSA              = 512
    NumaAwarePlacement             = $false
    ClusterMonitored               = $true
    TestReplicaPoolName            = ''
    TestReplicaSwitchName          = ''
    PoolName                       = ''
}

function Get-HvAdapterSetting($Nic, [string]$Name) {
    if ($Nic.ContainsKey($Name) -and $null -ne $Nic[$Name]) { return $Nic[$Name] }
    return $script:HvAdapterSettingDefaults[$Name]
}

# Argument rules of Set-VMNetworkAdapter for these settings.
function Assert-HvAdapterSettingArguments([hashtable]$Bound) {
    if ($null -ne $Bound['VrssMaxQueuePairs'] -and $Bound['VrssMaxQueuePairs'] -lt 1) { Stop-HvInvalidParameter 'The VRSS Max Queue-Pair Count cannot be set to less than 1.' }
    if ($null -ne $Bound['VrssMinQueuePairs'] -and $Bound['VrssMinQueuePairs'] -lt 1) { Stop-HvInvalidParameter 'The VRSS Min Queue-Pair Count cannot be set to less than 1.' }
    foreach ($id in @($Bound['MandatoryFeatureId'])) {
        $parsed = [Guid]::Empty
        if ($null -ne $id -and -not [Guid]::TryParse([string]$id, [ref]$parsed)) { Stop-HvInvalidParameter 'The parameter "MandatoryFeatureId" is not in the correct format.' $id }
    }
}

function Set-HvAdapterSettings($Nic, [hashtable]$Bound) {
    $map = @{
        VrssEnabled = 'VrssEnabled'; VmmqEnabled = 'VmmqEnabled'; VrssMaxQueuePairs = 'VrssMaxQueuePairs'; VrssMinQueuePairs = 'VrssMinQueuePairs'
        VrssExcludePrimaryProcessor = 'VrssExcludePrimaryProcessor'; VrssIndependentHostSpreading = 'VrssIndependentHostSpreading'
        PacketDirectNumProcs = 'PacketDirectNumProcs'; PacketDirectModerationCount = 'PacketDirectModerationCount'
        PacketDirectModerationInterval = 'PacketDirectModerationInterval'; IPsecOffloadMaximumSecurityAssociation = 'IPsecOffloadMaxSA'
        NumaAwarePlacement = 'NumaAwarePlacement'; TestReplicaPoolName = 'TestReplicaPoolName'; TestReplicaSwitchName = 'TestReplicaSwitchName'
        ResourcePoolName = 'PoolName'
    }
    foreach ($parameter in $map.Keys) {
        if ($null -eq $Bound[$parameter]) { continue }
        $value = $Bound[$parameter]
        if ($value -is [bool]) { $Nic[$map[$parameter]] = $value }
        elseif ($value -is [string]) { $Nic[$map[$parameter]] = $value }
        else { $Nic[$map[$parameter]] = [long]$value }
    }
    if ($null -ne $Bound['VrssQueueSchedulingMode']) { $Nic.VrssQueueSchedulingMode = [string]$Bound['VrssQueueSchedulingMode'] }
    if ($null -ne $Bound['VrssVmbusChannelAffinityPolicy']) { $Nic.VrssVmbusChannelAffinityPolicy = [string]$Bound['VrssVmbusChannelAffinityPolicy'] }
    if ($null -ne $Bound['NotMonitoredInCluster']) { $Nic.ClusterMonitored = -not [bool]$Bound['NotMonitoredInCluster'] }
    if ($Bound.ContainsKey('MandatoryFeatureId')) {
        $Nic.MandatoryFeatureId = [System.Collections.ArrayList]::new()
        foreach ($id in @($Bound['MandatoryFeatureId'])) { if ($null -ne $id) { [void]$Nic.MandatoryFeatureId.Add(([Guid][string]$id).ToString()) } }
    }
}

function Set-HvAdapterSettingsOutput($Adapter, $Nic) {
    foreach ($name in @('VrssEnabled', 'VmmqEnabled', 'VrssExcludePrimaryProcessor', 'VrssIndependentHostSpreading')) {
        $Adapter.$name = [bool](Get-HvAdapterSetting $Nic $name)
        $Adapter.($name + 'Requested') = $Adapter.$name
    }
    foreach ($name in @('VrssMaxQueuePairs', 'VrssMinQueuePairs')) {
        $Adapter.$name = [uint32](Get-HvAdapterSetting $Nic $name)
        $Adapter.($name + 'Requested') = $Adapter.$name
    }
    foreach ($name in @('VrssQueueSchedulingMode', 'VrssVmbusChannelAffinityPolicy')) {
        $Adapter.$name = [string](Get-HvAdapterSetting $Nic $name)
        $Adapter.($name + 'Requested') = $Adapter.$name
    }
    $Adapter.IPsecOffloadMaxSA = [long](Get-HvAdapterSetting $Nic 'IPsecOffloadMaxSA')
    $Adapter.ClusterMonitored = [bool](Get-HvAdapterSetting $Nic 'ClusterMonitored')
    $Adapter.PoolName = [string](Get-HvAdapterSetting $Nic 'PoolName')
    $Adapter.MandatoryFeatureId = [string[]]@($Nic.MandatoryFeatureId)
    if ($Adapter -is [Microsoft.HyperV.PowerShell.VMNetworkAdapter]) {
        $Adapter.PacketDirectNumProcs = [uint32](Get-HvAdapterSetting $Nic 'PacketDirectNumProcs')
        $Adapter.PacketDirectModerationCount = [uint32](Get-HvAdapterSetting $Nic 'PacketDirectModerationCount')
        $Adapter.PacketDirectModerationInterval = [uint32](Get-HvAdapterSetting $Nic 'PacketDirectModerationInterval')
        $Adapter.AllowPacketDirect = [uint32](Get-HvAdapterSetting $Nic 'PacketDirectNumProcs') -gt 0
        $Adapter.NumaAwarePlacement = [bool](Get-HvAdapterSetting $Nic 'NumaAwarePlacement')
        $Adapter.TestReplicaPoolName = [string](Get-HvAdapterSetting $Nic 'TestReplicaPoolName')
        $Adapter.TestReplicaSwitchName = [string](Get-HvAdapterSetting $Nic 'TestReplicaSwitchName')
        $Adapter.MandatoryFeatureName = [string[]]@()
    }
}
