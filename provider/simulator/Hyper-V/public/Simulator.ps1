# Simulator-only cmdlets: guest profiles and fault injection (see README.md).

function Set-VMSimGuest {
    <#
    .SYNOPSIS
    Sets which integration services the guest of a simulated VM answers.
    .DESCRIPTION
    Profiles: None (no operating system: nothing answers; the state of a VM whose profile was
    never set), LinuxIcsV2 (a Linux guest with Integration Components v2: none of Shutdown, Time
    Synchronization, VSS, Key-Value Pair Exchange, Heartbeat, Guest Service Interface answers),
    Full (a guest with current integration services: all answer). -AnsweringService replaces
    the profile's list with exactly the given services. -IPAddress sets the addresses the guest
    reports for one network adapter (-VMNetworkAdapterName, default the VM's first adapter)
    through Key-Value Pair Exchange, -IPAddressDelaySeconds how long after the start it reports
    them. -KvpIntrinsicItem sets the guest-intrinsic Key-Value Pair Exchange items the guest's KVP
    daemon reports (Name = Data, e.g. @{ OSName = 'FreeBSD'; OSVersion = '13.1-RELEASE' }), which
    Get-VMSimKvpExchangeComponent shows as a real host's Msvm_KvpExchangeComponent does; an empty
    table removes them. Without -Profile the current profile stays.
    #>
    [CmdletBinding(DefaultParameterSetName = 'VMName', SupportsShouldProcess = $true)]
    param(
        [Parameter(ParameterSetName = 'VMName', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [string[]]$VMName,

        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VirtualMachine[]]$VM,

        [Parameter(ParameterSetName = 'VMId', Mandatory = $true)]
        [Guid[]]$VMId,

        [Parameter(Position = 1)]
        [ValidateSet('None', 'LinuxIcsV2', 'Full')]
        [Alias('Profile')]
        [string]$GuestProfile,

        [ValidateSet('Guest Service Interface', 'Heartbeat', 'Key-Value Pair Exchange', 'Shutdown', 'Time Synchronization', 'VSS')]
        [string[]]$AnsweringService,

        [AllowEmptyCollection()]
        [string[]]$IPAddress,

        [ValidateNotNullOrEmpty()]
        [string]$VMNetworkAdapterName,

        [ValidateRange(0, 86400)]
        [Nullable[double]]$IPAddressDelaySeconds,

        [hashtable]$KvpIntrinsicItem,

        [switch]$Passthru
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters -HvWrite {
            param($tx, $result, $bound)
            if ($PSCmdlet.ParameterSetName -eq 'VMId') {
                $vms = [System.Collections.ArrayList]::new()
                foreach ($id in $VMId) {
                    $vm = Get-HvVMById $tx.State $id
                    if ($vm) { [void]$vms.Add($vm) }
                    else { Add-HvError $result (New-HvErrorRecord -ErrorId 'ObjectNotFound' -Category ObjectNotFound -Message ('Hyper-V was unable to find a virtual machine with id "{0}".' -f $id)) }
                }
            } else {
                $vms = Resolve-HvVMTarget $tx.State $bound $result
            }
            if (-not $GuestProfile -and -not $bound.ContainsKey('IPAddress') -and $null -eq $IPAddressDelaySeconds -and $null -eq $KvpIntrinsicItem) {
                Stop-HvInvalidParameter 'Specify the guest with -Profile, the addresses it reports with -IPAddress, the KVP items it reports with -KvpIntrinsicItem, or several.'
            }
            $items = $null
            if ($null -ne $KvpIntrinsicItem) { $items = ConvertTo-HvKvpItems $KvpIntrinsicItem }
            $addresses = $null
            if ($bound.ContainsKey('IPAddress')) { $addresses = ConvertTo-HvGuestAddresses $IPAddress }
            foreach ($vm in $vms) {
                Invoke-HvTarget $result {
                    if (-not $PSCmdlet.ShouldProcess($vm.Name, 'Set-VMSimGuest')) { continue }
                    $guest = Get-HvGuestRecord $vm
                    if ($GuestProfile) {
                        $answering = @($script:HvGuestProfiles[$GuestProfile])
                        if ($bound.ContainsKey('AnsweringService')) { $answering = @($AnsweringService) }
                        $guest.Profile = $GuestProfile
                        $guest.AnsweringServices = New-Object System.Collections.ArrayList -ArgumentList (, [object[]]$answering)
                    }
                    if ($null -ne $addresses) { Set-HvGuestAddresses $vm $guest $VMNetworkAdapterName $addresses }
                    if ($null -ne $IPAddressDelaySeconds) { $guest.AddressDelaySeconds = [double]$IPAddressDelaySeconds }
                    if ($null -ne $items) { $guest.IntrinsicItems = $items }
                    $vm.Guest = $guest
                    if ($Passthru) { Add-HvOutput $result (ConvertTo-HvSimGuest $vm) }
                }
            }
        }
    }
}

function ConvertTo-HvSimGuest($VM) {
    $profileName = 'None'
    if ($VM.Guest) { $profileName = [string]$VM.Guest.Profile }
    return [pscustomobject]@{
        PSTypeName        = 'HyperVSimulator.GuestProfile'
        VMName            = $VM.Name
        VMId              = [Guid]$VM.Id
        Profile           = $profileName
        IsSet             = $null -ne $VM.Guest
        AnsweringServices = [string[]]@(Get-HvAnsweringServices $VM)
        IPAddresses       = [string[]]@(if ($VM.Guest -and $VM.Guest.Addresses) { foreach ($list in $VM.Guest.Addresses.Values) { $list } })
        Files             = [string[]]@(if ($VM.Guest -and $VM.Guest.Files) { $VM.Guest.Files.Keys | Sort-Object })
    }
}

function Get-VMSimGuest {
    <#
    .SYNOPSIS
    Shows the guest profile of simulated VMs.
    #>
    [CmdletBinding(DefaultParameterSetName = 'VMName')]
    param(
        [Parameter(ParameterSetName = 'VMName', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [string[]]$VMName,

        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VirtualMachine[]]$VM
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters {
            param($tx, $result, $bound)
            foreach ($vm in (Resolve-HvVMTarget $tx.State $bound $result)) { Add-HvOutput $result (ConvertTo-HvSimGuest $vm) }
        }
    }
}

function Get-VMSimKvpExchangeComponent {
    <#
    .SYNOPSIS
    The simulated host's answer to Get-CimInstance -Namespace root\virtualization\v2 -ClassName Msvm_KvpExchangeComponent.
    .DESCRIPTION
    One object per VM: SystemName (the VM's id) and GuestIntrinsicExchangeItems, the items the
    guest reports (set with Set-VMSimGuest -KvpIntrinsicItem) as Msvm_KvpExchangeDataItem embedded
    instances (CIM-XML). As on a real host the list is empty unless the VM runs, its Key-Value Pair
    Exchange service is enabled and the guest answers it.
    #>
    [CmdletBinding()]
    param()
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters {
            param($tx, $result, $bound)
            foreach ($vm in @($tx.State.vms.Values)) {
                $xml = [System.Collections.Generic.List[string]]::new()
                if ($vm.Guest -and $vm.Guest.IntrinsicItems -and (Test-HvServiceResponding $vm 'Key-Value Pair Exchange')) {
                    foreach ($name in @($vm.Guest.IntrinsicItems.Keys | Sort-Object)) {
                        $xml.Add((ConvertTo-HvKvpDataItemXml $name ([string]$vm.Guest.IntrinsicItems[$name])))
                    }
                }
                Add-HvOutput $result ([pscustomobject]@{
                        PSTypeName                  = 'HyperVSimulator.KvpExchangeComponent'
                        SystemName                  = ([Guid]$vm.Id).ToString().ToUpperInvariant()
                        GuestIntrinsicExchangeItems = [string[]]$xml.ToArray()
                    })
            }
        }
    }
}

function Add-VMSimFault {
    <#
    .SYNOPSIS
    Injects a fault into calls of a simulated cmdlet (all processes sharing the state directory).
    .DESCRIPTION
    Writes a rule to faults.json in the state directory. -Call N applies it to the Nth call of
    the command only (counted across processes from the moment the rule is added); without it,
    to every call. Actions: Fail (a non-terminating error with -ErrorId/-Category/-Message, or a
    terminating one with -Terminating), Delay (-DelayMilliseconds, then the call runs), Hang
    (never returns), Exit (the hosting PowerShell process exits with -ExitCode).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true, Position = 0)]
        [ValidateNotNullOrEmpty()]
        [string]$CommandName,

        [Parameter(Mandatory = $true, Position = 1)]
        [ValidateSet('Fail', 'Delay', 'Hang', 'Exit')]
        [string]$Action,

        [ValidateRange(1, 2147483647)]
        [int]$Call,

        [string]$ErrorId = 'OperationFailed',
        [Management.Automation.ErrorCategory]$Category = [Management.Automation.ErrorCategory]::InvalidOperation,
        [string]$Message,
        [switch]$Terminating,
        [ValidateRange(0, 2147483647)]
        [int]$DelayMilliseconds = 1000,
        [int]$ExitCode = 1
    )
    $rule = New-HvTable
    $rule.command = $CommandName
    $rule.action = $Action.ToLowerInvariant()
    if ($PSBoundParameters.ContainsKey('Call')) { $rule.call = $Call }
    $rule.errorId = $ErrorId
    $rule.category = [string]$Category
    if ($Message) { $rule.message = $Message }
    $rule.terminating = [bool]$Terminating
    $rule.delayMilliseconds = $DelayMilliseconds
    $rule.exitCode = $ExitCode
    [void](Update-HvSideFile -Name 'faults.json' -Update {
            param($data)
            $rules = [System.Collections.ArrayList]::new()
            if ($data) { foreach ($existing in $data) { [void]$rules.Add($existing) } }
            [void]$rules.Add($rule)
            @{ Data = $rules; Value = $null }
        })
    # Counting starts with the rule: earlier calls of the command do not count.
    [void](Update-HvSideFile -Name 'fault-calls.json' -Update {
            param($data)
            if ($data -and $data.ContainsKey($CommandName)) { $data.Remove($CommandName) }
            @{ Data = $data; Value = $null }
        })
}

function Get-VMSimFault {
    <#
    .SYNOPSIS
    Lists the fault rules in effect (environment variable HYPERV_SIM_FAULTS and faults.json).
    #>
    [CmdletBinding()]
    param()
    foreach ($rule in (Get-HvFaultRules (Get-HvStateDirectory))) { [pscustomobject]$rule }
}

function Clear-VMSimFault {
    <#
    .SYNOPSIS
    Removes every fault rule of faults.json and resets the call counters.
    #>
    [CmdletBinding()]
    param()
    [void](Update-HvSideFile -Name 'faults.json' -Update { param($data) @{ Data = $null; Value = $null } })
    [void](Update-HvSideFile -Name 'fault-calls.json' -Update { param($data) @{ Data = $null; Value = $null } })
}
