# Host settings Set-VMHost changes, stored in the state's "host" section over the fixed facts of
# HostInfo.ps1, and the VMHost object Get-VMHost shows.

$script:HvHostSettingDefaults = @{
    MaximumStorageMigrations                 = 2
    MaximumVirtualMachineMigrations          = 2
    VirtualMachineMigrationEnabled           = $false
    VirtualMachineMigrationAuthenticationType = 'CredSSP'
    VirtualMachineMigrationPerformanceOption = 'Compression'
    UseAnyNetworkForMigration                = $false
    NumaSpanningEnabled                      = $true
    EnableEnhancedSessionMode                = $false
    ResourceMeteringSaveIntervalSeconds      = 3600
    FibreChannelWwnn                         = 'C003FF0000FFFF00'
    FibreChannelWwpnMinimum                  = 'C003FF5D01060000'
    FibreChannelWwpnMaximum                  = 'C003FF5D0106FFFF'
}

function Get-HvHostSetting($State, [string]$Name) {
    if ($null -ne $State -and $null -ne $State.host -and $State.host.ContainsKey($Name)) { return $State.host[$Name] }
    if ($script:HvHostSettingDefaults.ContainsKey($Name)) { return $script:HvHostSettingDefaults[$Name] }
    return $script:HvHostInfo[$Name]
}

function Set-HvHostSetting($State, [string]$Name, $Value) {
    if ($null -eq $State.host) { $State.host = New-HvTable }
    $State.host[$Name] = $Value
}

function ConvertTo-HvVMHost($State) {
    $info = $script:HvHostInfo
    $vmHost = [Microsoft.HyperV.PowerShell.VMHost]::new()
    $vmHost.ComputerName = $info.ComputerName
    $vmHost.Name = $info.ComputerName
    $vmHost.FullyQualifiedDomainName = $info.ComputerName
    $vmHost.LogicalProcessorCount = $info.LogicalProcessorCount
    $vmHost.MemoryCapacity = $info.MemoryCapacity
    foreach ($name in @('VirtualHardDiskPath', 'VirtualMachinePath', 'MacAddressMinimum', 'MacAddressMaximum', 'FibreChannelWwnn',
            'FibreChannelWwpnMinimum', 'FibreChannelWwpnMaximum', 'NumaSpanningEnabled', 'EnableEnhancedSessionMode',
            'VirtualMachineMigrationEnabled', 'MaximumVirtualMachineMigrations', 'MaximumStorageMigrations', 'UseAnyNetworkForMigration',
            'VirtualMachineMigrationAuthenticationType', 'VirtualMachineMigrationPerformanceOption')) {
        $vmHost.$name = Get-HvHostSetting $State $name
    }
    $vmHost.IovSupport = $false
    $vmHost.IovSupportReasons = [string[]]@()
    $vmHost.SupportedVmVersions = New-Object 'System.Collections.Generic.List[string]' -ArgumentList (, [string[]]$info.SupportedVmVersions)
    $vmHost.InternalNetworkAdapters = [Microsoft.HyperV.PowerShell.VMInternalNetworkAdapter[]](Get-HvManagementAdapters $State).ToArray()
    $vmHost.ExternalNetworkAdapters = @()
    $vmHost.ResourceMeteringSaveInterval = [TimeSpan]::FromSeconds([double](Get-HvHostSetting $State 'ResourceMeteringSaveIntervalSeconds'))
    $vmHost.SecureBootTemplates = [object[]]@(foreach ($template in $script:HvSecureBootTemplates) {
            [pscustomobject]@{ Name = $template.Name; Id = [Guid]$template.Id; Description = $template.Name }
        })
    return $vmHost
}
