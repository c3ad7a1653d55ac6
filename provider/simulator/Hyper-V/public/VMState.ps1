# Start-VM, Stop-VM, Save-VM, Suspend-VM, Resume-VM: the state machine of the real module. Transitions are immediate.

$script:HvAlreadyInStateMessage = 'The virtual machine is already in the specified state.'

function Stop-HvWrongState($VM) {
    Stop-HvInvalidState 'The operation cannot be performed while the virtual machine is in its current state.' $VM.Name
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
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters -HvWrite {
            param($tx, $result, $bound)
            Assert-HvNoAsJob $AsJob
            foreach ($vm in (Resolve-HvVMTarget $tx.State $bound $result -NameParameter 'Name')) {
                Invoke-HvTarget $result {
                    if (-not $PSCmdlet.ShouldProcess($vm.Name, 'Start-VM')) { continue }
                    switch ($vm.State) {
                        'Running' { Add-HvWarning $result $script:HvAlreadyInStateMessage }
                        'Paused' {
                            Add-HvWarning $result ('The virtual machine "{0}" was paused. Use the Resume-VM cmdlet to return a paused virtual machine to a running state.' -f $vm.Name)
                            Set-HvVMRunning $tx.State $vm
                        }
                        'Off' { Set-HvVMRunning $tx.State $vm }
                        'Saved' { Set-HvVMRunning $tx.State $vm }
                        default { Stop-HvWrongState $vm }
                    }
                    if ($Passthru) { Add-HvOutput $result (ConvertTo-HvVirtualMachine $tx.State $vm) }
                }
            }
        }
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
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters -HvWrite {
            param($tx, $result, $bound)
            Assert-HvNoAsJob $AsJob
            if ($Save -and $TurnOff) { Stop-HvInvalidParameter 'The Save and TurnOff parameters are mutually exclusive.' }
            foreach ($vm in (Resolve-HvVMTarget $tx.State $bound $result -NameParameter 'Name')) {
                Invoke-HvTarget $result {
                    if (-not $PSCmdlet.ShouldProcess($vm.Name, 'Stop-VM')) { continue }
                    if ($Save) {
                        switch ($vm.State) {
                            'Saved' { Add-HvWarning $result $script:HvAlreadyInStateMessage }
                            'Running' { $vm.State = 'Saved' }
                            'Paused' { $vm.State = 'Saved' }
                            default { Stop-HvWrongState $vm }
                        }
                    } elseif ($TurnOff) {
                        switch ($vm.State) {
                            'Off' { Add-HvWarning $result $script:HvAlreadyInStateMessage }
                            'Running' { Set-HvVMOff $vm }
                            'Paused' { Set-HvVMOff $vm }
                            'Saved' { Set-HvVMOff $vm }
                            default { Stop-HvWrongState $vm }
                        }
                    } elseif ($vm.State -eq 'Off') {
                        Add-HvWarning $result $script:HvAlreadyInStateMessage
                    } elseif ($vm.State -eq 'Running' -and (Test-HvServiceResponding $vm 'Shutdown')) {
                        # The guest shuts itself down through the Shutdown integration service.
                        Set-HvVMOff $vm
                    } elseif ($Force) {
                        # Without a working Shutdown integration service, -Force turns the VM off.
                        Set-HvVMOff $vm
                    } else {
                        Stop-HvConfirmationRequired ('Hyper-V can''t shut down virtual machine "{0}" because the Shutdown integration service is unavailable. To avoid the potential loss of data, you can turn off the virtual machine only with -TurnOff or -Force.' -f $vm.Name)
                    }
                    if ($Passthru) { Add-HvOutput $result (ConvertTo-HvVirtualMachine $tx.State $vm) }
                }
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
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters -HvWrite {
            param($tx, $result, $bound)
            Assert-HvNoAsJob $AsJob
            foreach ($vm in (Resolve-HvVMTarget $tx.State $bound $result -NameParameter 'Name')) {
                Invoke-HvTarget $result {
                    if (-not $PSCmdlet.ShouldProcess($vm.Name, 'Save-VM')) { continue }
                    switch ($vm.State) {
                        'Saved' { Add-HvWarning $result $script:HvAlreadyInStateMessage }
                        'Running' { $vm.State = 'Saved' }
                        'Paused' { $vm.State = 'Saved' }
                        default { Stop-HvWrongState $vm }
                    }
                    if ($Passthru) { Add-HvOutput $result (ConvertTo-HvVirtualMachine $tx.State $vm) }
                }
            }
        }
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
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters -HvWrite {
            param($tx, $result, $bound)
            Assert-HvNoAsJob $AsJob
            foreach ($vm in (Resolve-HvVMTarget $tx.State $bound $result -NameParameter 'Name')) {
                Invoke-HvTarget $result {
                    if (-not $PSCmdlet.ShouldProcess($vm.Name, 'Suspend-VM')) { continue }
                    switch ($vm.State) {
                        'Paused' { Add-HvWarning $result $script:HvAlreadyInStateMessage }
                        'Running' { $vm.State = 'Paused' }
                        default { Stop-HvWrongState $vm }
                    }
                    if ($Passthru) { Add-HvOutput $result (ConvertTo-HvVirtualMachine $tx.State $vm) }
                }
            }
        }
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
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters -HvWrite {
            param($tx, $result, $bound)
            Assert-HvNoAsJob $AsJob
            foreach ($vm in (Resolve-HvVMTarget $tx.State $bound $result -NameParameter 'Name')) {
                Invoke-HvTarget $result {
                    if (-not $PSCmdlet.ShouldProcess($vm.Name, 'Resume-VM')) { continue }
                    switch ($vm.State) {
                        'Running' { Add-HvWarning $result $script:HvAlreadyInStateMessage }
                        'Paused' { Set-HvVMRunning $tx.State $vm }
                        default { Stop-HvWrongState $vm }
                    }
                    if ($Passthru) { Add-HvOutput $result (ConvertTo-HvVirtualMachine $tx.State $vm) }
                }
            }
        }
    }
}
