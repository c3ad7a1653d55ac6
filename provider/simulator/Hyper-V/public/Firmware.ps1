# Get-VMFirmware, Set-VMFirmware (Generation 2 only).

function Get-VMFirmware {
    [CmdletBinding(DefaultParameterSetName = 'VMName')]
    [OutputType('Microsoft.HyperV.PowerShell.VMFirmware')]
    param(
        [Parameter(ParameterSetName = 'VMName', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [string[]]$VMName,

        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VirtualMachine[]]$VM,

        [Parameter(ParameterSetName = 'VMSnapshot', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [Alias('VMCheckpoint')]
        [ValidateNotNull()]
        [Microsoft.HyperV.PowerShell.VMSnapshot]$VMSnapshot
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters {
            param($tx, $result, $bound)
            if ($PSCmdlet.ParameterSetName -eq 'VMSnapshot') {
                foreach ($pair in (Find-HvSnapshotByObject $tx.State @($VMSnapshot) $result)) {
                    # The firmware the checkpoint captured, named after the checkpoint as the real module does.
                    $view = Get-HvSnapshotView $pair.VM $pair.Snapshot
                    $view.Name = $pair.Snapshot.Name
                    Assert-HvFirmwareGeneration $view
                    $firmware = ConvertTo-HvFirmware $tx.State $view
                    $firmware.VMName = $pair.VM.Name
                    $firmware.VMSnapshotId = [Guid]$pair.Snapshot.Id
                    $firmware.VMSnapshotName = $pair.Snapshot.Name
                    Add-HvOutput $result $firmware
                }
                return
            }
            foreach ($vm in (Resolve-HvVMTarget $tx.State $bound $result)) {
                Invoke-HvTarget $result {
                    Assert-HvFirmwareGeneration $vm
                    Add-HvOutput $result (ConvertTo-HvFirmware $tx.State $vm)
                }
            }
        }
    }
}

function Set-VMFirmware {
    [CmdletBinding(DefaultParameterSetName = 'VMName', SupportsShouldProcess = $true)]
    [OutputType('Microsoft.HyperV.PowerShell.VMFirmware')]
    param(
        [Parameter(ParameterSetName = 'VMName', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [string[]]$VMName,

        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VirtualMachine[]]$VM,

        [Parameter(ParameterSetName = 'VMFirmware', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VMFirmware[]]$VMFirmware,

        [Microsoft.HyperV.PowerShell.VMComponentObject[]]$BootOrder,
        [Microsoft.HyperV.PowerShell.VMComponentObject]$FirstBootDevice,
        [Nullable[Microsoft.HyperV.PowerShell.OnOffState]]$EnableSecureBoot,
        [string]$SecureBootTemplate,
        [Nullable[Guid]]$SecureBootTemplateId,
        [Nullable[Microsoft.HyperV.PowerShell.IPProtocolPreference]]$PreferredNetworkBootProtocol,
        [Nullable[Microsoft.HyperV.PowerShell.ConsoleModeType]]$ConsoleMode,
        [Nullable[Microsoft.HyperV.PowerShell.OnOffState]]$PauseAfterBootFailure,
        [switch]$Passthru
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvPerVMCmdlet $PSCmdlet $call $PSBoundParameters -HvNameParameter 'VMName' -HvComponentParameter 'VMFirmware' -HvOutput {
            param($tx, $vm) ConvertTo-HvFirmware $tx.State $vm
        } -HvCheck {
            if ($bound.ContainsKey('BootOrder') -and $bound.ContainsKey('FirstBootDevice')) {
                Stop-HvInvalidParameter 'The BootOrder and FirstBootEntry parameters are mutually exclusive.'
            }
            if ($bound.ContainsKey('SecureBootTemplate') -and $bound.ContainsKey('SecureBootTemplateId')) {
                Stop-HvInvalidParameter 'The SecureBootTemplate and SecureBootTemplateId parameters are mutually exclusive.'
            }
        } -HvChange {
            param($tx, $result, $vm, $bound)
            Assert-HvFirmwareGeneration $vm
            $firmware = Get-HvFirmwareRecord $vm
            $order = $null
            if ($null -ne $FirstBootDevice) {
                $first = Resolve-HvBootDeviceId $vm $FirstBootDevice
                $order = @($first) + @(foreach ($device in (Get-HvBootOrder $vm)) { if ($device.Id -ne $first) { $device.Id } })
            }
            if ($null -ne $BootOrder -and $BootOrder.Count -gt 0) {
                $order = @(foreach ($component in $BootOrder) { Resolve-HvBootDeviceId $vm $component })
            }
            $template = $null
            if ($bound.ContainsKey('SecureBootTemplate') -or $null -ne $SecureBootTemplateId) {
                $template = Resolve-HvSecureBootTemplate $SecureBootTemplate $SecureBootTemplateId
            }
            # Secure Boot is part of the firmware the VM booted with: VMMS changes it only while the VM is off.
            $secureBootChange = ($null -ne $EnableSecureBoot -and [string]$EnableSecureBoot -ne $firmware.SecureBoot) -or
            ($null -ne $template -and $template -ne $firmware.SecureBootTemplateId)
            if ($secureBootChange -and -not (Test-HvVMOff $vm)) {
                Stop-HvInvalidState (Join-HvMessage "Failed to modify device 'Virtual Machine'." (
                        "The Secure Boot settings of '{0}' cannot be changed while the virtual machine is running or saved. (Virtual machine ID {1})" -f $vm.Name, $vm.Id.ToUpperInvariant()))
            }
            if ($null -ne $order) { Set-HvBootOrder $vm ([string[]]$order) }
            if ($null -ne $EnableSecureBoot) { $firmware.SecureBoot = [string]$EnableSecureBoot }
            if ($null -ne $template) { $firmware.SecureBootTemplateId = $template }
            if ($null -ne $PreferredNetworkBootProtocol) { $firmware.PreferredNetworkBootProtocol = [string]$PreferredNetworkBootProtocol }
            if ($null -ne $ConsoleMode) { $firmware.ConsoleMode = [string]$ConsoleMode }
            if ($null -ne $PauseAfterBootFailure) { $firmware.PauseAfterBootFailure = [string]$PauseAfterBootFailure }
        }
    }
}
