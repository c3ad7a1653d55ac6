# Name matching and VM lookup as the real module does it: case-insensitive; names with wildcard
# characters (* ? [ ]) are patterns; only a literal name that matches nothing is an error.

function Test-HvWildcard([string]$Name) {
    return [Management.Automation.WildcardPattern]::ContainsWildcardCharacters($Name)
}

function Test-HvNameMatch([string]$Pattern, [string]$Name) {
    if (Test-HvWildcard $Pattern) {
        $wildcard = New-Object Management.Automation.WildcardPattern -ArgumentList $Pattern, ([Management.Automation.WildcardOptions]::IgnoreCase)
        return $wildcard.IsMatch($Name)
    }
    return [string]::Equals($Pattern, $Name, [StringComparison]::OrdinalIgnoreCase)
}

# Records sorted by Name (culture, case-insensitive), ties in creation order. Only the key array
# is sorted (each key ends with the record's index), so no overload can sort a copy of the items.
function Get-HvSortedByName($Records) {
    $items = @($Records)
    if ($items.Count -lt 2) { return , $items }
    $keys = [string[]]::new($items.Count)
    for ($i = 0; $i -lt $items.Count; $i++) {
        $keys[$i] = [string]$items[$i].Name + '|' + [string]$items[$i].CreationTime + '|' + $i.ToString('D6')
    }
    [Array]::Sort($keys, [StringComparer]::CurrentCultureIgnoreCase)
    $sorted = [object[]]::new($items.Count)
    for ($i = 0; $i -lt $keys.Length; $i++) { $sorted[$i] = $items[[int]$keys[$i].Substring($keys[$i].Length - 6)] }
    return , $sorted
}

function Get-HvVMNotFoundMessage([string]$Name) {
    return 'Hyper-V was unable to find a virtual machine with name "{0}".' -f $Name
}

# VM records whose name matches any of the names, sorted by name; one error per literal name that
# matched nothing. Get-VM reports it as InvalidParameter/InvalidArgument (target: the name), every
# other cmdlet as ObjectNotFound (no target).
function Find-HvVMByName {
    param($State, [string[]]$Names, $Result, [switch]$AsInvalidParameter)
    $found = [System.Collections.ArrayList]::new()
    $seen = @{}
    $all = @($State.vms.Values)
    foreach ($name in $Names) {
        $any = $false
        $isPattern = Test-HvWildcard $name
        $wildcard = $null
        if ($isPattern) {
            $wildcard = New-Object Management.Automation.WildcardPattern -ArgumentList $name, ([Management.Automation.WildcardOptions]::IgnoreCase)
        }
        foreach ($vm in $all) {
            if ($isPattern) { $hit = $wildcard.IsMatch($vm.Name) }
            else { $hit = [string]::Equals($name, $vm.Name, [StringComparison]::OrdinalIgnoreCase) }
            if ($hit) {
                $any = $true
                if (-not $seen.ContainsKey($vm.Id)) {
                    $seen[$vm.Id] = $true
                    [void]$found.Add($vm)
                    Register-HvChangedVM $vm
                }
            }
        }
        if (-not $any -and -not $isPattern) {
            $message = Get-HvVMNotFoundMessage $name
            if ($AsInvalidParameter) {
                Add-HvError $Result (New-HvErrorRecord -ErrorId 'InvalidParameter' -Category InvalidArgument -Message $message -TargetObject $name)
            } else {
                Add-HvError $Result (New-HvErrorRecord -ErrorId 'ObjectNotFound' -Category ObjectNotFound -Message $message)
            }
        }
    }
    return , (Get-HvSortedByName $found)
}

function Get-HvVMById($State, $Id) {
    $key = ([Guid]$Id).ToString()
    if ($State.vms.ContainsKey($key)) {
        $vm = $State.vms[$key]
        Register-HvChangedVM $vm
        return $vm
    }
    # A planned VM (an import in progress) is found by id only, as with the real module.
    if ($null -ne $State.planned -and $State.planned.ContainsKey($key)) { return $State.planned[$key] }
    return $null
}

# VM records for VM objects (or anything with a VMId/Id); an object whose VM is gone is an error.
function Find-HvVMByObject {
    param($State, $Objects, $Result)
    $found = [System.Collections.ArrayList]::new()
    foreach ($object in $Objects) {
        if ($null -eq $object) { continue }
        $id = $null
        if ($object -is [Microsoft.HyperV.PowerShell.VirtualMachine]) { $id = $object.Id } else { $id = $object.VMId }
        $vm = Get-HvVMById $State $id
        if ($null -eq $vm) {
            Add-HvError $Result (New-HvErrorRecord -ErrorId 'ObjectNotFound' -Category ObjectNotFound -Message (
                    'Hyper-V was unable to find a virtual machine with id "{0}".' -f $id))
        } else {
            [void]$found.Add($vm)
        }
    }
    return , $found
}

# VM records for the usual VMName / VM parameter sets of a cmdlet.
function Resolve-HvVMTarget {
    param($State, [hashtable]$Bound, $Result, [string]$NameParameter = 'VMName', [string]$ObjectParameter = 'VM')
    if ($Bound.ContainsKey($ObjectParameter)) { return , (Find-HvVMByObject $State $Bound[$ObjectParameter] $Result) }
    return , (Find-HvVMByName -State $State -Names $Bound[$NameParameter] -Result $Result)
}

function Find-HvSwitchByName($State, [string]$Name) {
    $found = [System.Collections.ArrayList]::new()
    foreach ($switch in $State.switches.Values) {
        if (Test-HvNameMatch $Name $switch.Name) { [void]$found.Add($switch) }
    }
    return , $found
}

# The one switch a -SwitchName names: none is InvalidParameter, several is the real module's
# SingleOrDefault failure.
function Get-HvSingleSwitch($State, [string]$Name) {
    $found = Find-HvSwitchByName $State $Name
    if ($found.Count -eq 0) {
        Stop-HvInvalidParameter ('Hyper-V was unable to find a virtual switch with name "{0}".' -f $Name) $Name
    }
    if ($found.Count -gt 1) {
        Stop-HvOperation -ErrorId 'InvalidOperation' -Category InvalidOperation -Message 'Sequence contains more than one matching element'
    }
    return $found[0]
}
