# Switch settings beyond New-VMSwitch's: default-queue offloads (vRSS/VMMQ for the host's traffic),
# software RSC, default flow bandwidth, and the physical adapter binding Set-VMSwitch changes.

# Defaults of a switch record stored before these settings existed, or of a new switch.
$script:HvSwitchOffloadDefaults = [ordered]@{
    DefaultQueueVrssEnabled                = $true
    DefaultQueueVmmqEnabled                = $true
    DefaultQueueVrssMaxQueuePairs          = 16
    DefaultQueueVrssMinQueuePairs          = 1
    DefaultQueueVrssQueueSchedulingMode    = 'StaticVrss'
    DefaultQueueVrssExcludePrimaryProcessor = $false
    SoftwareRscEnabled                     = $false
    DefaultFlowMinimumBandwidthAbsolute    = 0
    DefaultFlowMinimumBandwidthWeight      = 0
}

function Get-HvSwitchSetting($Switch, [string]$Name) {
    if ($Switch.ContainsKey($Name) -and $null -ne $Switch[$Name]) { return $Switch[$Name] }
    return $script:HvSwitchOffloadDefaults[$Name]
}

function Set-HvSwitchOffloadOutput($Object, $Switch) {
    $Object.DefaultQueueVrssEnabledRequested = [bool](Get-HvSwitchSetting $Switch 'DefaultQueueVrssEnabled')
    $Object.DefaultQueueVrssEnabled = $Object.DefaultQueueVrssEnabledRequested
    $Object.DefaultQueueVmmqEnabledRequested = [bool](Get-HvSwitchSetting $Switch 'DefaultQueueVmmqEnabled')
    $Object.DefaultQueueVmmqEnabled = $Object.DefaultQueueVmmqEnabledRequested
    $Object.DefaultQueueVrssMaxQueuePairsRequested = [uint32](Get-HvSwitchSetting $Switch 'DefaultQueueVrssMaxQueuePairs')
    $Object.DefaultQueueVrssMaxQueuePairs = $Object.DefaultQueueVrssMaxQueuePairsRequested
    $Object.DefaultQueueVrssMinQueuePairsRequested = [uint32](Get-HvSwitchSetting $Switch 'DefaultQueueVrssMinQueuePairs')
    $Object.DefaultQueueVrssMinQueuePairs = $Object.DefaultQueueVrssMinQueuePairsRequested
    $Object.DefaultQueueVrssQueueSchedulingModeRequested = [string](Get-HvSwitchSetting $Switch 'DefaultQueueVrssQueueSchedulingMode')
    $Object.DefaultQueueVrssQueueSchedulingMode = $Object.DefaultQueueVrssQueueSchedulingModeRequested
    $Object.DefaultQueueVrssExcludePrimaryProcessorRequested = [bool](Get-HvSwitchSetting $Switch 'DefaultQueueVrssExcludePrimaryProcessor')
    $Object.DefaultQueueVrssExcludePrimaryProcessor = $Object.DefaultQueueVrssExcludePrimaryProcessorRequested
    $Object.SoftwareRscEnabled = [bool](Get-HvSwitchSetting $Switch 'SoftwareRscEnabled')
    $Object.DefaultFlowMinimumBandwidthAbsolute = [uint64](Get-HvSwitchSetting $Switch 'DefaultFlowMinimumBandwidthAbsolute')
    $Object.DefaultFlowMinimumBandwidthWeight = [uint64](Get-HvSwitchSetting $Switch 'DefaultFlowMinimumBandwidthWeight')
}

# The physical adapter a -NetAdapterName / -NetAdapterInterfaceDescription names, free of other switches.
function Resolve-HvPhysicalAdapter($State, [string]$Field, [string]$Value, $ExceptSwitch = $null) {
    $match = $script:HvHostInfo.PhysicalAdapters | Where-Object { $_[$Field] -eq $Value } | Select-Object -First 1
    if ($null -eq $match) { Stop-HvObjectNotFound ("Physical network adapter '{0}' not found." -f $Value) $Value }
    foreach ($existing in $State.switches.Values) {
        if ($existing -ne $ExceptSwitch -and $existing.NetAdapterInterfaceGuid -eq $match.Guid) {
            Stop-HvObjectInUse (Join-HvMessage 'Failed while adding virtual Ethernet switch connections.' (
                    "The network adapter '{0}' is already bound to the virtual switch '{1}'." -f $match.Name, $existing.Name)) $Value
        }
    }
    return $match
}

# Switch records for the Name / VMSwitch parameter sets: a literal name without a match is
# ObjectNotFound, as Remove-VMSwitch reports it.
function Resolve-HvSwitchTarget($State, [hashtable]$Bound, $Result) {
    $targets = [System.Collections.ArrayList]::new()
    if ($Bound.ContainsKey('VMSwitch')) {
        foreach ($object in $Bound['VMSwitch']) {
            $key = $object.Id.ToString()
            if ($State.switches.ContainsKey($key)) { [void]$targets.Add($State.switches[$key]) }
            else { Add-HvError $Result (New-HvErrorRecord -ErrorId 'ObjectNotFound' -Category ObjectNotFound -Message 'No Ethernet switch could be found matching the specified criteria.') }
        }
        return , $targets
    }
    foreach ($pattern in $Bound['Name']) {
        $found = Find-HvSwitchByName $State $pattern
        if ($found.Count -eq 0 -and -not (Test-HvWildcard $pattern)) {
            Add-HvError $Result (New-HvErrorRecord -ErrorId 'ObjectNotFound' -Category ObjectNotFound -Message (
                    'Hyper-V was unable to find a virtual switch with name "{0}".' -f $pattern))
        }
        foreach ($switch in $found) { if (-not $targets.Contains($switch)) { [void]$targets.Add($switch) } }
    }
    return , $targets
}
