# Grows a virtual hard disk to the declared size (a disk never shrinks); returns what Get-VHD reports.
# Payload: { path, sizeBytes }
param($Payload)
. ([System.IO.Path]::Combine($PSScriptRoot, 'lib', 'HvCommon.ps1'))
. ([System.IO.Path]::Combine($PSScriptRoot, 'lib', 'HvVhd.ps1'))

$path = [string]$Payload['path']
$disk = Get-HvExistingVhd $path
if ($null -ne $Payload['sizeBytes'] -and [long]$Payload['sizeBytes'] -gt [long]$disk.Size) {
    Hyper-V\Resize-VHD -Path (ConvertTo-HvLiteralVhdPath $path) -SizeBytes ([uint64]$Payload['sizeBytes']) -ErrorAction Stop
    $disk = Get-HvExistingVhd $path
}
Get-HvVhdDescription $disk
