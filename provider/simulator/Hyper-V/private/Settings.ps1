# Memory and processor changes shared by Set-VM, Set-VMMemory and Set-VMProcessor, with the rules
# VMMS applies (2 MB alignment, min <= startup <= max, no toggling dynamic memory or changing the
# processor count while the VM runs).

function Set-HvMemorySettings {
    param($VM, $Dynamic = $null, $StartupBytes = $null, $MinimumBytes = $null, $MaximumBytes = $null,
        $Buffer = $null, $Priority = $null)
    $m = $VM.Memory
    $newDynamic = [bool]$m.Dynamic
    if ($null -ne $Dynamic) { $newDynamic = [bool]$Dynamic }
    if ($newDynamic -ne [bool]$m.Dynamic -and -not (Test-HvVMOff $VM)) {
        Stop-HvInvalidState (Join-HvMessage "Failed to modify device 'Memory'." (
                "Dynamic memory cannot be enabled or disabled for '{0}' while the virtual machine is running. (Virtual machine ID {1})" -f $VM.Name, $VM.Id.ToUpperInvariant()))
    }
    $startup = [long]$m.StartupMB
    $minimum = [long]$m.MinimumMB
    $maximum = [long]$m.MaximumMB
    if ($null -ne $StartupBytes) {
        $startup = ConvertTo-HvMemoryMB $StartupBytes $VM $VM.Name
        if ($startup -ne [long]$m.StartupMB -and $newDynamic -and -not (Test-HvVMOff $VM)) {
            Stop-HvInvalidState (Join-HvMessage "Failed to modify device 'Memory'." (
                    "The startup memory of '{0}' cannot be changed while dynamic memory is enabled and the virtual machine is running. (Virtual machine ID {1})" -f $VM.Name, $VM.Id.ToUpperInvariant()))
        }
    }
    if ($null -ne $MinimumBytes) { $minimum = ConvertTo-HvMemoryMB $MinimumBytes $VM $VM.Name }
    if ($null -ne $MaximumBytes) { $maximum = ConvertTo-HvMemoryMB $MaximumBytes $VM $VM.Name }
    if ($newDynamic -and ($minimum -gt $startup -or $startup -gt $maximum)) {
        Stop-HvInvalidParameter (Join-HvMessage "Failed to modify device 'Memory'." (
                "Invalid memory values assigned for '{0}': the minimum memory ({1} MB) must not exceed the startup memory ({2} MB), which must not exceed the maximum memory ({3} MB). (Virtual machine ID {4})" -f $VM.Name, $minimum, $startup, $maximum, $VM.Id.ToUpperInvariant()))
    }
    if ($null -ne $Buffer -and ([int]$Buffer -lt 5 -or [int]$Buffer -gt 2000)) {
        Stop-HvInvalidParameter (Join-HvMessage "Failed to modify device 'Memory'." 'The memory buffer must be between 5 and 2000 percent.')
    }
    if ($null -ne $Priority -and ([int]$Priority -lt 0 -or [int]$Priority -gt 100)) {
        Stop-HvInvalidParameter (Join-HvMessage "Failed to modify device 'Memory'." 'The memory weight must be between 0 and 100.')
    }
    $changes = ($newDynamic -ne [bool]$m.Dynamic -or $startup -ne [long]$m.StartupMB -or $minimum -ne [long]$m.MinimumMB -or $maximum -ne [long]$m.MaximumMB)
    if ($changes -and $VM.State -eq 'Saved') {
        Stop-HvInvalidState (Join-HvMessage "Failed to modify device 'Memory'." (
                "The memory of '{0}' cannot be changed while the virtual machine is saved. (Virtual machine ID {1})" -f $VM.Name, $VM.Id.ToUpperInvariant()))
    }
    $m.Dynamic = $newDynamic
    $m.StartupMB = $startup
    $m.MinimumMB = $minimum
    $m.MaximumMB = $maximum
    if ($null -ne $Buffer) { $m.Buffer = [int]$Buffer }
    if ($null -ne $Priority) { $m.Priority = [int]$Priority }
}

function Set-HvProcessorCount($VM, [long]$Count) {
    if ($Count -eq [long]$VM.ProcessorCount) { return }
    if (-not (Test-HvVMOff $VM)) {
        Stop-HvInvalidState (Join-HvMessage "Failed to modify device 'Processor'." (
                "The number of virtual processors of '{0}' cannot be changed while the virtual machine is running. (Virtual machine ID {1})" -f $VM.Name, $VM.Id.ToUpperInvariant()))
    }
    $limit = 64
    if ($VM.Generation -eq 2) { $limit = 240 }
    if ($script:HvHostInfo.LogicalProcessorCount -lt $limit) { $limit = $script:HvHostInfo.LogicalProcessorCount }
    if ($Count -lt 1 -or $Count -gt $limit) {
        Stop-HvInvalidParameter (Join-HvMessage "Failed to modify device 'Processor'." (
                "'{0}' cannot be configured with {1} virtual processors: specify from 1 to {2}. (Virtual machine ID {3})" -f $VM.Name, $Count, $limit, $VM.Id.ToUpperInvariant()))
    }
    $VM.ProcessorCount = $Count
}

# Dynamic and static settings given together, or min/max/buffer without dynamic memory.
function Assert-HvDynamicMemoryArguments($VM, [bool]$EnablesDynamic, [bool]$DisablesDynamic, [bool]$GivesDynamicOnly, [string]$Message) {
    $willBeDynamic = ([bool]$VM.Memory.Dynamic -or $EnablesDynamic) -and -not $DisablesDynamic
    if (($EnablesDynamic -and $DisablesDynamic) -or ($GivesDynamicOnly -and -not $willBeDynamic)) {
        Stop-HvInvalidParameter $Message
    }
}
