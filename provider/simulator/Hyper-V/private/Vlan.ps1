# VLAN id lists as Set-VMNetworkAdapterVlan takes them: "1-100,200".

function Expand-HvVlanList([string]$Text) {
    $ids = [System.Collections.Generic.List[int]]::new()
    if ([string]::IsNullOrWhiteSpace($Text)) { return , $ids }
    foreach ($part in $Text.Split(',')) {
        $item = $part.Trim()
        if ($item -match '^(\d+)-(\d+)$') {
            $from = [int]$Matches[1]
            $to = [int]$Matches[2]
            if ($from -gt $to) { Stop-HvInvalidParameter 'The provided list of VLAN IDs was incorrectly formatted.' $Text }
            for ($id = $from; $id -le $to; $id++) { $ids.Add($id) }
        } elseif ($item -match '^\d+$') {
            $ids.Add([int]$item)
        } else {
            Stop-HvInvalidParameter 'The provided list of VLAN IDs was incorrectly formatted.' $Text
        }
    }
    return , $ids
}

# VMMS accepts VLAN ids 1-4094.
function Assert-HvVlanId([int]$Id, [string]$ParameterName) {
    if ($Id -lt 1 -or $Id -gt 4094) {
        Stop-HvInvalidParameter (Join-HvMessage 'Failed to modify the VLAN setting of the network adapter.' (
                "The VLAN identifier {0} given for '{1}' is not valid. Specify a value from 1 to 4094." -f $Id, $ParameterName))
    }
}
