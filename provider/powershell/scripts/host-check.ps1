# Reports what a host check looks at: PowerShell, the Hyper-V module, the account's rights, the host's
# VM and disk paths, its virtual switches and its VMs. Read-only. With 'vmsOnly', only counts the VMs.
param($Payload)
if ($null -ne $Payload -and $Payload['vmsOnly']) {
    return [pscustomobject]@{ vmCount = @(Hyper-V\Get-VM -ErrorAction Stop).Count }
}
$module = Microsoft.PowerShell.Core\Get-Module -ListAvailable -Name 'Hyper-V' |
    Microsoft.PowerShell.Utility\Sort-Object -Property Version -Descending | Microsoft.PowerShell.Utility\Select-Object -First 1
$onWindows = [System.Environment]::OSVersion.Platform -eq [System.PlatformID]::Win32NT
$moduleInfo = $null
if ($null -ne $module) {
    # The simulated host is the module with the simulator's own guest cmdlet.
    $simulated = $null -ne (Microsoft.PowerShell.Core\Get-Command -Name 'Hyper-V\Set-VMSimGuest' -ErrorAction SilentlyContinue)
    $moduleInfo = [pscustomobject]@{ version = $module.Version.ToString(); path = [string]$module.Path; simulated = $simulated }
}
$rights = $null
if ($onWindows) {
    $identity = [System.Security.Principal.WindowsIdentity]::GetCurrent()
    $principal = New-Object System.Security.Principal.WindowsPrincipal -ArgumentList $identity
    $hyperVAdministrators = New-Object System.Security.Principal.SecurityIdentifier -ArgumentList 'S-1-5-32-578'
    $rights = [pscustomobject]@{
        user                = $identity.Name
        administrator       = $principal.IsInRole([System.Security.Principal.WindowsBuiltInRole]::Administrator)
        hyperVAdministrator = $principal.IsInRole($hyperVAdministrators)
    }
}
$vmPath = $null
$vhdPath = $null
$switches = @()
$vmCount = $null
$hostError = $null
if ($null -ne $module) {
    try {
        $vmHost = Hyper-V\Get-VMHost -ErrorAction Stop
        $vmPath = [string]$vmHost.VirtualMachinePath
        $vhdPath = [string]$vmHost.VirtualHardDiskPath
        $switches = @(Hyper-V\Get-VMSwitch -ErrorAction Stop | Microsoft.PowerShell.Core\ForEach-Object {
                [pscustomobject]@{ name = $_.Name; switchType = $_.SwitchType.ToString() }
            })
        $vmCount = @(Hyper-V\Get-VM -ErrorAction Stop).Count
    }
    catch {
        $hostError = [pscustomobject]@{
            message               = $_.Exception.Message
            category              = $_.CategoryInfo.Category.ToString()
            fullyQualifiedErrorId = [string]$_.FullyQualifiedErrorId
        }
    }
}
[pscustomobject]@{
    psVersion    = $PSVersionTable.PSVersion.ToString()
    psEdition    = [string]$PSVersionTable.PSEdition
    computerName = [System.Environment]::MachineName
    onWindows    = $onWindows
    module       = $moduleInfo
    rights       = $rights
    vmPath       = $vmPath
    vhdPath      = $vhdPath
    switches     = $switches
    vmCount      = $vmCount
    hostError    = $hostError
}
