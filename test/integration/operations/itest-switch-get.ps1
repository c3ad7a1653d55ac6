# Reads one virtual switch by id, or creates a private one ('name'); absence is decided by listing.
param($Payload)
if ($Payload['name']) {
    $created = Hyper-V\New-VMSwitch -Name ([string]$Payload['name']) -SwitchType Private -ErrorAction Stop
    return [pscustomobject]@{ id = $created.Id.ToString(); name = $created.Name }
}
$id = [guid][string]$Payload['id']
$switch = @(Hyper-V\Get-VMSwitch -ErrorAction Stop | Where-Object { $_.Id -eq $id }) | Select-Object -First 1
if ($null -eq $switch) { throw (New-HvNotFoundRecord -Message "No virtual switch has the id '$id'." -TargetObject $id.ToString()) }
[pscustomobject]@{ id = $switch.Id.ToString(); name = $switch.Name }
