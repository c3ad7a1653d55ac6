# Move-VMStorage: moves a VM's configuration, checkpoint and smart paging folders and its disk files
# (also while it runs, as live storage migration does).

function Move-VMStorage {
    [CmdletBinding(DefaultParameterSetName = 'NameSingleDestination', SupportsShouldProcess = $true)]
    param(
        [Parameter(ParameterSetName = 'NameSingleDestination', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [Parameter(ParameterSetName = 'NameMultipleDestinations', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [Alias('VMName')]
        [ValidateNotNullOrEmpty()]
        [string]$Name,

        [Parameter(ParameterSetName = 'VMSingleDestination', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [Parameter(ParameterSetName = 'VMMultipleDestinations', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNull()]
        [Microsoft.HyperV.PowerShell.VirtualMachine]$VM,

        [Parameter(ParameterSetName = 'NameSingleDestination', Mandatory = $true, Position = 1)]
        [Parameter(ParameterSetName = 'VMSingleDestination', Mandatory = $true, Position = 1)]
        [ValidateNotNullOrEmpty()]
        [string]$DestinationStoragePath,

        [Parameter(ParameterSetName = 'NameMultipleDestinations')]
        [Parameter(ParameterSetName = 'VMMultipleDestinations')]
        [ValidateNotNullOrEmpty()]
        [string]$VirtualMachinePath,

        [Parameter(ParameterSetName = 'NameMultipleDestinations')]
        [Parameter(ParameterSetName = 'VMMultipleDestinations')]
        [Alias('CheckpointFileLocation', 'SnapshotFileLocation')]
        [ValidateNotNullOrEmpty()]
        [string]$SnapshotFilePath,

        [Parameter(ParameterSetName = 'NameMultipleDestinations')]
        [Parameter(ParameterSetName = 'VMMultipleDestinations')]
        [ValidateNotNullOrEmpty()]
        [string]$SmartPagingFilePath,

        [Parameter(ParameterSetName = 'NameMultipleDestinations')]
        [Parameter(ParameterSetName = 'VMMultipleDestinations')]
        [ValidateNotNullOrEmpty()]
        [hashtable[]]$Vhds,

        [string]$ResourcePoolName,
        [switch]$RetainVhdCopiesOnSource,
        [switch]$RemoveSourceUnmanagedVhds,
        [switch]$AllowUnverifiedPaths,
        [switch]$AsJob
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        if ($PSBoundParameters.ContainsKey('Name')) { $PSBoundParameters['Name'] = @($Name) }
        if ($PSBoundParameters.ContainsKey('VM')) { $PSBoundParameters['VM'] = @($VM) }
        Invoke-HvPerVMCmdlet $PSCmdlet $call $PSBoundParameters -HvOutput $null -HvCheck {
            foreach ($entry in $Vhds) {
                if (-not $entry['SourceFilePath'] -or -not $entry['DestinationFilePath']) {
                    Stop-HvInvalidParameter 'Each entry of -Vhds needs the keys SourceFilePath and DestinationFilePath, e.g. @{ SourceFilePath = ''C:\VMs\a.vhdx''; DestinationFilePath = ''D:\VMs\a.vhdx'' }.'
                }
            }
        } -HvChange {
            param($tx, $result, $vm)
            $moves = [System.Collections.ArrayList]::new()
            $disks = @($vm.Drives | Where-Object { $_.Kind -eq 'HardDisk' -and $_.Path })
            if ($DestinationStoragePath) {
                $destination = ConvertTo-HvWindowsPath $DestinationStoragePath
                foreach ($drive in $disks) {
                    [void]$moves.Add(@{ Drive = $drive; Target = Join-HvWindowsPath $destination ('Virtual Hard Disks\' + (Get-HvWindowsLeaf $drive.Path)) })
                }
            } else {
                foreach ($entry in $Vhds) {
                    $source = ConvertTo-HvWindowsPath ([string]$entry['SourceFilePath'])
                    $drive = $disks | Where-Object { (Get-HvPathKey $_.Path) -eq (Get-HvPathKey $source) } | Select-Object -First 1
                    if ($null -eq $drive) {
                        Stop-HvInvalidParameter ("The virtual hard disk '{0}' is not attached to the virtual machine '{1}'." -f $source, $vm.Name) $source
                    }
                    [void]$moves.Add(@{ Drive = $drive; Target = ConvertTo-HvWindowsPath ([string]$entry['DestinationFilePath']) })
                }
            }
            $failed = "Storage migration for virtual machine '{0}' ({1}) failed." -f $vm.Name, $vm.Id.ToUpperInvariant()
            foreach ($move in $moves) {
                if ((Get-HvPathKey $move.Target) -ne (Get-HvPathKey $move.Drive.Path) -and [IO.File]::Exists((Get-HvLocalPath $move.Target $tx.Dir))) {
                    Stop-HvOperation -ErrorId 'OperationFailed' -Category NotSpecified -Message (Join-HvMessage $failed ("The file '{0}' already exists." -f $move.Target)) $move.Target
                }
            }
            foreach ($move in $moves) {
                if ((Get-HvPathKey $move.Target) -eq (Get-HvPathKey $move.Drive.Path)) { continue }
                Move-HvDiskFile $tx $move.Drive.Path $move.Target ([bool]$RetainVhdCopiesOnSource)
                $move.Drive.Path = $move.Target
            }
            if ($DestinationStoragePath) {
                foreach ($field in @('Path', 'ConfigurationLocation', 'SnapshotFileLocation', 'SmartPagingFilePath')) { $vm[$field] = $destination }
            }
            if ($VirtualMachinePath) { $vm.Path = ConvertTo-HvWindowsPath $VirtualMachinePath; $vm.ConfigurationLocation = $vm.Path }
            if ($SnapshotFilePath) { $vm.SnapshotFileLocation = ConvertTo-HvWindowsPath $SnapshotFilePath }
            if ($SmartPagingFilePath) { $vm.SmartPagingFilePath = ConvertTo-HvWindowsPath $SmartPagingFilePath }
        }
    }
}
