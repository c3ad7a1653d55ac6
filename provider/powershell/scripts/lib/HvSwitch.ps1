# Virtual switch helpers shared by the switch-* operations (dot-sourced; not an operation itself).

function Get-HvSwitchById([string]$Id) {
    $wanted = [guid]$Id
    foreach ($switch in @(Hyper-V\Get-VMSwitch -ErrorAction Stop)) {
        if ($switch.Id -eq $wanted) { return $switch }
    }
    return $null
}

function Get-HvSwitchDescription($Switch) {
    return [pscustomobject][ordered]@{
        switchId          = $Switch.Id.ToString()
        switchName        = [string]$Switch.Name
        type              = [string]$Switch.SwitchType
        allowManagementOs = [bool]$Switch.AllowManagementOS
        notes             = [string]$Switch.Notes
    }
}
