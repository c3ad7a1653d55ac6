@{
    RootModule           = 'Hyper-V.psm1'
    ModuleVersion        = '2.0.0.0'
    GUID                 = 'af4bddd0-8583-4ff2-84b2-a33f5c8de8a7'
    Author               = 'pulumi-hyperv'
    Description          = 'Simulated Hyper-V host: the Hyper-V module cmdlets over a local JSON state store.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    FunctionsToExport    = @(
        'Get-VM', 'New-VM', 'Set-VM', 'Remove-VM', 'Rename-VM', 'Start-VM', 'Stop-VM', 'Save-VM', 'Suspend-VM', 'Resume-VM',
        'Export-VM', 'Compare-VM', 'Import-VM', 'Move-VMStorage',
        'Get-VMProcessor', 'Set-VMProcessor', 'Get-VMMemory', 'Set-VMMemory',
        'Get-VMNetworkAdapter', 'Add-VMNetworkAdapter', 'Set-VMNetworkAdapter', 'Remove-VMNetworkAdapter',
        'Connect-VMNetworkAdapter', 'Disconnect-VMNetworkAdapter', 'Rename-VMNetworkAdapter',
        'Get-VMNetworkAdapterVlan', 'Set-VMNetworkAdapterVlan',
        'Get-VMHardDiskDrive', 'Add-VMHardDiskDrive', 'Set-VMHardDiskDrive', 'Remove-VMHardDiskDrive',
        'Get-VMScsiController', 'Add-VMScsiController', 'Remove-VMScsiController', 'Get-VMIdeController',
        'New-VHD', 'Get-VHD', 'Resize-VHD', 'Test-VHD', 'Set-VHD', 'Mount-VHD', 'Dismount-VHD',
        'Get-VMDvdDrive', 'Add-VMDvdDrive', 'Set-VMDvdDrive', 'Remove-VMDvdDrive',
        'Get-VMIntegrationService', 'Enable-VMIntegrationService', 'Disable-VMIntegrationService', 'Copy-VMFile',
        'Get-VMSwitch', 'New-VMSwitch', 'Set-VMSwitch', 'Rename-VMSwitch', 'Remove-VMSwitch',
        'Get-VMBios', 'Set-VMBios', 'Get-VMFirmware', 'Set-VMFirmware',
        'Get-VMHost', 'Set-VMHost', 'Enable-VMMigration', 'Disable-VMMigration',
        'Checkpoint-VM', 'Get-VMSnapshot', 'Restore-VMSnapshot', 'Remove-VMSnapshot', 'Remove-VMSavedState',
        'Set-VMSimGuest', 'Get-VMSimGuest', 'Get-VMSimKvpExchangeComponent', 'Add-VMSimFault', 'Get-VMSimFault', 'Clear-VMSimFault', 'Resolve-VMSimPath', 'Remove-VMSimFile'
    )
    CmdletsToExport      = @()
    VariablesToExport    = @()
    AliasesToExport      = @('Get-VMCheckpoint', 'Restore-VMCheckpoint', 'Remove-VMCheckpoint')
}
