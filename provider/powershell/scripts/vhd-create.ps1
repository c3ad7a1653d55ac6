# Creates a virtual hard disk file; returns what Get-VHD reports. An existing file is never overwritten.
# Payload: { path, type: Dynamic|Fixed|Differencing, sizeBytes?, parentPath? }
param($Payload)
. ([System.IO.Path]::Combine($PSScriptRoot, 'lib', 'HvCommon.ps1'))
. ([System.IO.Path]::Combine($PSScriptRoot, 'lib', 'HvVhd.ps1'))

$path = [string]$Payload['path']
if (Test-Path -LiteralPath (Get-HvHostFilePath $path)) {
    throw (New-HvErrorRecord -Message ("A file already exists at '{0}'; pick another path or delete the file." -f $path) `
            -ErrorId 'VhdFileExists' -Category ResourceExists -TargetObject $path)
}
$arguments = @{ Path = $path }
switch ([string]$Payload['type']) {
    'Differencing' {
        $arguments.ParentPath = [string]$Payload['parentPath']
        $arguments.Differencing = $true
    }
    'Fixed' { $arguments.Fixed = $true }
    default { $arguments.Dynamic = $true }
}
if ($null -ne $Payload['sizeBytes']) { $arguments.SizeBytes = [uint64]$Payload['sizeBytes'] }
$disk = Hyper-V\New-VHD @arguments -ErrorAction Stop
Get-HvVhdDescription $disk
