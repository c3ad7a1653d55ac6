# Export and import. An export is a folder <path>\<VM name> holding "Virtual Machines\<VM id>.vmcx"
# (here: the VM's configuration as JSON, with the metadata of its disks), "Virtual Hard Disks" (copies
# of the VM's disk files) and "Snapshots". Import (and Compare-VM) first makes a planned VM, kept in
# the state's "planned" section where only object-taking cmdlets find it; Import-VM realizes it.

$script:HvVmcxFormat = 'HyperVSimulator.VirtualMachineConfiguration/1'

# Compatibility problems (Msvm_Error ids of VMMS; 33012 as in Compare-VM's documented example).
$script:HvSwitchNotFoundMessageId = 33012
$script:HvVhdNotFoundMessageId = 40010

function Get-HvWindowsParent([string]$WindowsPath) {
    $cut = $WindowsPath.LastIndexOf('\')
    if ($cut -le 2) { return $WindowsPath.Substring(0, [Math]::Max($cut, 2)) + '\' }
    return $WindowsPath.Substring(0, $cut)
}

function Get-HvWindowsLeaf([string]$WindowsPath) { return $WindowsPath.Substring($WindowsPath.LastIndexOf('\') + 1) }

function Copy-HvDiskFile($Tx, [string]$Source, [string]$Destination) {
    $from = Get-HvLocalPath $Source $Tx.Dir
    $to = Get-HvLocalPath $Destination $Tx.Dir
    if ([IO.File]::Exists($to)) { Stop-HvOperation -ErrorId 'OperationFailed' -Category NotSpecified -Message ("The file '{0}' already exists." -f $Destination) $Destination }
    [void][IO.Directory]::CreateDirectory([IO.Path]::GetDirectoryName($to))
    [IO.File]::Copy($from, $to)
    $record = Get-HvVhdRecord $Tx $Source
    if ($record) {
        $copy = Copy-HvRecord $record
        $copy.Path = $Destination
        $copy.Attached = $false
        $copy.DiskNumber = $null
        $Tx.State.vhds[(Get-HvPathKey $Destination)] = $copy
    }
}

# Writes the export folder of one VM.
function Export-HvVM($Tx, $VM, [string]$Path, $CaptureLiveState) {
    $root = Join-HvWindowsPath (ConvertTo-HvWindowsPath $Path) $VM.Name
    $configFolder = Join-HvWindowsPath $root 'Virtual Machines'
    if ([IO.Directory]::Exists((Get-HvLocalPath $configFolder $Tx.Dir))) {
        Stop-HvOperation -ErrorId 'OperationFailed' -Category NotSpecified -Message (Join-HvMessage ("Exporting '{0}' to folder '{1}' failed." -f $VM.Name, $root) (
                "The folder '{0}' already holds an exported virtual machine; export to another folder." -f $root)) $Path
    }
    $config = Copy-HvRecord $VM
    foreach ($key in @('Guest', 'Planned', 'Import')) { $config.Remove($key) }
    $config.Format = $script:HvVmcxFormat
    $config.StartedAt = $null
    # A running VM is exported with its memory (saved state) unless asked for a consistent disk state only.
    if (Test-HvVMActive $VM) {
        $config.State = 'Saved'
        if ($null -ne $CaptureLiveState -and [string]$CaptureLiveState -ne 'CaptureSavedState') { $config.State = 'Off' }
    }
    foreach ($nic in $config.NetworkAdapters) { $nic.ExportedSwitchName = Get-HvSwitchName $Tx.State $nic.SwitchId }
    $disks = [System.Collections.ArrayList]::new()
    foreach ($drive in $config.Drives) {
        if ($drive.Kind -ne 'HardDisk' -or -not $drive.Path) { continue }
        $target = Join-HvWindowsPath $root ('Virtual Hard Disks\' + (Get-HvWindowsLeaf $drive.Path))
        Copy-HvDiskFile $Tx $drive.Path $target
        $drive.Path = $target
        $record = Get-HvVhdRecord $Tx $target
        if ($record) { [void]$disks.Add((Copy-HvRecord $record)) }
    }
    $config.ExportedDisks = $disks
    foreach ($folder in @('Snapshots', 'Virtual Hard Disks')) { [void][IO.Directory]::CreateDirectory((Get-HvLocalPath (Join-HvWindowsPath $root $folder) $Tx.Dir)) }
    $file = Get-HvLocalPath (Join-HvWindowsPath $configFolder ($VM.Id.ToUpperInvariant() + '.vmcx')) $Tx.Dir
    [void][IO.Directory]::CreateDirectory([IO.Path]::GetDirectoryName($file))
    [IO.File]::WriteAllText($file, [HyperVSimulator.Json]::Write($config), [Text.UTF8Encoding]::new($false))
}

# The configuration in an exported .vmcx file.
function Read-HvVmcx($Tx, [string]$WindowsPath) {
    $failed = "Importing the virtual machine from file '{0}' failed." -f $WindowsPath
    $leaf = Get-HvWindowsLeaf $WindowsPath
    $id = [Guid]::Empty
    if (-not [Guid]::TryParseExact([IO.Path]::GetFileNameWithoutExtension($leaf), 'D', [ref]$id)) {
        Stop-HvInvalidParameter ('The file name at "{0}" is not in GUID format.' -f $WindowsPath) $WindowsPath
    }
    $local = Get-HvLocalPath $WindowsPath $Tx.Dir
    if (-not [IO.File]::Exists($local)) {
        Stop-HvObjectNotFound (Join-HvMessage $failed ("The system cannot find the file '{0}'." -f $WindowsPath)) $WindowsPath
    }
    $config = $null
    try { $config = [HyperVSimulator.Json]::Parse([IO.File]::ReadAllText($local)) } catch { $config = $null }
    if ($null -eq $config -or $config -isnot [hashtable] -or $config.Format -ne $script:HvVmcxFormat) {
        Stop-HvOperation -ErrorId 'OperationFailed' -Category NotSpecified -Message (Join-HvMessage $failed 'The file is not a virtual machine configuration exported by this host.') $WindowsPath
    }
    # The file may have been edited: its paths are used only normalized (a bad one is refused).
    foreach ($item in @($config.Drives) + @($config.ExportedDisks)) {
        if ($item -is [hashtable] -and $item.Path) { $item.Path = ConvertTo-HvWindowsPath ([string]$item.Path) }
    }
    return $config
}

# Creates the planned VM of an import (Compare-VM / Import-VM -Path), replacing an earlier planned
# VM of the same file.
function New-HvPlannedVM {
    param($Tx, [string]$Path, [bool]$Copy, [bool]$GenerateNewId, [string]$VirtualMachinePath, [string]$SnapshotFilePath,
        [string]$SmartPagingFilePath, [string]$VhdDestinationPath, [string]$VhdSourcePath)
    $file = ConvertTo-HvWindowsPath $Path
    $config = Read-HvVmcx $Tx $file
    $root = Get-HvWindowsParent (Get-HvWindowsParent $file)
    if ($null -eq $Tx.State.planned) { $Tx.State.planned = New-HvTable }
    foreach ($planned in @($Tx.State.planned.Values)) {
        if ($planned.Import.File -eq $file -and ([bool]$planned.Import.GenerateNewId) -eq $GenerateNewId) { $Tx.State.planned.Remove($planned.Id) }
    }
    $vm = $config
    foreach ($key in @('Format', 'ExportedDisks')) { $vm.Remove($key) }
    if ($GenerateNewId) { $vm.Id = [Guid]::NewGuid().ToString() }
    if (-not $GenerateNewId -and $Tx.State.vms.ContainsKey([string]$vm.Id)) {
        Stop-HvOperation -ErrorId 'OperationFailed' -Category NotSpecified -Message (Join-HvMessage ("Importing the virtual machine from file '{0}' failed." -f $file) (
                "A virtual machine with the identifier '{0}' already exists on this host. Import a copy with a new identifier (-Copy -GenerateNewId)." -f $vm.Id.ToUpperInvariant())) $Path
    }
    $vm.Planned = $true
    $vm.Guest = $null
    $vm.CreationTime = [DateTime]::UtcNow.ToString('o')
    # Disks whose files came from the export keep their metadata (size, type) on this host.
    foreach ($disk in $config.ExportedDisks) {
        $leaf = Get-HvWindowsLeaf $disk.Path
        foreach ($folder in @($root + '\Virtual Hard Disks', $VhdSourcePath)) {
            if (-not $folder) { continue }
            $candidate = Join-HvWindowsPath $folder $leaf
            $key = Get-HvPathKey $candidate
            if (-not $Tx.State.vhds.ContainsKey($key) -and [IO.File]::Exists((Get-HvLocalPath $candidate $Tx.Dir))) {
                $record = Copy-HvRecord $disk
                $record.Path = $candidate
                $Tx.State.vhds[$key] = $record
            }
        }
    }
    $import = New-HvTable
    $import.File = $file
    $import.Register = -not $Copy
    $import.GenerateNewId = $GenerateNewId
    $import.SnapshotPath = $root + '\Snapshots'
    $import.VhdSourcePath = $null
    $import.VhdDestinationPath = $null
    if ($Copy) {
        $vmPath = $VirtualMachinePath
        if (-not $vmPath) { $vmPath = Get-HvHostSetting $Tx.State 'VirtualMachinePath' }
        $vmPath = ConvertTo-HvWindowsPath $vmPath
        $vm.Path = $vmPath
        $vm.ConfigurationLocation = $vmPath
        $vm.SnapshotFileLocation = $vmPath
        $vm.SmartPagingFilePath = $vmPath
        if ($SnapshotFilePath) { $vm.SnapshotFileLocation = ConvertTo-HvWindowsPath $SnapshotFilePath }
        if ($SmartPagingFilePath) { $vm.SmartPagingFilePath = ConvertTo-HvWindowsPath $SmartPagingFilePath }
        if (-not $VhdSourcePath -and [IO.Directory]::Exists((Get-HvLocalPath ($root + '\Virtual Hard Disks') $Tx.Dir))) { $VhdSourcePath = $root + '\Virtual Hard Disks' }
        if (-not $VhdDestinationPath) { $VhdDestinationPath = Get-HvHostSetting $Tx.State 'VirtualHardDiskPath' }
        if ($VhdSourcePath) { $import.VhdSourcePath = ConvertTo-HvWindowsPath $VhdSourcePath }
        $import.VhdDestinationPath = ConvertTo-HvWindowsPath $VhdDestinationPath
        foreach ($drive in $vm.Drives) {
            if ($drive.Kind -eq 'HardDisk' -and $drive.Path) { $drive.Path = Join-HvWindowsPath $import.VhdDestinationPath (Get-HvWindowsLeaf $drive.Path) }
        }
    } else {
        $vm.Path = $root
        $vm.ConfigurationLocation = $root
        $vm.SnapshotFileLocation = $root
        $vm.SmartPagingFilePath = $root
        # Registered in place: the disks are used from the export's own folder when all are there.
        $standard = $root + '\Virtual Hard Disks'
        $disks = @($vm.Drives | Where-Object { $_.Kind -eq 'HardDisk' -and $_.Path })
        $allThere = $disks.Count -gt 0
        foreach ($drive in $disks) {
            if (-not [IO.File]::Exists((Get-HvLocalPath (Join-HvWindowsPath $standard (Get-HvWindowsLeaf $drive.Path)) $Tx.Dir))) { $allThere = $false }
        }
        if ($allThere) { foreach ($drive in $disks) { $drive.Path = Join-HvWindowsPath $standard (Get-HvWindowsLeaf $drive.Path) } }
    }
    # Adapters connect to the switch of the same id, else to the one switch of the same name; an
    # adapter whose switch this host lacks keeps its old connection (an incompatibility).
    foreach ($nic in $vm.NetworkAdapters) {
        if (-not $nic.SwitchId -or $Tx.State.switches.ContainsKey([string]$nic.SwitchId)) { continue }
        if ($nic.ExportedSwitchName) {
            $named = Find-HvSwitchByName $Tx.State ([string]$nic.ExportedSwitchName)
            if ($named.Count -eq 1) { $nic.SwitchId = $named[0].Id }
        }
    }
    $vm.Import = $import
    $Tx.State.planned[[string]$vm.Id] = $vm
    return $vm
}

# The incompatibilities of a planned VM on this host: missing switches and missing disk files.
function Get-HvIncompatibilities($Tx, $VM) {
    $errors = [System.Collections.ArrayList]::new()
    foreach ($nic in $VM.NetworkAdapters) {
        if ($nic.SwitchId -and -not $Tx.State.switches.ContainsKey([string]$nic.SwitchId)) {
            $problem = [Microsoft.HyperV.PowerShell.VMCompatibilityError]::new()
            $problem.Message = "Could not find Ethernet switch '{0}'." -f $nic.ExportedSwitchName
            $problem.MessageId = $script:HvSwitchNotFoundMessageId
            $problem.Source = ConvertTo-HvNetworkAdapter $Tx.State $VM $nic
            [void]$errors.Add($problem)
        }
    }
    foreach ($drive in $VM.Drives) {
        if ($drive.Kind -ne 'HardDisk' -or -not $drive.Path) { continue }
        if ($null -ne (Get-HvVhdRecord $Tx $drive.Path)) { continue }
        if ($VM.Import.VhdSourcePath) {
            $source = Join-HvWindowsPath $VM.Import.VhdSourcePath (Get-HvWindowsLeaf $drive.Path)
            if ($null -ne (Get-HvVhdRecord $Tx $source)) { continue }
        }
        $problem = [Microsoft.HyperV.PowerShell.VMCompatibilityError]::new()
        $problem.Message = "Could not find the virtual hard disk '{0}'." -f $drive.Path
        $problem.MessageId = $script:HvVhdNotFoundMessageId
        $problem.Source = ConvertTo-HvDrive $VM $drive
        [void]$errors.Add($problem)
    }
    return , $errors
}

function ConvertTo-HvCompatibilityReport($Tx, $VM) {
    $report = [Microsoft.HyperV.PowerShell.VMCompatibilityReport]::new()
    $report.VM = ConvertTo-HvVirtualMachine $Tx.State $VM
    $report.OperationType = 'ImportVirtualMachine'
    $report.Destination = $script:HvHostInfo.ComputerName
    $report.Path = $VM.Import.File
    $report.SnapshotPath = $VM.Import.SnapshotPath
    $report.VhdDestinationPath = $VM.Import.VhdDestinationPath
    $report.VhdSourcePath = $VM.Import.VhdSourcePath
    $report.Incompatibilities = [Microsoft.HyperV.PowerShell.VMCompatibilityError[]](Get-HvIncompatibilities $Tx $VM).ToArray()
    return $report
}

# The planned VM a compatibility report names (it must still exist).
function Get-HvPlannedVM($Tx, $Report) {
    $id = [string]$Report.VM.Id
    if ($Report.OperationType -ne [Microsoft.HyperV.PowerShell.OperationType]::ImportVirtualMachine) {
        Stop-HvInvalidParameter 'The compatibility report provided was not generated for an import.'
    }
    if ($null -eq $Tx.State.planned -or -not $Tx.State.planned.ContainsKey($id)) {
        Stop-HvObjectNotFound ('Hyper-V was unable to find a virtual machine with id "{0}".' -f $id)
    }
    return $Tx.State.planned[$id]
}

# Makes a planned VM a real one: copies its disks when the import copies, then registers it.
# With incompatibilities the import fails (and a planned VM of this call is removed).
function Complete-HvImport($Tx, $VM, [bool]$RemoveOnFailure) {
    if ((Get-HvIncompatibilities $Tx $VM).Count -gt 0) {
        if ($RemoveOnFailure) { $Tx.State.planned.Remove([string]$VM.Id) }
        Stop-HvOperationFailed 'Unable to import virtual machine due to configuration errors.  Please use Compare-VM to repair the virtual machine.'
    }
    if ($Tx.State.vms.ContainsKey([string]$VM.Id)) {
        Stop-HvOperation -ErrorId 'OperationFailed' -Category NotSpecified -Message (
            "A virtual machine with the identifier '{0}' already exists on this host. Import a copy with a new identifier (-Copy -GenerateNewId)." -f $VM.Id.ToUpperInvariant())
    }
    foreach ($drive in $VM.Drives) {
        if ($drive.Kind -ne 'HardDisk' -or -not $drive.Path -or -not $VM.Import.VhdSourcePath) { continue }
        if ($null -ne (Get-HvVhdRecord $Tx $drive.Path)) { continue }
        Copy-HvDiskFile $Tx (Join-HvWindowsPath $VM.Import.VhdSourcePath (Get-HvWindowsLeaf $drive.Path)) $drive.Path
    }
    $Tx.State.planned.Remove([string]$VM.Id)
    foreach ($key in @('Planned', 'Import')) { $VM.Remove($key) }
    foreach ($nic in $VM.NetworkAdapters) { $nic.Remove('ExportedSwitchName') }
    $Tx.State.vms[[string]$VM.Id] = $VM
    Register-HvChangedVM $VM
    return $VM
}

# Moves (or, keeping the source, copies) a disk file with its metadata.
function Move-HvDiskFile($Tx, [string]$Source, [string]$Destination, [bool]$KeepSource) {
    Copy-HvDiskFile $Tx $Source $Destination
    if ($KeepSource) { return }
    [IO.File]::Delete((Get-HvLocalPath $Source $Tx.Dir))
    $Tx.State.vhds.Remove((Get-HvPathKey $Source))
}
