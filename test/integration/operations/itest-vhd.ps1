# Creates ('new') or reads ('get') one virtual hard disk by path. Get-VHD reports a missing file like any
# unreadable one, so absence is decided by listing the disks in its folder and matching the path.
param($Payload)
$path = [string]$Payload['path']
if ($Payload['action'] -eq 'new') {
    $null = Hyper-V\New-VHD -Path $path -SizeBytes ([int64]$Payload['sizeMB'] * 1MB) -Dynamic -ErrorAction Stop
}
try {
    $vhd = Hyper-V\Get-VHD -Path $path -ErrorAction Stop
}
catch {
    $failure = $_
    $cut = $path.LastIndexOf('\')
    $listed = @(Hyper-V\Get-VHD -Path ($path.Substring(0, $cut + 1) + '*') -ErrorAction SilentlyContinue -ErrorVariable listingErrors)
    if ($listingErrors.Count -gt 0 -or @($listed | Where-Object { $_.Path -eq $path }).Count -gt 0) { throw $failure }
    throw (New-HvNotFoundRecord -Message "No virtual hard disk file exists at '$path'." -TargetObject $path)
}
[pscustomobject]@{ path = $vhd.Path; size = [string]$vhd.Size; vhdType = $vhd.VhdType.ToString() }
