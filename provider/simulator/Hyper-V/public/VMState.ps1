# Start-VM, Stop-VM, Save-VM, Suspend-VM, Resume-VM: the state machine of the real module. Transitions are immediate.

$script:HvAlreadyInStateMessage = 'The virtual machine is already in the specified state.'

# The module-side transition rules: the state each action reaches and the states it may start from.
$script:HvTransitions = @{
    Start   = @{ Target = 'Running'; From = @('Off', 'Saved', 'Paused') }
    Save    = @{ Target = 'Saved'; From = @('Running', 'Paused') }
    TurnOff = @{ Target = 'Off'; From = @('Running', 'Paused', 'Saved') }
    Suspend = @{ Target = 'Paused'; From = @('Running') }
    Resume  = @{ Target = 'Running'; From = @('Paused') }
}

# Dynamic MAC addresses are assigned from the host pool when the VM first starts.
function Set-HvVMRunning($State, $VM) {
    foreach ($nic in $VM.NetworkAdapters) {
        if ($nic.DynamicMacAddressEnabled -and $nic.MacAddress -eq '000000000000') { $nic.MacAddress = Get-HvNextDynamicMac $State }
    }
    if ($VM.State -ne 'Paused') { $VM.StartedAt = [DateTime]::UtcNow.ToString('o') }
    $VM.State = 'Running'
}

function Set-HvVMOff($VM) {
    $VM.State = 'Off'
    $VM.StartedAt = $null
}

# One action of the state machine on one VM: already in the target state is the real warning, a
# state the action cannot start from is InvalidState with the VM as the error's target.
# A VM starts (or restores its saved state) only when the host can give it its startup memory next
# to the VMs already running; otherwise VMMS fails with OutOfMemory (category FromStdErr), as field
# reports of Start-VM show (canonical/multipass#3345, kubernetes/minikube#18049).
function Assert-HvHostMemoryFor($State, $VM) {
    $inUseMB = [long]0
    foreach ($other in $State.vms.Values) {
        if ($other.Id -ne $VM.Id -and (Test-HvVMActive $other)) { $inUseMB += [long]$other.Memory.StartupMB }
    }
    $capacityMB = [long]($script:HvHostInfo.MemoryCapacity / $script:HvMB)
    $neededMB = [long]$VM.Memory.StartupMB
    if ($inUseMB + $neededMB -gt $capacityMB) {
        $message = Join-HvMessage ("'{0}' failed to start." -f $VM.Name) (
            "Not enough memory in the system to start the virtual machine {0} with ram size {1} megabytes. (Virtual machine ID {2})" -f $VM.Name, $neededMB, $VM.Id.ToUpperInvariant())
        Stop-HvOperation -ErrorId 'OutOfMemory' -Category FromStdErr -Message $message
    }
}

function Invoke-HvTransition($State, $Result, $VM, [string]$Action) {
    $rule = $script:HvTransitions[$Action]
    if ($VM.State -eq $rule.Target) {
        Add-HvWarning $Result $script:HvAlreadyInStateMessage
        return
    }
    if ($rule.From -notcontains $VM.State) {
        Stop-HvInvalidState 'The operation cannot be performed while the virtual machine is in its current state.' (ConvertTo-HvVirtualMachine $State $VM)
    }
    if ($Action -eq 'Start' -and $VM.State -eq 'Paused') {
        Add-HvWarning $Result ('The virtual machine "{0}" was paused. Use the Resume-VM cmdlet to return a paused virtual machine to a running state.' -f $VM.Name)
    }
    if ($rule.Target -eq 'Running' -and $VM.State -ne 'Paused') { Assert-HvHostMemoryFor $State $VM }
    switch ($rule.Target) {
        'Running' { Set-HvVMRunning $State $VM }
        'Off' { Set-HvVMOff $VM }
        default { $VM.State = $rule.Target }
    }
}

function Start-VM {
    [CmdletBinding(DefaultParameterSetName = 'Name', SupportsShouldProcess = $true)]
    [OutputType('Microsoft.HyperV.PowerShell.VirtualMachine')]
    param(
        [Parameter(ParameterSetName = 'Name', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [Alias('VMName')]
        [ValidateNotNullOrEmpty()]
        [string[]]$Name,

        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VirtualMachine[]]$VM,

        [switch]$AsJob,
        [switch]$Passthru
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvPerVMCmdlet $PSCmdlet $call $PSBoundParameters -HvChange { param($tx, $result, $vm) Invoke-HvTransition $tx.State $result $vm 'Start' }
    }
}

function Stop-VM {
    [CmdletBinding(DefaultParameterSetName = 'Name', SupportsShouldProcess = $true)]
    [OutputType('Microsoft.HyperV.PowerShell.VirtualMachine')]
    param(
        [Parameter(ParameterSetName = 'Name', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [Alias('VMName')]
        [ValidateNotNullOrEmpty()]
        [string[]]$Name,

        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VirtualMachine[]]$VM,

        [switch]$Save,
        [switch]$TurnOff,
        [switch]$Force,
        [switch]$AsJob,
        [switch]$Passthru
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvPerVMCmdlet $PSCmdlet $call $PSBoundParameters -HvCheck {
            if ($Save -and $TurnOff) { Stop-HvInvalidParameter 'The Save and TurnOff parameters are mutually exclusive.' }
        } -HvChange {
            param($tx, $result, $vm)
            if ($Save) { Invoke-HvTransition $tx.State $result $vm 'Save' }
            elseif ($TurnOff) { Invoke-HvTransition $tx.State $result $vm 'TurnOff' }
            elseif ($vm.State -eq 'Off') { Add-HvWarning $result $script:HvAlreadyInStateMessage }
            elseif ($vm.State -eq 'Running' -and (Test-HvServiceResponding $vm 'Shutdown')) {
                # The guest shuts itself down through the Shutdown integration service.
                Set-HvVMOff $vm
            } elseif ($Force) {
                # Without a working Shutdown integration service, -Force turns the VM off.
                Set-HvVMOff $vm
            } else {
                Stop-HvConfirmationRequired ('Hyper-V can''t shut down virtual machine "{0}" because the Shutdown integration service is unavailable. To avoid the potential loss of data, you can turn off the virtual machine only with -TurnOff or -Force.' -f $vm.Name)
            }
        }
    }
}

function Save-VM {
    [CmdletBinding(DefaultParameterSetName = 'Name', SupportsShouldProcess = $true)]
    [OutputType('Microsoft.HyperV.PowerShell.VirtualMachine')]
    param(
        [Parameter(ParameterSetName = 'Name', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [Alias('VMName')]
        [ValidateNotNullOrEmpty()]
        [string[]]$Name,

        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VirtualMachine[]]$VM,

        [switch]$AsJob,
        [switch]$Passthru
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvPerVMCmdlet $PSCmdlet $call $PSBoundParameters -HvChange { param($tx, $result, $vm) Invoke-HvTransition $tx.State $result $vm 'Save' }
    }
}

function Suspend-VM {
    [CmdletBinding(DefaultParameterSetName = 'Name', SupportsShouldProcess = $true)]
    [OutputType('Microsoft.HyperV.PowerShell.VirtualMachine')]
    param(
        [Parameter(ParameterSetName = 'Name', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [Alias('VMName')]
        [ValidateNotNullOrEmpty()]
        [string[]]$Name,

        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VirtualMachine[]]$VM,

        [switch]$AsJob,
        [switch]$Passthru
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvPerVMCmdlet $PSCmdlet $call $PSBoundParameters -HvChange { param($tx, $result, $vm) Invoke-HvTransition $tx.State $result $vm 'Suspend' }
    }
}

function Resume-VM {
    [CmdletBinding(DefaultParameterSetName = 'Name', SupportsShouldProcess = $true)]
    [OutputType('Microsoft.HyperV.PowerShell.VirtualMachine')]
    param(
        [Parameter(ParameterSetName = 'Name', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [Alias('VMName')]
        [ValidateNotNullOrEmpty()]
        [string[]]$Name,

        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VirtualMachine[]]$VM,

        [switch]$AsJob,
        [switch]$Passthru
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvPerVMCmdlet $PSCmdlet $call $PSBoundParameters -HvChange { param($tx, $result, $vm) Invoke-HvTransition $tx.State $result $vm 'Resume' }
    }
}
