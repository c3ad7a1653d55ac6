# Set-VMHost, Enable-VMMigration, Disable-VMMigration.

function Set-VMHost {
    [CmdletBinding(DefaultParameterSetName = 'ComputerName', SupportsShouldProcess = $true)]
    [OutputType('Microsoft.HyperV.PowerShell.VMHost')]
    param(
        [Parameter(ParameterSetName = 'ComputerName', Position = 0)]
        [ValidateNotNullOrEmpty()]
        [string[]]$ComputerName,

        [Nullable[uint32]]$MaximumStorageMigrations,
        [Nullable[uint32]]$MaximumVirtualMachineMigrations,
        [Nullable[Microsoft.HyperV.PowerShell.MigrationAuthenticationType]]$VirtualMachineMigrationAuthenticationType,
        [Nullable[bool]]$UseAnyNetworkForMigration,
        [Nullable[Microsoft.HyperV.PowerShell.VMMigrationPerformance]]$VirtualMachineMigrationPerformanceOption,
        [Nullable[TimeSpan]]$ResourceMeteringSaveInterval,
        [string]$VirtualHardDiskPath,
        [string]$VirtualMachinePath,
        [string]$MacAddressMaximum,
        [string]$MacAddressMinimum,
        [string]$FibreChannelWwnn,
        [string]$FibreChannelWwpnMaximum,
        [string]$FibreChannelWwpnMinimum,
        [Nullable[bool]]$NumaSpanningEnabled,
        [Nullable[bool]]$EnableEnhancedSessionMode,
        [switch]$Passthru
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters -HvWrite {
            param($tx, $result, $bound)
            $changes = [ordered]@{}
            foreach ($name in @($bound.Keys)) {
                if (@('ComputerName', 'Passthru', 'WhatIf', 'Confirm') -contains $name -or [Management.Automation.PSCmdlet]::CommonParameters -contains $name) { continue }
                $changes[$name] = $bound[$name]
            }
            if ($changes.Count -eq 0) {
                Stop-HvOperation -ErrorId 'InvalidOperation' -Category InvalidOperation -Message 'No changes were made to the host because no parameters were specified. To make changes to the host, run Set-VMHost with one or more parameters.'
            }
            foreach ($name in @('MacAddressMinimum', 'MacAddressMaximum')) {
                if ($changes.Contains($name)) {
                    if ([string]$changes[$name] -notmatch '^[0-9A-Fa-f]{12}$') { Stop-HvInvalidParameter ('The parameter "{0}" is not in the correct format.' -f $name) $changes[$name] }
                    $changes[$name] = ([string]$changes[$name]).ToUpperInvariant()
                }
            }
            foreach ($name in @('FibreChannelWwnn', 'FibreChannelWwpnMinimum', 'FibreChannelWwpnMaximum')) {
                if ($changes.Contains($name)) {
                    if ([string]$changes[$name] -notmatch '^[0-9A-Fa-f]{16}$') {
                        Stop-HvInvalidParameter ('The format of the World Wide Name "{0}" contains an error. Specify the World Wide Name as a value with 16 hexadecimal digits, such as C003FF0000FFFF00.' -f $changes[$name]) $changes[$name]
                    }
                    $changes[$name] = ([string]$changes[$name]).ToUpperInvariant()
                }
            }
            $macMin = [Convert]::ToInt64([string]$(if ($changes.Contains('MacAddressMinimum')) { $changes['MacAddressMinimum'] } else { Get-HvHostSetting $tx.State 'MacAddressMinimum' }), 16)
            $macMax = [Convert]::ToInt64([string]$(if ($changes.Contains('MacAddressMaximum')) { $changes['MacAddressMaximum'] } else { Get-HvHostSetting $tx.State 'MacAddressMaximum' }), 16)
            if ($macMin -gt $macMax) { Stop-HvInvalidParameter 'The MAC address range is not valid: MacAddressMinimum must not be greater than MacAddressMaximum.' }
            foreach ($name in @('MaximumStorageMigrations', 'MaximumVirtualMachineMigrations')) {
                if ($changes.Contains($name) -and [uint32]$changes[$name] -lt 1) { Stop-HvInvalidParameter ('The value of {0} must be at least 1.' -f $name) }
            }
            foreach ($name in @('VirtualHardDiskPath', 'VirtualMachinePath')) {
                if ($changes.Contains($name)) { $changes[$name] = ConvertTo-HvWindowsPath ([string]$changes[$name]) }
            }
            if ($changes.Contains('ResourceMeteringSaveInterval')) {
                $interval = [TimeSpan]$changes['ResourceMeteringSaveInterval']
                if ($interval.TotalSeconds -lt 1) { Stop-HvInvalidParameter 'The resource metering save interval must be a positive time span.' }
                $changes.Remove('ResourceMeteringSaveInterval')
                $changes['ResourceMeteringSaveIntervalSeconds'] = [long]$interval.TotalSeconds
            }
            if (-not $PSCmdlet.ShouldProcess($script:HvHostInfo.ComputerName, 'Set-VMHost')) { return }
            foreach ($name in @($changes.Keys)) {
                $value = $changes[$name]
                if ($value -is [enum]) { $value = [string]$value }
                if ($value -is [uint32]) { $value = [long]$value }
                Set-HvHostSetting $tx.State $name $value
            }
            if ($Passthru) { Add-HvOutput $result (ConvertTo-HvVMHost $tx.State) }
        }
    }
}

# Enable-VMMigration / Disable-VMMigration: the host's live migration switch.
function Set-HvMigrationEnabled($Cmdlet, $Call, $Bound, [bool]$Enabled) {
    Invoke-HvCmdlet $Cmdlet $Call $Bound -HvWrite {
        param($tx, $result, $bound)
        if (-not $Cmdlet.ShouldProcess($script:HvHostInfo.ComputerName, $Call.Name)) { return }
        Set-HvHostSetting $tx.State 'VirtualMachineMigrationEnabled' $Enabled
        if ($bound['Passthru']) { Add-HvOutput $result (ConvertTo-HvVMHost $tx.State) }
    }
}

function Enable-VMMigration {
    [CmdletBinding(DefaultParameterSetName = 'ComputerName', SupportsShouldProcess = $true)]
    [OutputType('Microsoft.HyperV.PowerShell.VMHost')]
    param(
        [Parameter(ParameterSetName = 'ComputerName', Position = 0)]
        [ValidateNotNullOrEmpty()]
        [string[]]$ComputerName,

        [switch]$Passthru
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process { Set-HvMigrationEnabled $PSCmdlet $call $PSBoundParameters $true }
}

function Disable-VMMigration {
    [CmdletBinding(DefaultParameterSetName = 'ComputerName', SupportsShouldProcess = $true)]
    [OutputType('Microsoft.HyperV.PowerShell.VMHost')]
    param(
        [Parameter(ParameterSetName = 'ComputerName', Position = 0)]
        [ValidateNotNullOrEmpty()]
        [string[]]$ComputerName,

        [switch]$Passthru
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process { Set-HvMigrationEnabled $PSCmdlet $call $PSBoundParameters $false }
}
