# Get-VMProcessor, Set-VMProcessor, Get-VMMemory, Set-VMMemory.

function Get-VMProcessor {
    [CmdletBinding(DefaultParameterSetName = 'VMName')]
    [OutputType('Microsoft.HyperV.PowerShell.VMProcessor')]
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
            foreach ($vm in (Resolve-HvVMTarget $tx.State $bound $result)) { Add-HvOutput $result (ConvertTo-HvProcessor $vm) }
        }
    }
}

function Set-VMProcessor {
    [CmdletBinding(DefaultParameterSetName = 'VMName', SupportsShouldProcess = $true)]
    [OutputType('Microsoft.HyperV.PowerShell.VMProcessor')]
    param(
        [Parameter(ParameterSetName = 'VMName', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [string[]]$VMName,

        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VirtualMachine[]]$VM,

        [Parameter(ParameterSetName = 'VMProcessor', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VMProcessor[]]$VMProcessor,

        [Nullable[long]]$Count,
        [Nullable[bool]]$CompatibilityForMigrationEnabled,
        [Nullable[bool]]$CompatibilityForOlderOperatingSystemsEnabled,
        [Nullable[long]]$HwThreadCountPerCore,
        [Nullable[long]]$Maximum,
        [Nullable[long]]$Reserve,
        [Nullable[int]]$RelativeWeight,
        [Nullable[long]]$MaximumCountPerNumaNode,
        [Nullable[long]]$MaximumCountPerNumaSocket,
        [string]$ResourcePoolName,
        [Nullable[bool]]$EnableHostResourceProtection,
        [Nullable[bool]]$ExposeVirtualizationExtensions,
        [switch]$Passthru
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvPerVMCmdlet $PSCmdlet $call $PSBoundParameters -HvNameParameter 'VMName' -HvComponentParameter 'VMProcessor' -HvOutput {
            param($tx, $vm) ConvertTo-HvProcessor $vm
        } -HvChange {
            param($tx, $result, $vm, $bound)
            $p = $vm.Processor
            $newMaximum = [long]$p.Maximum
            $newReserve = [long]$p.Reserve
            if ($null -ne $Maximum) { $newMaximum = $Maximum }
            if ($null -ne $Reserve) { $newReserve = $Reserve }
            $problem = $null
            if ($newMaximum -lt 0 -or $newMaximum -gt 100) { $problem = 'The maximum processor usage must be between 0 and 100 percent.' }
            elseif ($newReserve -lt 0 -or $newReserve -gt 100) { $problem = 'The processor reserve must be between 0 and 100 percent.' }
            elseif ($newReserve -gt $newMaximum) { $problem = 'The processor reserve must not exceed the maximum processor usage.' }
            elseif ($null -ne $RelativeWeight -and ($RelativeWeight -lt 1 -or $RelativeWeight -gt 10000)) { $problem = 'The relative weight must be between 1 and 10000.' }
            if ($problem) { Stop-HvInvalidParameter (Join-HvMessage "Failed to modify device 'Processor'." $problem) }
            $changesSettings = ($null -ne $CompatibilityForMigrationEnabled -or $null -ne $CompatibilityForOlderOperatingSystemsEnabled -or
                $null -ne $ExposeVirtualizationExtensions -or $null -ne $HwThreadCountPerCore)
            if ($changesSettings -and -not (Test-HvVMOff $vm)) {
                Stop-HvInvalidState (Join-HvMessage "Failed to modify device 'Processor'." (
                        "The processor settings of '{0}' cannot be changed while the virtual machine is running. (Virtual machine ID {1})" -f $vm.Name, $vm.Id.ToUpperInvariant()))
            }
            if ($null -ne $Count) { Set-HvProcessorCount $vm $Count }
            $p.Maximum = $newMaximum
            $p.Reserve = $newReserve
            if ($null -ne $RelativeWeight) { $p.RelativeWeight = $RelativeWeight }
            if ($null -ne $CompatibilityForMigrationEnabled) { $p.CompatibilityForMigrationEnabled = [bool]$CompatibilityForMigrationEnabled }
            if ($null -ne $CompatibilityForOlderOperatingSystemsEnabled) { $p.CompatibilityForOlderOperatingSystemsEnabled = [bool]$CompatibilityForOlderOperatingSystemsEnabled }
            if ($null -ne $HwThreadCountPerCore) { $p.HwThreadCountPerCore = $HwThreadCountPerCore }
            if ($null -ne $ExposeVirtualizationExtensions) { $p.ExposeVirtualizationExtensions = [bool]$ExposeVirtualizationExtensions }
            if ($null -ne $EnableHostResourceProtection) { $p.EnableHostResourceProtection = [bool]$EnableHostResourceProtection }
            if ($null -ne $MaximumCountPerNumaNode) { $p.MaximumCountPerNumaNode = $MaximumCountPerNumaNode }
            if ($null -ne $MaximumCountPerNumaSocket) { $p.MaximumCountPerNumaSocket = $MaximumCountPerNumaSocket }
            if ($bound.ContainsKey('ResourcePoolName')) { $p.ResourcePoolName = $ResourcePoolName }
        }
    }
}

function Get-VMMemory {
    [CmdletBinding(DefaultParameterSetName = 'VMName')]
    [OutputType('Microsoft.HyperV.PowerShell.VMMemory')]
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
            foreach ($vm in (Resolve-HvVMTarget $tx.State $bound $result)) { Add-HvOutput $result (ConvertTo-HvMemory $vm) }
        }
    }
}

function Set-VMMemory {
    [CmdletBinding(DefaultParameterSetName = 'VMName', SupportsShouldProcess = $true)]
    [OutputType('Microsoft.HyperV.PowerShell.VMMemory')]
    param(
        [Parameter(ParameterSetName = 'VMName', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [string[]]$VMName,

        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VirtualMachine[]]$VM,

        [Parameter(ParameterSetName = 'VMMemory', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VMMemory[]]$VMMemory,

        [Nullable[int]]$Buffer,
        [Nullable[bool]]$DynamicMemoryEnabled,
        [Nullable[long]]$MaximumBytes,
        [Nullable[long]]$StartupBytes,
        [Nullable[long]]$MinimumBytes,
        [Nullable[int]]$Priority,
        [Nullable[long]]$MaximumAmountPerNumaNodeBytes,
        [string]$ResourcePoolName,
        [switch]$Passthru
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvPerVMCmdlet $PSCmdlet $call $PSBoundParameters -HvNameParameter 'VMName' -HvComponentParameter 'VMMemory' -HvCheck {
            if ($null -ne $MaximumAmountPerNumaNodeBytes -and ($MaximumAmountPerNumaNodeBytes % (2 * $script:HvMB)) -ne 0) {
                Stop-HvInvalidParameter 'The MaximumAmountPerNUMANodeBytes should be a multiple of 2 MB (2*1024*1024 bytes). Specify a valid value, such as 512 MB or 2 GB.'
            }
        } -HvOutput {
            param($tx, $vm) ConvertTo-HvMemory $vm
        } -HvChange {
            param($tx, $result, $vm, $bound)
            $givesDynamicOnly = ($null -ne $Buffer -or $null -ne $MinimumBytes -or $null -ne $MaximumBytes)
            $enables = ($null -ne $DynamicMemoryEnabled -and [bool]$DynamicMemoryEnabled)
            $disables = ($null -ne $DynamicMemoryEnabled -and -not [bool]$DynamicMemoryEnabled)
            Assert-HvDynamicMemoryArguments $vm $enables $disables $givesDynamicOnly 'Setting maximum, minimum, and buffer settings requires Dynamic Memory to be enabled.'
            Set-HvMemorySettings -VM $vm -Dynamic $DynamicMemoryEnabled -StartupBytes $StartupBytes -MinimumBytes $MinimumBytes -MaximumBytes $MaximumBytes -Buffer $Buffer -Priority $Priority
            if ($null -ne $MaximumAmountPerNumaNodeBytes) { $vm.Memory.MaximumPerNumaNodeMB = [long]($MaximumAmountPerNumaNodeBytes / $script:HvMB) }
            if ($bound.ContainsKey('ResourcePoolName')) { $vm.Memory.ResourcePoolName = $ResourcePoolName }
        }
    }
}
