BeforeAll { . (Join-Path $PSScriptRoot 'SimulatorTestHelpers.ps1') }

Describe 'Get-VM' {
    BeforeEach { $dir = New-SimStateDirectory }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'returns all VMs sorted by name, case-insensitively' {
        'charlie', 'Alpha', 'bravo' | ForEach-Object { $null = New-VM -Name $_ }
        (Get-VM).Name | Should -Be @('Alpha', 'bravo', 'charlie')
    }

    It 'matches names case-insensitively and with wildcards' {
        $null = New-VM -Name 'web-1'
        $null = New-VM -Name 'web-2'
        $null = New-VM -Name 'db-1'
        (Get-VM -Name 'WEB-1').Name | Should -Be 'web-1'
        (Get-VM -Name 'web-*').Name | Should -Be @('web-1', 'web-2')
        (Get-VM -Name 'db-[0-9]').Name | Should -Be 'db-1'
    }

    It 'writes InvalidParameter/InvalidArgument for a literal name that matches nothing' {
        $e = Get-SimError { Get-VM -Name 'missing' -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.GetVM'
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $e.CategoryInfo.Reason | Should -Be 'VirtualizationException'
        $e.TargetObject | Should -Be 'missing'
        $e.Exception.Message | Should -Be 'Hyper-V was unable to find a virtual machine with name "missing".'
        $e.Exception | Should -BeOfType ([Microsoft.HyperV.PowerShell.VirtualizationException])
    }

    It 'is silent for a wildcard that matches nothing' {
        $errors = $null
        $result = Get-VM -Name 'missing*' -ErrorVariable errors
        $result | Should -BeNullOrEmpty
        $errors.Count | Should -Be 0
    }

    It 'writes non-terminating errors: matched names still produce output' {
        $null = New-VM -Name 'a'
        $null = New-VM -Name 'b'
        $errors = $null
        $result = Get-VM -Name 'a', 'missing', 'b' -ErrorAction SilentlyContinue -ErrorVariable errors
        $result.Name | Should -Be @('a', 'b')
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.GetVM'
    }

    It 'finds a VM by Id and reports an unknown Id' {
        $vm = New-VM -Name 'x'
        (Get-VM -Id $vm.Id).Name | Should -Be 'x'
        $id = [Guid]::NewGuid()
        $e = Get-SimError { Get-VM -Id $id -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.GetVM'
        $e.Exception.Message | Should -Be ('Hyper-V was unable to find a virtual machine with id "{0}".' -f $id)
    }

    It 'takes names and VM objects from the pipeline' {
        $vm = New-VM -Name 'piped'
        ('piped' | Get-VM).Id | Should -Be $vm.Id
        ($vm | Get-VM).Id | Should -Be $vm.Id
    }

    It 'exposes VMId and VMName aliases on VM objects' {
        $vm = New-VM -Name 'alias'
        $vm.VMId | Should -Be $vm.Id
        $vm.VMName | Should -Be 'alias'
    }
}

Describe 'New-VM' {
    BeforeEach { $dir = New-SimStateDirectory }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'creates a Generation 1 VM with the real default devices' {
        $vm = New-VM -Name 'g1' -MemoryStartupBytes 1GB
        $vm | Should -BeOfType ([Microsoft.HyperV.PowerShell.VirtualMachine])
        $vm.Generation | Should -Be 1
        $vm.State | Should -Be ([Microsoft.HyperV.PowerShell.VMState]::Off)
        $vm.MemoryStartup | Should -Be 1073741824
        $vm.ProcessorCount | Should -Be 1
        $vm.DynamicMemoryEnabled | Should -BeFalse
        $vm.Notes | Should -Be ''
        $vm.AutomaticStartAction | Should -Be 'StartIfRunning'
        $vm.NetworkAdapters.Count | Should -Be 1
        $vm.NetworkAdapters[0].Name | Should -Be 'Network Adapter'
        $vm.NetworkAdapters[0].IsLegacy | Should -BeFalse
        $vm.NetworkAdapters[0].Connected | Should -BeFalse
        $vm.DVDDrives.Count | Should -Be 1
        $vm.DVDDrives[0].ControllerType | Should -Be 'IDE'
        $vm.DVDDrives[0].ControllerNumber | Should -Be 1
        $vm.DVDDrives[0].ControllerLocation | Should -Be 0
        $vm.HardDrives.Count | Should -Be 0
        @(Get-VMScsiController -VMName 'g1').Count | Should -Be 1
        (Get-VMBios -VMName 'g1').StartupOrder | Should -Be @('CD', 'IDE', 'LegacyNetworkAdapter', 'Floppy')
        $vm.Id | Should -BeOfType ([Guid])
    }

    It 'defaults the name and the generation' {
        $vm = New-VM
        $vm.Name | Should -Be 'New Virtual Machine'
        $vm.Generation | Should -Be 1
    }

    It 'allows duplicate names (VMs are keyed by Id)' {
        $a = New-VM -Name 'dup'
        $b = New-VM -Name 'dup'
        $a.Id | Should -Not -Be $b.Id
        @(Get-VM -Name 'dup').Count | Should -Be 2
        Set-VM -Name 'dup' -Notes 'both'
        (Get-VM -Name 'dup').Notes | Should -Be @('both', 'both')
    }

    It 'rejects memory that is not 2 MB aligned and creates nothing' {
        $e = Get-SimError { New-VM -Name 'odd' -MemoryStartupBytes 4019MB -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.NewVM'
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $e.Exception.Message | Should -BeLike "*('4019' MB) is not properly aligned*"
        $e.Exception.Message | Should -Match "\(Virtual machine ID [0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\)$"
        Get-VM -Name 'odd*' | Should -BeNullOrEmpty
    }

    It 'truncates sub-MB remainders like the real module' {
        $vm = New-VM -Name 'trunc' -MemoryStartupBytes (512MB + 1000)
        $vm.MemoryStartup | Should -Be 512MB
    }

    It 'rejects Generation 3 in the binder' {
        { New-VM -Name 'x' -Generation 3 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,New-VM'
    }

    It 'creates a Generation 2 VM with a new VHDX on SCSI 0:0' {
        $vm = New-VM -Name 'g2' -Generation 2 -MemoryStartupBytes 2GB -NewVHDPath 'C:\VMs\g2.vhdx' -NewVHDSizeBytes 20GB
        $vm.Generation | Should -Be 2
        $vm.DVDDrives.Count | Should -Be 0
        $vm.HardDrives.Count | Should -Be 1
        $vm.HardDrives[0].ControllerType | Should -Be 'SCSI'
        $vm.HardDrives[0].Path | Should -Be 'C:\VMs\g2.vhdx'
        (Get-VHD -Path 'C:\VMs\g2.vhdx').VhdType | Should -Be 'Dynamic'
        Test-Path -LiteralPath (Join-Path $dir 'disks/c/vms/g2.vhdx') | Should -BeTrue
    }

    It 'adds a boot DVD drive on SCSI 0:0 of a Generation 2 VM, the VHD after it' {
        $vm = New-VM -Name 'cd' -Generation 2 -BootDevice CD -NewVHDPath 'C:\VMs\cd.vhdx' -NewVHDSizeBytes 1GB
        $vm.DVDDrives[0].ControllerType | Should -Be 'SCSI'
        $vm.DVDDrives[0].ControllerLocation | Should -Be 0
        $vm.HardDrives[0].ControllerLocation | Should -Be 1
    }

    It 'puts a bare new VHD file name under the host virtual hard disk path' {
        $vm = New-VM -Name 'bare' -NewVHDPath 'bare.vhdx' -NewVHDSizeBytes 1GB
        $vm.HardDrives[0].Path | Should -Be 'C:\ProgramData\Microsoft\Windows\Virtual Hard Disks\bare.vhdx'
        $vm.HardDrives[0].ControllerType | Should -Be 'IDE'
    }

    It 'puts the VM under -Path\<Name>' {
        $vm = New-VM -Name 'placed' -Path 'D:\Hyper-V'
        $vm.Path | Should -Be 'D:\Hyper-V\placed'
    }

    It 'requires the .vhdx extension for a new VHD' {
        $e = Get-SimError { New-VM -Name 'x' -NewVHDPath 'C:\VMs\x.vhd' -NewVHDSizeBytes 1GB -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.NewVM'
        $e.Exception.Message | Should -Be 'The path for a new virtual hard disk must use the .VHDX file extension.'
    }

    It 'refuses .vhd disks and IDE/floppy/legacy boot devices on Generation 2' {
        $null = New-VHD -Path 'C:\VMs\old.vhd' -SizeBytes 1GB
        (Get-SimError { New-VM -Name 'x' -Generation 2 -VHDPath 'C:\VMs\old.vhd' -ErrorAction Stop }).Exception.Message |
            Should -Be 'Generation 2 virtual machines do not support .vhd or .avhd format.'
        (Get-SimError { New-VM -Name 'x' -Generation 2 -BootDevice IDE -ErrorAction Stop }).Exception.Message |
            Should -Be 'Generation 2 virtual machines do not support IDE.'
        (Get-SimError { New-VM -Name 'x' -Generation 2 -BootDevice Floppy -ErrorAction Stop }).Exception.Message |
            Should -Be 'Generation 2 virtual machines do not support floppy drives.'
        (Get-SimError { New-VM -Name 'x' -Generation 2 -BootDevice LegacyNetworkAdapter -ErrorAction Stop }).Exception.Message |
            Should -Be 'Generation 2 virtual machines do not support legacy network adapters.'
        Get-VM -Name 'x*' | Should -BeNullOrEmpty
    }

    It 'warns when a Generation 2 VM has no boot source of the -BootDevice type' {
        $warnings = $null
        $vm = New-VM -Name 'nodisk' -Generation 2 -BootDevice VHD -NoVHD -WarningVariable warnings -WarningAction SilentlyContinue
        $vm.Name | Should -Be 'nodisk'
        $warnings.Count | Should -Be 1
        $warnings[0].Message | Should -Be 'No boot source could be found that matches the specified boot device type.'
        $null = New-VM -Name 'pxe' -Generation 2 -BootDevice NetworkAdapter -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings.Count | Should -Be 0
    }

    It 'rolls the VM back when a later step fails' {
        $null = New-VHD -Path 'C:\VMs\taken.vhdx' -SizeBytes 1GB
        $e = Get-SimError { New-VM -Name 'rb' -NewVHDPath 'C:\VMs\taken.vhdx' -NewVHDSizeBytes 1GB -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'OperationFailed,Microsoft.HyperV.PowerShell.Commands.NewVM'
        $e.CategoryInfo.Category | Should -Be 'NotSpecified'
        Get-VM -Name 'rb*' | Should -BeNullOrEmpty
    }

    It 'attaches an existing VHD at IDE 0:0 on Generation 1 and refuses a missing one' {
        $null = New-VHD -Path 'C:\VMs\os.vhdx' -SizeBytes 8GB
        $vm = New-VM -Name 'os' -VHDPath 'C:\VMs\os.vhdx'
        $vm.HardDrives[0].ControllerType | Should -Be 'IDE'
        $vm.HardDrives[0].ControllerNumber | Should -Be 0
        $vm.HardDrives[0].ControllerLocation | Should -Be 0
        $e = Get-SimError { New-VM -Name 'none' -VHDPath 'C:\VMs\none.vhdx' -ErrorAction Stop }
        $e.CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'boots a Generation 1 VM from a legacy adapter when asked' {
        $vm = New-VM -Name 'pxe' -BootDevice NetworkAdapter
        $vm.NetworkAdapters[0].IsLegacy | Should -BeTrue
        $vm.NetworkAdapters[0].Name | Should -Be 'Legacy Network Adapter'
        (Get-VMBios -VMName 'pxe').StartupOrder[0] | Should -Be 'LegacyNetworkAdapter'
    }

    It 'connects the adapter to -SwitchName and refuses an unknown switch' {
        $null = New-VMSwitch -Name 'lan' -SwitchType Internal
        (New-VM -Name 'net' -SwitchName 'lan').NetworkAdapters[0].SwitchName | Should -Be 'lan'
        $e = Get-SimError { New-VM -Name 'x' -SwitchName 'nope' -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.NewVM'
        $e.Exception.Message | Should -Be 'Hyper-V was unable to find a virtual switch with name "nope".'
    }

    It 'honours -WhatIf' {
        New-VM -Name 'whatif' -WhatIf | Should -BeNullOrEmpty
        Get-VM -Name 'whatif*' | Should -BeNullOrEmpty
    }
}

Describe 'Set-VM' {
    BeforeEach { $dir = New-SimStateDirectory; $vm = New-VM -Name 'vm' -MemoryStartupBytes 1GB }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'writes nothing without -Passthru and the VM with it' {
        Set-VM -Name 'vm' -Notes 'n' | Should -BeNullOrEmpty
        $out = Set-VM -Name 'vm' -Notes 'm' -Passthru
        $out | Should -BeOfType ([Microsoft.HyperV.PowerShell.VirtualMachine])
        $out.Notes | Should -Be 'm'
    }

    It 'changes settings, renames and clears notes' {
        Set-VM -Name 'vm' -ProcessorCount 2 -AutomaticStartAction Nothing -AutomaticStopAction TurnOff -AutomaticStartDelay 30 -Notes 'x' -CheckpointType Standard
        $v = Get-VM -Id $vm.Id
        $v.ProcessorCount | Should -Be 2
        $v.AutomaticStartAction | Should -Be 'Nothing'
        $v.AutomaticStopAction | Should -Be 'TurnOff'
        $v.AutomaticStartDelay | Should -Be 30
        $v.CheckpointType | Should -Be 'Standard'
        Set-VM -Name 'vm' -Notes '' -NewVMName 'renamed'
        (Get-VM -Id $vm.Id).Notes | Should -Be ''
        (Get-VM -Id $vm.Id).Name | Should -Be 'renamed'
    }

    It 'takes VM objects from the pipeline' {
        Get-VM -Name 'vm' | Set-VM -Notes 'piped'
        (Get-VM -Id $vm.Id).Notes | Should -Be 'piped'
    }

    It 'sets dynamic memory and refuses static and dynamic settings together' {
        Set-VM -Name 'vm' -DynamicMemory -MemoryMinimumBytes 512MB -MemoryMaximumBytes 4GB
        $v = Get-VM -Id $vm.Id
        $v.DynamicMemoryEnabled | Should -BeTrue
        $v.MemoryMinimum | Should -Be 512MB
        $v.MemoryMaximum | Should -Be 4GB
        $e = Get-SimError { Set-VM -Name 'vm' -StaticMemory -MemoryMinimumBytes 512MB -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.SetVM'
        $e.Exception.Message | Should -BeLike 'Dynamic and static memory settings cannot be specified together.*'
    }

    It 'refuses minimum or maximum memory while dynamic memory is off' {
        $e = Get-SimError { Set-VM -Name 'vm' -MemoryMaximumBytes 4GB -ErrorAction Stop }
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'refuses a processor count change while the VM runs (InvalidState)' {
        Start-VM -Name 'vm'
        $e = Get-SimError { Set-VM -Name 'vm' -ProcessorCount 2 -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidState,Microsoft.HyperV.PowerShell.Commands.SetVM'
        $e.CategoryInfo.Category | Should -Be 'InvalidOperation'
        (Get-VM -Id $vm.Id).ProcessorCount | Should -Be 1
    }

    It 'keeps earlier writes when a later one fails' {
        Start-VM -Name 'vm'
        $errors = $null
        Set-VM -Name 'vm' -MemoryStartupBytes 2GB -ProcessorCount 4 -ErrorAction SilentlyContinue -ErrorVariable errors
        $errors.Count | Should -Be 1
        (Get-VM -Id $vm.Id).MemoryStartup | Should -Be 2GB
    }

    It 'reports an unknown VM name as ObjectNotFound' {
        $e = Get-SimError { Set-VM -Name 'ghost' -Notes 'x' -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'ObjectNotFound,Microsoft.HyperV.PowerShell.Commands.SetVM'
        $e.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $e.TargetObject | Should -BeNullOrEmpty
    }

    It 'rejects unknown enum values in the binder' {
        { Set-VM -Name 'vm' -AutomaticStopAction 'Hibernate' } | Should -Throw -ErrorId 'ParameterArgumentTransformationError,Set-VM'
    }
}

Describe 'Remove-VM and Rename-VM' {
    BeforeEach { $dir = New-SimStateDirectory }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'removes the VM but keeps its disk files' {
        $null = New-VM -Name 'gone' -NewVHDPath 'C:\VMs\gone.vhdx' -NewVHDSizeBytes 1GB
        Remove-VM -Name 'gone' -Force
        Get-VM -Name 'gone*' | Should -BeNullOrEmpty
        (Get-VHD -Path 'C:\VMs\gone.vhdx').Path | Should -Be 'C:\VMs\gone.vhdx'
    }

    It 'fails without -Force (the confirmation cannot be answered)' {
        $null = New-VM -Name 'kept'
        $e = Get-SimError { Remove-VM -Name 'kept' -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'OperationFailed,Microsoft.HyperV.PowerShell.Commands.RemoveVM'
        @(Get-VM -Name 'kept').Count | Should -Be 1
    }

    It 'refuses a running VM and returns the removed VM with -Passthru' {
        $null = New-VM -Name 'busy'
        Start-VM -Name 'busy'
        $e = Get-SimError { Remove-VM -Name 'busy' -Force -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidState,Microsoft.HyperV.PowerShell.Commands.RemoveVM'
        Stop-VM -Name 'busy' -TurnOff
        $removed = Remove-VM -Name 'busy' -Force -Passthru
        $removed.Name | Should -Be 'busy'
        $removed.IsDeleted | Should -BeTrue
    }

    It 'removes a saved VM' {
        $null = New-VM -Name 'saved'
        Start-VM -Name 'saved'
        Save-VM -Name 'saved'
        Remove-VM -Name 'saved' -Force
        Get-VM -Name 'saved*' | Should -BeNullOrEmpty
    }

    It 'removes piped VM objects' {
        $null = New-VM -Name 'p1'
        $null = New-VM -Name 'p2'
        Get-VM -Name 'p*' | Remove-VM -Force
        Get-VM | Should -BeNullOrEmpty
    }

    It 'renames a VM' {
        $vm = New-VM -Name 'old'
        (Rename-VM -Name 'old' -NewName 'new' -Passthru).Name | Should -Be 'new'
        (Get-VM -Id $vm.Id).Name | Should -Be 'new'
    }
}
