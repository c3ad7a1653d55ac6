# Set-VMSwitch, Rename-VMSwitch.

function Set-VMSwitch {
    [CmdletBinding(DefaultParameterSetName = 'SwitchName_SwitchType', SupportsShouldProcess = $true)]
    [OutputType('Microsoft.HyperV.PowerShell.VMSwitch')]
    param(
        [Parameter(ParameterSetName = 'SwitchName_SwitchType', Mandatory = $true, Position = 0)]
        [Parameter(ParameterSetName = 'SwitchName_NetAdapterName', Mandatory = $true, Position = 0)]
        [Parameter(ParameterSetName = 'SwitchName_NetAdapterInterfaceDescription', Mandatory = $true, Position = 0)]
        [Alias('SwitchName')]
        [ValidateNotNullOrEmpty()]
        [string[]]$Name,

        [Parameter(ParameterSetName = 'SwitchObject_SwitchType', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [Parameter(ParameterSetName = 'SwitchObject_NetAdapterName', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [Parameter(ParameterSetName = 'SwitchObject_NetAdapterInterfaceDescription', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VMSwitch[]]$VMSwitch,

        [Parameter(ParameterSetName = 'SwitchName_NetAdapterName', Mandatory = $true, Position = 1)]
        [Parameter(ParameterSetName = 'SwitchObject_NetAdapterName', Mandatory = $true, Position = 1)]
        [Alias('InterfaceAlias')]
        [ValidateNotNullOrEmpty()]
        [string]$NetAdapterName,

        [Parameter(ParameterSetName = 'SwitchName_NetAdapterInterfaceDescription', Mandatory = $true, Position = 1)]
        [Parameter(ParameterSetName = 'SwitchObject_NetAdapterInterfaceDescription', Mandatory = $true, Position = 1)]
        [Alias('InterfaceDescription')]
        [ValidateNotNullOrEmpty()]
        [string]$NetAdapterInterfaceDescription,

        [Parameter(ParameterSetName = 'SwitchName_SwitchType')]
        [Parameter(ParameterSetName = 'SwitchObject_SwitchType')]
        [Nullable[Microsoft.HyperV.PowerShell.VMSwitchType]]$SwitchType,

        [Nullable[bool]]$AllowManagementOS,
        [Nullable[long]]$DefaultFlowMinimumBandwidthAbsolute,
        [Nullable[long]]$DefaultFlowMinimumBandwidthWeight,
        [Nullable[bool]]$DefaultQueueVrssEnabled,
        [Nullable[bool]]$DefaultQueueVmmqEnabled,
        [Alias('DefaultQueueVmmqQueuePairs')]
        [Nullable[uint32]]$DefaultQueueVrssMaxQueuePairs,
        [Nullable[uint32]]$DefaultQueueVrssMinQueuePairs,
        [Nullable[Microsoft.HyperV.PowerShell.VrssQueueSchedulingModeType]]$DefaultQueueVrssQueueSchedulingMode,
        [Nullable[bool]]$DefaultQueueVrssExcludePrimaryProcessor,
        [Nullable[bool]]$EnableSoftwareRsc,
        [object[]]$Extensions,
        [string]$Notes,
        [switch]$Passthru
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters -HvWrite {
            param($tx, $result, $bound)
            if ($null -ne $DefaultFlowMinimumBandwidthWeight -and ($DefaultFlowMinimumBandwidthWeight -lt 0 -or $DefaultFlowMinimumBandwidthWeight -gt 100)) {
                Stop-HvInvalidParameter 'The range specified for the input bandwidth reservation is not valid.'
            }
            if ($null -ne $DefaultQueueVrssMaxQueuePairs -and $DefaultQueueVrssMaxQueuePairs -lt 1) { Stop-HvInvalidParameter 'The VRSS Max Queue-Pair Count cannot be set to less than 1.' }
            if ($null -ne $DefaultQueueVrssMinQueuePairs -and $DefaultQueueVrssMinQueuePairs -lt 1) { Stop-HvInvalidParameter 'The VRSS Min Queue-Pair Count cannot be set to less than 1.' }
            if ($null -ne $SwitchType -and [string]$SwitchType -eq 'External') {
                Stop-HvInvalidParameter 'Either the NetAdapterInterfaceDescription or the NetAdapterName parameter must be specified when setting the switch type to External.'
            }
            foreach ($switch in (Resolve-HvSwitchTarget $tx.State $bound $result)) {
                Invoke-HvTarget $result {
                    if (-not $PSCmdlet.ShouldProcess($switch.Name, 'Set-VMSwitch')) { continue }
                    $physical = $null
                    if ($NetAdapterName) { $physical = Resolve-HvPhysicalAdapter $tx.State 'Name' $NetAdapterName $switch }
                    if ($NetAdapterInterfaceDescription) { $physical = Resolve-HvPhysicalAdapter $tx.State 'InterfaceDescription' $NetAdapterInterfaceDescription $switch }
                    $type = [string]$switch.SwitchType
                    $wasExternal = $type -eq 'External'
                    if ($null -ne $physical) { $type = 'External' }
                    if ($null -ne $SwitchType) { $type = [string]$SwitchType }
                    if ($switch.EmbeddedTeamingEnabled -and ($type -ne $switch.SwitchType -or $null -ne $physical)) {
                        Stop-HvInvalidParameter 'The switch type and member NICs of the VMSwitch with NIC Teaming enabled cannot be changed with Set-VMSwitch. '
                    }
                    if ($null -ne $AllowManagementOS -and $type -ne 'External') {
                        Stop-HvInvalidParameter 'The option to share a network connection with the management operating system applies only to external switches.'
                    }
                    if ($null -ne $EnableSoftwareRsc -and $type -ne 'External') {
                        Stop-HvInvalidParameter 'The option to enable Software RSC applies only to external switches.'
                    }
                    $mode = [string]$switch.BandwidthReservationMode
                    if (($null -ne $DefaultFlowMinimumBandwidthWeight -and $mode -ne 'Weight') -or ($null -ne $DefaultFlowMinimumBandwidthAbsolute -and $mode -ne 'Absolute')) {
                        Stop-HvInvalidParameter 'The parameters are inconsistent with the bandwidth reservation mode.'
                    }
                    if ($type -ne $switch.SwitchType) {
                        # An internal switch always shares with the host, a private one never; an
                        # external switch made from either keeps the host's adapter unless told otherwise.
                        if ($type -eq 'Internal') { $switch.AllowManagementOS = $true }
                        elseif ($type -eq 'Private') { $switch.AllowManagementOS = $false }
                        if ($type -ne 'External') { $switch.NetAdapterInterfaceDescription = ''; $switch.NetAdapterInterfaceGuid = $null; $switch.SoftwareRscEnabled = $false }
                        $switch.SwitchType = $type
                    }
                    if ($null -ne $physical) {
                        # A switch that becomes external shares the adapter with the host, as New-VMSwitch does.
                        if (-not $wasExternal) { $switch.AllowManagementOS = $true }
                        $switch.NetAdapterInterfaceDescription = $physical.InterfaceDescription
                        $switch.NetAdapterInterfaceGuid = $physical.Guid
                    }
                    if ($null -ne $AllowManagementOS) { $switch.AllowManagementOS = [bool]$AllowManagementOS }
                    if ($null -ne $DefaultFlowMinimumBandwidthAbsolute) { $switch.DefaultFlowMinimumBandwidthAbsolute = [long]$DefaultFlowMinimumBandwidthAbsolute }
                    if ($null -ne $DefaultFlowMinimumBandwidthWeight) { $switch.DefaultFlowMinimumBandwidthWeight = [long]$DefaultFlowMinimumBandwidthWeight }
                    if ($null -ne $DefaultQueueVrssEnabled) { $switch.DefaultQueueVrssEnabled = [bool]$DefaultQueueVrssEnabled }
                    if ($null -ne $DefaultQueueVmmqEnabled) { $switch.DefaultQueueVmmqEnabled = [bool]$DefaultQueueVmmqEnabled }
                    if ($null -ne $DefaultQueueVrssMaxQueuePairs) { $switch.DefaultQueueVrssMaxQueuePairs = [long]$DefaultQueueVrssMaxQueuePairs }
                    if ($null -ne $DefaultQueueVrssMinQueuePairs) { $switch.DefaultQueueVrssMinQueuePairs = [long]$DefaultQueueVrssMinQueuePairs }
                    if ($null -ne $DefaultQueueVrssQueueSchedulingMode) { $switch.DefaultQueueVrssQueueSchedulingMode = [string]$DefaultQueueVrssQueueSchedulingMode }
                    if ($null -ne $DefaultQueueVrssExcludePrimaryProcessor) { $switch.DefaultQueueVrssExcludePrimaryProcessor = [bool]$DefaultQueueVrssExcludePrimaryProcessor }
                    if ($null -ne $EnableSoftwareRsc) { $switch.SoftwareRscEnabled = [bool]$EnableSoftwareRsc }
                    if ($bound.ContainsKey('Notes') -and $null -ne $Notes) { $switch.Notes = $Notes }
                    if ($Passthru) { Add-HvOutput $result (ConvertTo-HvSwitch $switch) }
                }
            }
        }
    }
}

function Rename-VMSwitch {
    [CmdletBinding(DefaultParameterSetName = 'SwitchName', SupportsShouldProcess = $true)]
    [OutputType('Microsoft.HyperV.PowerShell.VMSwitch')]
    param(
        [Parameter(ParameterSetName = 'SwitchName', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [Alias('SwitchName')]
        [ValidateNotNullOrEmpty()]
        [string[]]$Name,

        [Parameter(ParameterSetName = 'SwitchObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VMSwitch[]]$VMSwitch,

        [Parameter(Mandatory = $true, Position = 1)]
        [ValidateNotNullOrEmpty()]
        [string]$NewName,

        [switch]$Passthru
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters -HvWrite {
            param($tx, $result, $bound)
            foreach ($switch in (Resolve-HvSwitchTarget $tx.State $bound $result)) {
                if (-not $PSCmdlet.ShouldProcess($switch.Name, 'Rename-VMSwitch')) { continue }
                $switch.Name = $NewName
                if ($Passthru) { Add-HvOutput $result (ConvertTo-HvSwitch $switch) }
            }
        }
    }
}
