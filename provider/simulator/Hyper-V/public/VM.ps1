# Get-VM, New-VM, Set-VM, Remove-VM, Rename-VM.

function Get-VM {
    [CmdletBinding(DefaultParameterSetName = 'Name')]
    [OutputType('Microsoft.HyperV.PowerShell.VirtualMachine')]
    param(
        [Parameter(ParameterSetName = 'Name', Position = 0, ValueFromPipeline = $true)]
        [Alias('VMName')]
        [ValidateNotNullOrEmpty()]
        [string[]]$Name,

        [Parameter(ParameterSetName = 'Id', Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)]
        [Nullable[Guid]]$Id
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters {
            param($tx, $result, $bound)
            if ($PSCmdlet.ParameterSetName -eq 'Id' -and $null -ne $Id) {
                $vm = Get-HvVMById $tx.State $Id
                if ($null -eq $vm) {
                    Stop-HvOperation -ErrorId 'InvalidParameter' -Category InvalidArgument -TargetObject $Id -Message (
                        'Hyper-V was unable to find a virtual machine with id "{0}".' -f $Id)
                }
                Add-HvOutput $result (ConvertTo-HvVirtualMachine $tx.State $vm)
                return
            }
            if ($Name) {
                $vms = Find-HvVMByName -State $tx.State -Names $Name -Result $result -AsInvalidParameter
            } else {
                $vms = Get-HvSortedByName $tx.State.vms.Values
            }
            foreach ($vm in $vms) { Add-HvOutput $result (ConvertTo-HvVirtualMachine $tx.State $vm) }
        }
    }
}

function New-VM {
    [CmdletBinding(DefaultParameterSetName = 'No VHD', SupportsShouldProcess = $true)]
    [OutputType('Microsoft.HyperV.PowerShell.VirtualMachine')]
    param(
        [Parameter(Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)]
        [Alias('VMName')]
        [ValidateNotNullOrEmpty()]
        [string]$Name = 'New Virtual Machine',

        [Parameter(Position = 1)]
        [long]$MemoryStartupBytes,

        [Parameter(Position = 2)]
        [ValidateSet('1', '2')]
        [int16]$Generation = 1,

        [Nullable[Microsoft.HyperV.PowerShell.BootDevice]]$BootDevice,

        [Parameter(ParameterSetName = 'No VHD')]
        [switch]$NoVHD,

        [ValidateNotNullOrEmpty()]
        [string]$SwitchName,

        [Parameter(ParameterSetName = 'New VHD', Mandatory = $true)]
        [ValidateNotNullOrEmpty()]
        [string]$NewVHDPath,

        [Parameter(ParameterSetName = 'New VHD', Mandatory = $true)]
        [uint64]$NewVHDSizeBytes,

        [Parameter(ParameterSetName = 'Existing VHD', Mandatory = $true)]
        [ValidateNotNullOrEmpty()]
        [string]$VHDPath,

        [ValidateNotNullOrEmpty()]
        [string]$Path,

        [version]$Version,
        [switch]$Prerelease,
        [switch]$Experimental,
        [switch]$Force,
        [switch]$AsJob
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters -HvWrite {
            param($tx, $result, $bound)
            Assert-HvNoAsJob $bound
            $state = $tx.State
            $generation = [int]$Generation
            $boot = $BootDevice
            if ($generation -eq 2 -and $null -ne $boot) {
                switch ([string]$boot) {
                    'Floppy' { Stop-HvInvalidParameter 'Generation 2 virtual machines do not support floppy drives.' }
                    'IDE' { Stop-HvInvalidParameter 'Generation 2 virtual machines do not support IDE.' }
                    'LegacyNetworkAdapter' { Stop-HvInvalidParameter 'Generation 2 virtual machines do not support legacy network adapters.' }
                }
            }
            if ($generation -eq 1 -and $null -ne $boot) {
                if ([string]$boot -eq 'VHD') { $boot = [Microsoft.HyperV.PowerShell.BootDevice]::IDE }
                if ([string]$boot -eq 'NetworkAdapter') { $boot = [Microsoft.HyperV.PowerShell.BootDevice]::LegacyNetworkAdapter }
            }
            if ($Prerelease -and $Experimental) { Stop-HvMutuallyExclusive 'Prerelease' 'Experimental' }
            Assert-HvVMNameLength $Name
            $versionText = $script:HvHostInfo.DefaultVersion
            if ($Version) {
                if ($Prerelease) { Stop-HvMutuallyExclusive 'Version' 'Prerelease' }
                if ($Experimental) { Stop-HvMutuallyExclusive 'Version' 'Experimental' }
                $versionText = '{0}.{1}' -f $Version.Major, [Math]::Max($Version.Minor, 0)
                if ($script:HvHostInfo.SupportedVmVersions -notcontains $versionText) {
                    Stop-HvInvalidParameter ("The configuration version '{0}' is not supported by this host. Supported versions: {1}." -f $versionText, ($script:HvHostInfo.SupportedVmVersions -join ', '))
                }
            }
            if ($Prerelease) { $versionText = '254.0' }
            if ($Experimental) { $versionText = '255.0' }

            $vmPath = (Get-HvHostSetting $state 'VirtualMachinePath')
            if ($Path) { $vmPath = Join-HvWindowsPath (ConvertTo-HvWindowsPath $Path) $Name }

            # The real VM exists (with its id) before its memory is set; a failure removes it again.
            $vmId = [Guid]::NewGuid().ToString()
            $memoryMB = [long]$script:HvHostInfo.DefaultMemoryMB
            if ($bound.ContainsKey('MemoryStartupBytes')) { $memoryMB = ConvertTo-HvMemoryMB $MemoryStartupBytes @{ Id = $vmId } $Name }

            $switch = $null
            if ($SwitchName) { $switch = Get-HvSingleSwitch $state $SwitchName }

            $diskPath = $null
            if ($PSCmdlet.ParameterSetName -eq 'New VHD') {
                if ((Get-HvPathExtension $NewVHDPath) -ne '.vhdx') {
                    Stop-HvInvalidParameter 'The path for a new virtual hard disk must use the .VHDX file extension.' $NewVHDPath
                }
                if (Test-HvBareFileName $NewVHDPath) {
                    if ($Path) { $diskPath = Join-HvWindowsPath $vmPath ('Virtual Hard Disks\' + $NewVHDPath) }
                    else { $diskPath = Join-HvWindowsPath (Get-HvHostSetting $state 'VirtualHardDiskPath') $NewVHDPath }
                } else {
                    $diskPath = ConvertTo-HvWindowsPath $NewVHDPath
                }
            } elseif ($PSCmdlet.ParameterSetName -eq 'Existing VHD') {
                if (Test-HvBareFileName $VHDPath) { $diskPath = Join-HvWindowsPath (Get-HvHostSetting $state 'VirtualHardDiskPath') $VHDPath }
                else { $diskPath = ConvertTo-HvWindowsPath $VHDPath }
                $extension = Get-HvPathExtension $diskPath
                if ($generation -eq 2 -and ($extension -eq '.vhd' -or $extension -eq '.avhd')) {
                    Stop-HvInvalidParameter 'Generation 2 virtual machines do not support .vhd or .avhd format.' $VHDPath
                }
                if ($null -eq (Get-HvVhdRecord $tx $diskPath)) {
                    Stop-HvObjectNotFound (Join-HvMessage ("Failed to add device 'Virtual Hard Disk'.") (Get-HvNotAVhdMessage $diskPath))
                }
                $user = Find-HvDriveUsingPath $state $diskPath
                if ($user) {
                    Stop-HvObjectInUse (Join-HvMessage "Failed to add device 'Virtual Hard Disk'." (
                            "The virtual hard disk '{0}' is already in use by virtual machine '{1}'." -f $diskPath, $user.VM.Name))
                }
            }
            if (-not $PSCmdlet.ShouldProcess($Name, 'New-VM')) { return }

            $vm = New-HvVMRecord -Name $Name -Generation $generation -MemoryMB $memoryMB -Path $vmPath -Version $versionText -Id $vmId
            $vm.ScsiControllers = 1
            if ($generation -eq 1) {
                [void]$vm.Drives.Add((New-HvDriveRecord 'DvdDrive' 'IDE' 1 0 $null))
            } elseif ($null -ne $boot -and [string]$boot -eq 'CD') {
                [void]$vm.Drives.Add((New-HvDriveRecord 'DvdDrive' 'SCSI' 0 0 $null))
            }
            $legacy = ($generation -eq 1 -and $null -ne $boot -and [string]$boot -eq 'LegacyNetworkAdapter')
            $nicName = 'Network Adapter'
            if ($legacy) { $nicName = 'Legacy Network Adapter' }
            $switchId = $null
            if ($switch) { $switchId = $switch.Id }
            [void]$vm.NetworkAdapters.Add((New-HvNetworkAdapterRecord -Name $nicName -IsLegacy $legacy -SwitchId $switchId))
            if ($diskPath) {
                if ($PSCmdlet.ParameterSetName -eq 'New VHD') {
                    [void](New-HvVhd -Tx $tx -WindowsPath $diskPath -SizeBytes ([long]$NewVHDSizeBytes) -Type 'Dynamic')
                }
                # IDE 0:0 on Generation 1; the first free SCSI 0 location on Generation 2 (after a boot DVD).
                $type = 'SCSI'
                if ($generation -eq 1) { $type = 'IDE' }
                $slot = Find-HvControllerVacancy -VM $vm -ControllerType $type -ControllerNumber 0 -ControllerLocation $null
                [void]$vm.Drives.Add((New-HvDriveRecord 'HardDisk' $slot.ControllerType $slot.ControllerNumber $slot.ControllerLocation $diskPath))
            }
            if ($generation -eq 1 -and $null -ne $boot) {
                $order = [System.Collections.ArrayList]::new()
                [void]$order.Add([string]$boot)
                foreach ($device in $vm.Bios.StartupOrder) { if ($device -ne [string]$boot) { [void]$order.Add($device) } }
                $vm.Bios.StartupOrder = $order
            }
            if ($generation -eq 2 -and $null -ne $boot -and [string]$boot -eq 'NetworkAdapter') {
                $first = $vm.NetworkAdapters[0].Id
                Set-HvBootOrder $vm ([string[]](@($first) + @(foreach ($device in (Get-HvBootOrder $vm)) { if ($device.Id -ne $first) { $device.Id } })))
            }
            if ($generation -eq 2 -and $null -ne $boot -and [string]$boot -eq 'VHD' -and -not $diskPath) {
                # Generation 2 moves the matching firmware boot entry first; without a disk there is none.
                Add-HvWarning $result 'No boot source could be found that matches the specified boot device type.'
            }
            $state.vms[$vm.Id] = $vm
            Add-HvOutput $result (ConvertTo-HvVirtualMachine $state $vm)
        }
    }
}

function Set-VM {
    [CmdletBinding(DefaultParameterSetName = 'Name', SupportsShouldProcess = $true)]
    [OutputType('Microsoft.HyperV.PowerShell.VirtualMachine')]
    param(
        [Parameter(ParameterSetName = 'Name', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [Alias('VMName')]
        [ValidateNotNullOrEmpty()]
        [string[]]$Name,

        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VirtualMachine[]]$VM,

        [Nullable[long]]$ProcessorCount,
        [switch]$DynamicMemory,
        [switch]$StaticMemory,
        [Nullable[long]]$MemoryMinimumBytes,
        [Nullable[long]]$MemoryMaximumBytes,
        [Nullable[long]]$MemoryStartupBytes,
        [Nullable[Microsoft.HyperV.PowerShell.StartAction]]$AutomaticStartAction,
        [Nullable[Microsoft.HyperV.PowerShell.StopAction]]$AutomaticStopAction,
        [Nullable[int]]$AutomaticStartDelay,
        [Nullable[Microsoft.HyperV.PowerShell.CriticalErrorAction]]$AutomaticCriticalErrorAction,
        [Nullable[int]]$AutomaticCriticalErrorActionTimeout,
        [Nullable[bool]]$AutomaticCheckpointsEnabled,
        [Nullable[Microsoft.HyperV.PowerShell.CheckpointType]]$CheckpointType,
        [Nullable[Microsoft.HyperV.PowerShell.OnOffState]]$LockOnDisconnect,
        [string]$Notes,
        [string]$NewVMName,
        [string]$SnapshotFileLocation,
        [string]$SmartPagingFilePath,
        [Nullable[bool]]$GuestControlledCacheTypes,
        [Nullable[uint32]]$LowMemoryMappedIoSpace,
        [Nullable[uint64]]$HighMemoryMappedIoSpace,
        [Nullable[Microsoft.HyperV.PowerShell.EnhancedSessionTransportType]]$EnhancedSessionTransportType,
        [switch]$AllowUnverifiedPaths,
        [switch]$Passthru
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvPerVMCmdlet $PSCmdlet $call $PSBoundParameters -HvChange {
            param($tx, $result, $vm, $bound)
            $givesDynamicOnly = ($null -ne $MemoryMinimumBytes -or $null -ne $MemoryMaximumBytes)
            Assert-HvDynamicMemoryArguments $vm $DynamicMemory.IsPresent $StaticMemory.IsPresent ($givesDynamicOnly -or ($DynamicMemory -and $StaticMemory)) (
                'Dynamic and static memory settings cannot be specified together. To set maximum memory, minimum memory and buffer settings, turn on Dynamic Memory as well.')
            if ($StaticMemory -and $givesDynamicOnly) {
                Stop-HvInvalidParameter 'Dynamic and static memory settings cannot be specified together. To set maximum memory, minimum memory and buffer settings, turn on Dynamic Memory as well.'
            }
            $dynamic = $null
            if ($DynamicMemory) { $dynamic = $true }
            if ($StaticMemory) { $dynamic = $false }
            if ($null -ne $dynamic -or $null -ne $MemoryStartupBytes -or $givesDynamicOnly) {
                Set-HvMemorySettings -VM $vm -Dynamic $dynamic -StartupBytes $MemoryStartupBytes -MinimumBytes $MemoryMinimumBytes -MaximumBytes $MemoryMaximumBytes
            }
            if ($null -ne $ProcessorCount) { Set-HvProcessorCount $vm $ProcessorCount }
            if ($null -ne $AutomaticStartAction) { $vm.AutomaticStartAction = [string]$AutomaticStartAction }
            if ($null -ne $AutomaticStopAction -and [string]$AutomaticStopAction -ne [string]$vm.AutomaticStopAction) {
                # The stop action decides what the saved state holds, so VMMS takes it only while the VM is off.
                if (-not (Test-HvVMOff $vm)) {
                    Stop-HvInvalidState (Join-HvMessage ("Failed to modify the settings of '{0}'." -f $vm.Name) (
                            "The automatic stop action of '{0}' cannot be changed while the virtual machine is {1}. (Virtual machine ID {2})" -f $vm.Name, (Get-HvStateWords $vm), $vm.Id.ToUpperInvariant()))
                }
                $vm.AutomaticStopAction = [string]$AutomaticStopAction
            }
            if ($null -ne $AutomaticStartDelay) {
                if ($AutomaticStartDelay -lt 0 -or $AutomaticStartDelay -gt 999999999) {
                    Stop-HvInvalidParameter 'The automatic start delay must be between 0 and 999999999 seconds.'
                }
                $vm.AutomaticStartDelay = [int]$AutomaticStartDelay
            }
            if ($null -ne $AutomaticCriticalErrorAction) { $vm.AutomaticCriticalErrorAction = [string]$AutomaticCriticalErrorAction }
            if ($null -ne $AutomaticCriticalErrorActionTimeout) { $vm.AutomaticCriticalErrorActionTimeout = [int]$AutomaticCriticalErrorActionTimeout }
            if ($null -ne $AutomaticCheckpointsEnabled) { $vm.AutomaticCheckpointsEnabled = [bool]$AutomaticCheckpointsEnabled }
            if ($null -ne $CheckpointType) { $vm.CheckpointType = [string]$CheckpointType }
            if ($null -ne $LockOnDisconnect) { $vm.LockOnDisconnect = [string]$LockOnDisconnect }
            if ($bound.ContainsKey('Notes') -and $null -ne $Notes) { $vm.Notes = $Notes }
            if ($bound.ContainsKey('SnapshotFileLocation')) { $vm.SnapshotFileLocation = ConvertTo-HvWindowsPath $SnapshotFileLocation }
            if ($bound.ContainsKey('SmartPagingFilePath')) { $vm.SmartPagingFilePath = ConvertTo-HvWindowsPath $SmartPagingFilePath }
            if ($null -ne $GuestControlledCacheTypes) { $vm.GuestControlledCacheTypes = [bool]$GuestControlledCacheTypes }
            if ($null -ne $LowMemoryMappedIoSpace) { $vm.LowMemoryMappedIoSpace = [long]$LowMemoryMappedIoSpace }
            if ($null -ne $HighMemoryMappedIoSpace) { $vm.HighMemoryMappedIoSpace = [long]$HighMemoryMappedIoSpace }
            if ($null -ne $EnhancedSessionTransportType) { $vm.EnhancedSessionTransportType = [string]$EnhancedSessionTransportType }
            if (-not [string]::IsNullOrEmpty($NewVMName)) { Assert-HvVMNameLength $NewVMName; $vm.Name = $NewVMName }
        }
    }
}

function Remove-VM {
    [CmdletBinding(DefaultParameterSetName = 'Name', SupportsShouldProcess = $true)]
    [OutputType('Microsoft.HyperV.PowerShell.VirtualMachine')]
    param(
        [Parameter(ParameterSetName = 'Name', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [Alias('VMName')]
        [ValidateNotNullOrEmpty()]
        [string[]]$Name,

        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VirtualMachine[]]$VM,

        [switch]$Force,
        [switch]$AsJob,
        [switch]$Passthru
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        # The -Passthru object is the VM as it was, marked deleted, written after the removal.
        Invoke-HvPerVMCmdlet $PSCmdlet $call $PSBoundParameters -HvOutput $null -HvChange {
            param($tx, $result, $vm)
            if (-not $Force) {
                Stop-HvConfirmationRequired ('Are you sure you want to remove virtual machine "{0}"?' -f $vm.Name)
            }
            if ($vm.State -ne 'Off' -and $vm.State -ne 'Saved') {
                Stop-HvInvalidState (Join-HvMessage ("Deleting '{0}' failed." -f $vm.Name) 'The operation cannot be performed while the object is in its current state.') $vm.Name
            }
            $output = ConvertTo-HvVirtualMachine $tx.State $vm -Deleted
            $tx.State.vms.Remove($vm.Id)
            if ($Passthru) { Add-HvOutput $result $output }
        }
    }
}

function Rename-VM {
    [CmdletBinding(DefaultParameterSetName = 'Name', SupportsShouldProcess = $true)]
    [OutputType('Microsoft.HyperV.PowerShell.VirtualMachine')]
    param(
        [Parameter(ParameterSetName = 'Name', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [Alias('VMName')]
        [ValidateNotNullOrEmpty()]
        [string[]]$Name,

        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VirtualMachine[]]$VM,

        [Parameter(Mandatory = $true, Position = 1)]
        [ValidateNotNullOrEmpty()]
        [string]$NewName,

        [switch]$Passthru
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvPerVMCmdlet $PSCmdlet $call $PSBoundParameters -HvCheck { Assert-HvVMNameLength $NewName } -HvChange { param($tx, $result, $vm) $vm.Name = $NewName }
    }
}
