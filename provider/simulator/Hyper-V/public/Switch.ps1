# Get-VMSwitch, New-VMSwitch, Remove-VMSwitch.

function Get-VMSwitch {
    [CmdletBinding(DefaultParameterSetName = 'Name')]
    [OutputType('Microsoft.HyperV.PowerShell.VMSwitch')]
    param(
        [Parameter(ParameterSetName = 'Name', Position = 0, ValueFromPipeline = $true)]
        [Alias('SwitchName')]
        [ValidateNotNullOrEmpty()]
        [string]$Name,

        [Parameter(ParameterSetName = 'Id', Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)]
        [Alias('SwitchId')]
        [ValidateNotNull()]
        [Guid[]]$Id,

        [Parameter(ParameterSetName = 'Name', Position = 1)]
        [string[]]$ResourcePoolName,

        [Microsoft.HyperV.PowerShell.VMSwitchType[]]$SwitchType
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters {
            param($tx, $result, $bound)
            $switches = [System.Collections.ArrayList]::new()
            if ($PSCmdlet.ParameterSetName -eq 'Id') {
                foreach ($switchId in $Id) {
                    $key = $switchId.ToString()
                    if ($tx.State.switches.ContainsKey($key)) { [void]$switches.Add($tx.State.switches[$key]) }
                    else { Add-HvError $result (New-HvErrorRecord -ErrorId 'ObjectNotFound' -Category ObjectNotFound -Message 'No Ethernet switch could be found matching the specified criteria.') }
                }
            } else {
                foreach ($switch in (Get-HvSortedByName $tx.State.switches.Values)) {
                    if ([string]::IsNullOrEmpty($Name) -or (Test-HvNameMatch $Name $switch.Name)) { [void]$switches.Add($switch) }
                }
                if ($switches.Count -eq 0 -and $Name -and -not (Test-HvWildcard $Name)) {
                    Stop-HvInvalidParameter ('Hyper-V was unable to find a virtual switch with name "{0}".' -f $Name) $Name
                }
            }
            foreach ($switch in $switches) {
                # Private is 0, so the filter is tested for presence, not truth.
                if ($bound.ContainsKey('SwitchType') -and ($SwitchType | ForEach-Object { [string]$_ }) -notcontains $switch.SwitchType) { continue }
                Add-HvOutput $result (ConvertTo-HvSwitch $switch)
            }
        }
    }
}

function New-VMSwitch {
    [CmdletBinding(DefaultParameterSetName = 'SwitchType', SupportsShouldProcess = $true)]
    [OutputType('Microsoft.HyperV.PowerShell.VMSwitch')]
    param(
        [Parameter(Mandatory = $true, Position = 0)]
        [Alias('SwitchName')]
        [ValidateNotNullOrEmpty()]
        [string]$Name,

        [Parameter(ParameterSetName = 'SwitchType', Mandatory = $true)]
        [ValidateSet('Internal', 'Private')]
        [Microsoft.HyperV.PowerShell.VMSwitchType]$SwitchType,

        [Parameter(ParameterSetName = 'NetAdapterName', Mandatory = $true)]
        [Alias('InterfaceAlias')]
        [ValidateNotNullOrEmpty()]
        [string[]]$NetAdapterName,

        [Parameter(ParameterSetName = 'NetAdapterInterfaceDescription', Mandatory = $true)]
        [Alias('InterfaceDescription')]
        [ValidateNotNullOrEmpty()]
        [string[]]$NetAdapterInterfaceDescription,

        [Parameter(ParameterSetName = 'NetAdapterName')]
        [Parameter(ParameterSetName = 'NetAdapterInterfaceDescription')]
        [bool]$AllowManagementOS = $true,

        [string]$Notes,
        [Nullable[Microsoft.HyperV.PowerShell.VMSwitchBandwidthMode]]$MinimumBandwidthMode,
        [Nullable[bool]]$EnableIov,
        [Nullable[bool]]$EnablePacketDirect,
        [Nullable[bool]]$EnableEmbeddedTeaming,

        [Alias('SwitchId')]
        [ValidateNotNullOrEmpty()]
        [string]$Id
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters -HvWrite {
            param($tx, $result, $bound)
            $switchId = [Guid]::NewGuid()
            if ($Id -and -not [Guid]::TryParse($Id, [ref]$switchId)) { Stop-HvInvalidParameter 'The parameter "Id" is not in the correct format.' $Id }
            if ($tx.State.switches.ContainsKey($switchId.ToString())) {
                Stop-HvOperation -ErrorId 'OperationFailed' -Category NotSpecified -Message (Join-HvMessage 'Failed while creating virtual Ethernet switch.' (
                        "A virtual switch with the identifier '{0}' already exists." -f $switchId))
            }
            if (-not $PSCmdlet.ShouldProcess($Name, 'New-VMSwitch')) { return }
            $physical = $null
            $teaming = ($null -ne $EnableEmbeddedTeaming -and [bool]$EnableEmbeddedTeaming)
            $type = 'External'
            if ($PSCmdlet.ParameterSetName -eq 'SwitchType') {
                $type = [string]$SwitchType
            } else {
                $wanted = $NetAdapterName
                $field = 'Name'
                if ($PSCmdlet.ParameterSetName -eq 'NetAdapterInterfaceDescription') { $wanted = $NetAdapterInterfaceDescription; $field = 'InterfaceDescription' }
                # Several adapters turn embedded teaming on unless it is switched off explicitly.
                if ($wanted.Count -gt 1) {
                    if ($null -ne $EnableEmbeddedTeaming -and -not [bool]$EnableEmbeddedTeaming) {
                        Stop-HvInvalidParameter 'Teaming multiple network adapters requires -EnableEmbeddedTeaming $true.'
                    }
                    $teaming = $true
                }
                foreach ($adapterName in $wanted) {
                    $match = $script:HvHostInfo.PhysicalAdapters | Where-Object { $_[$field] -eq $adapterName } | Select-Object -First 1
                    if ($null -eq $match) { Stop-HvObjectNotFound ("Physical network adapter '{0}' not found." -f $adapterName) $adapterName }
                    foreach ($existing in $tx.State.switches.Values) {
                        if ($existing.NetAdapterInterfaceGuid -eq $match.Guid) {
                            Stop-HvObjectInUse (Join-HvMessage 'Failed while adding virtual Ethernet switch connections.' (
                                    "The network adapter '{0}' is already bound to the virtual switch '{1}'." -f $match.Name, $existing.Name)) $adapterName
                        }
                    }
                    if ($null -eq $physical) { $physical = $match }
                }
            }
            $switch = New-HvTable
            $switch.Id = $switchId.ToString()
            $switch.Name = $Name
            $switch.SwitchType = $type
            $switch.Notes = ''
            if ($Notes) { $switch.Notes = $Notes }
            $switch.AllowManagementOS = ($type -eq 'Internal') -or ($type -eq 'External' -and $AllowManagementOS)
            $switch.NetAdapterInterfaceDescription = ''
            $switch.NetAdapterInterfaceGuid = $null
            if ($physical) {
                $switch.NetAdapterInterfaceDescription = $physical.InterfaceDescription
                $switch.NetAdapterInterfaceGuid = $physical.Guid
            }
            $mode = 'Weight'
            if ($null -ne $MinimumBandwidthMode -and [string]$MinimumBandwidthMode -ne 'Default') { $mode = [string]$MinimumBandwidthMode }
            if ($null -ne $EnableIov -and $EnableIov -and ($null -eq $MinimumBandwidthMode -or [string]$MinimumBandwidthMode -eq 'Default')) { $mode = 'None' }
            $switch.BandwidthReservationMode = $mode
            $switch.IovEnabled = ($null -ne $EnableIov -and [bool]$EnableIov)
            $switch.PacketDirectEnabled = ($null -ne $EnablePacketDirect -and [bool]$EnablePacketDirect)
            $switch.EmbeddedTeamingEnabled = $teaming
            $switch.ManagementAdapterId = [Guid]::NewGuid().ToString().ToUpperInvariant()
            $switch.ManagementMacAddress = Get-HvNextDynamicMac $tx.State
            $tx.State.switches[$switch.Id] = $switch
            Add-HvOutput $result (ConvertTo-HvSwitch $switch)
        }
    }
}

function Remove-VMSwitch {
    [CmdletBinding(DefaultParameterSetName = 'Name', SupportsShouldProcess = $true)]
    param(
        [Parameter(ParameterSetName = 'Name', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [Alias('SwitchName')]
        [ValidateNotNullOrEmpty()]
        [string[]]$Name,

        [Parameter(ParameterSetName = 'SwitchObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VMSwitch[]]$VMSwitch,

        [switch]$Force
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters -HvWrite {
            param($tx, $result, $bound)
            $targets = [System.Collections.ArrayList]::new()
            if ($PSCmdlet.ParameterSetName -eq 'SwitchObject') {
                foreach ($object in $VMSwitch) {
                    $key = $object.Id.ToString()
                    if ($tx.State.switches.ContainsKey($key)) { [void]$targets.Add($tx.State.switches[$key]) }
                    else { Add-HvError $result (New-HvErrorRecord -ErrorId 'ObjectNotFound' -Category ObjectNotFound -Message 'No Ethernet switch could be found matching the specified criteria.') }
                }
            } else {
                foreach ($pattern in $Name) {
                    $found = Find-HvSwitchByName $tx.State $pattern
                    if ($found.Count -eq 0 -and -not (Test-HvWildcard $pattern)) {
                        Add-HvError $result (New-HvErrorRecord -ErrorId 'ObjectNotFound' -Category ObjectNotFound -Message (
                                'Hyper-V was unable to find a virtual switch with name "{0}".' -f $pattern))
                    }
                    foreach ($switch in $found) { if (-not $targets.Contains($switch)) { [void]$targets.Add($switch) } }
                }
            }
            foreach ($switch in $targets) {
                Invoke-HvTarget $result {
                    if (-not $PSCmdlet.ShouldProcess($switch.Name, 'Remove-VMSwitch')) { continue }
                    if (-not $Force) { Stop-HvConfirmationRequired ('Are you sure you want to remove the virtual switch "{0}"?' -f $switch.Name) }
                    foreach ($vm in $tx.State.vms.Values) {
                        if (-not (Test-HvVMActive $vm)) { continue }
                        foreach ($nic in $vm.NetworkAdapters) {
                            if ($nic.SwitchId -eq $switch.Id) {
                                Stop-HvObjectInUse (Join-HvMessage 'Failed while removing virtual Ethernet switch.' (
                                        "The virtual switch '{0}' cannot be deleted because it is being used by running virtual machines or assigned to child pools." -f $switch.Name)) $switch.Name
                            }
                        }
                    }
                    foreach ($vm in $tx.State.vms.Values) {
                        foreach ($nic in $vm.NetworkAdapters) {
                            if ($nic.SwitchId -eq $switch.Id) { $nic.SwitchId = $null; Register-HvChangedVM $vm }
                        }
                    }
                    $tx.State.switches.Remove($switch.Id)
                }
            }
        }
    }
}
