# The VM helpers the vm-* operation scripts share (provider/powershell/scripts/lib/HvVm.ps1), each
# driven directly against the simulated host.

BeforeAll {
    . (Join-Path $PSScriptRoot 'SimulatorTestHelpers.ps1')
    $scripts = [IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../../provider/powershell/scripts'))
    Import-Module (Join-Path $scripts 'prelude.psm1') -Force
    . (Join-Path $scripts 'lib/HvCommon.ps1')
    . (Join-Path $scripts 'lib/HvVm.ps1')

    # The error record a helper throws, or $null.
    function Get-HelperError([scriptblock]$Script) {
        try { $null = & $Script } catch { return $_ }
        return $null
    }
    function Get-ServiceOfVm([string]$VMName, [string]$Key) {
        return @(Get-VMIntegrationService -VMName $VMName | Where-Object { (Get-HvServiceKey $_) -eq $Key })[0]
    }
}

Describe 'HvVm.ps1' {
    BeforeEach {
        $dir = New-SimStateDirectory
        $null = New-VMSwitch -Name 'lan' -SwitchType Private
        $vm = New-VM -Name 'web' -Generation 2 -MemoryStartupBytes 512MB -NoVHD
        foreach ($nic in @(Get-VMNetworkAdapter -VM $vm)) { Remove-VMNetworkAdapter -VMNetworkAdapter $nic }
    }
    AfterEach { Remove-SimStateDirectory $dir }

    Context 'Get-HvServiceKey' {
        It 'names each integration service by the GUID at the end of its id, never by its localized name' {
            $keys = @(Get-VMIntegrationService -VM $vm | ForEach-Object { Get-HvServiceKey $_ } | Where-Object { $_ })
            $keys | Sort-Object | Should -Be @('guestServiceInterface', 'heartbeat', 'keyValuePairExchange', 'shutdown', 'timeSynchronization', 'vss')
        }

        It 'gives $null for an id it does not know, in any case' {
            Get-HvServiceKey ([pscustomobject]@{ Id = 'Microsoft:X\00000000-0000-0000-0000-000000000000' }) | Should -BeNullOrEmpty
            Get-HvServiceKey ([pscustomobject]@{ Id = 'microsoft:x\9f8233ac-be49-4c79-8ee3-e7e1985b2077' }) | Should -Be 'shutdown'
        }
    }

    Context 'Get-HvAdapterByName' {
        It 'finds adapters by exact, case-sensitive name, and no wildcard match' {
            $null = Add-VMNetworkAdapter -VM $vm -Name 'eth0'
            $null = Add-VMNetworkAdapter -VM $vm -Name 'eth[1]'
            @(Get-HvAdapterByName $vm 'eth0').Name | Should -Be 'eth0'
            @(Get-HvAdapterByName $vm 'ETH0').Count | Should -Be 0
            @(Get-HvAdapterByName $vm 'eth*').Count | Should -Be 0
            @(Get-HvAdapterByName $vm 'eth[1]').Name | Should -Be 'eth[1]'
        }
    }

    Context 'Get-HvBootKind and Get-HvDeviceKey' {
        It 'names disks, DVD drives and adapters by kind and slot or name, and nothing else' {
            $disk = New-VHD -Path 'C:\vm\boot.vhdx' -SizeBytes 1GB -Dynamic
            Add-VMHardDiskDrive -VM $vm -ControllerType SCSI -ControllerNumber 0 -ControllerLocation 1 -Path $disk.Path
            Add-VMDvdDrive -VM $vm -ControllerNumber 0 -ControllerLocation 2
            $null = Add-VMNetworkAdapter -VM $vm -Name 'eth0'
            $drive = Get-VMHardDiskDrive -VM $vm
            Get-HvBootKind $drive | Should -Be 'HardDisk'
            Get-HvDeviceKey $drive | Should -Be 'HardDisk SCSI 0:1'
            Get-HvBootKind (Get-VMDvdDrive -VM $vm) | Should -Be 'DvdDrive'
            Get-HvDeviceKey (Get-VMDvdDrive -VM $vm) | Should -Match '^DvdDrive \S* 0:2$'
            Get-HvBootKind (Get-VMNetworkAdapter -VM $vm) | Should -Be 'NetworkAdapter'
            Get-HvDeviceKey (Get-VMNetworkAdapter -VM $vm) | Should -Be 'NetworkAdapter eth0'
            Get-HvBootKind $null | Should -BeNullOrEmpty
            Get-HvBootKind 'a file entry' | Should -BeNullOrEmpty
            Get-HvDeviceKey 'a file entry' | Should -BeNullOrEmpty
        }
    }

    Context 'Get-HvBootDevice' {
        It 'finds the declared disk, DVD drive or adapter' {
            $disk = New-VHD -Path 'C:\vm\boot.vhdx' -SizeBytes 1GB -Dynamic
            Add-VMHardDiskDrive -VM $vm -ControllerType SCSI -ControllerNumber 0 -ControllerLocation 0 -Path $disk.Path
            $null = Add-VMNetworkAdapter -VM $vm -Name 'eth0'
            $devices = @{ hardDisk = @{ controllerType = 'SCSI'; controllerNumber = 0; controllerLocation = 0 }; networkAdapter = 'eth0' }
            (Get-HvBootDevice $vm 'HardDisk' $devices).Path | Should -Be $disk.Path
            (Get-HvBootDevice $vm 'NetworkAdapter' $devices).Name | Should -Be 'eth0'
        }

        It 'refuses a kind the VM has no declared device of (BootDeviceNotFound, ObjectNotFound)' {
            $devices = @{ networkAdapter = 'missing' }
            foreach ($case in @(@('NetworkAdapter', $devices), @('DvdDrive', $devices), @('HardDisk', $null))) {
                $err = Get-HelperError { Get-HvBootDevice $vm $case[0] $case[1] }
                $err.FullyQualifiedErrorId | Should -Be 'BootDeviceNotFound'
                $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
                $err.TargetObject | Should -Be $case[0]
                $err.Exception.Message | Should -Be ('The VM has no {0} to boot from.' -f $case[0])
            }
        }
    }

    Context 'Get-HvFirmwareDescription and Set-HvFirmware' {
        It 'is $null on generation 1' {
            $old = New-VM -Name 'old' -Generation 1 -MemoryStartupBytes 512MB -NoVHD
            Get-HvFirmwareDescription $old | Should -BeNullOrEmpty
        }

        It 'sets secure boot, its template and the declared boot order first, keeping every other entry' {
            $disk = New-VHD -Path 'C:\vm\boot.vhdx' -SizeBytes 1GB -Dynamic
            Add-VMHardDiskDrive -VM $vm -ControllerType SCSI -ControllerNumber 0 -ControllerLocation 0 -Path $disk.Path
            $null = Add-VMNetworkAdapter -VM $vm -Name 'eth0'
            $before = @((Get-VMFirmware -VM $vm).BootOrder).Count
            Set-HvFirmware $vm @{
                secureBoot = $false; secureBootTemplate = 'MicrosoftUEFICertificateAuthority'
                bootOrder = @('NetworkAdapter', 'HardDisk'); bootDevices = @{ networkAdapter = 'eth0'; hardDisk = @{ controllerType = 'SCSI'; controllerNumber = 0; controllerLocation = 0 } }
            }
            $described = Get-HvFirmwareDescription $vm
            $described.secureBoot | Should -BeFalse
            $described.secureBootTemplate | Should -Be 'MicrosoftUEFICertificateAuthority'
            $described.bootOrder[0..1] | Should -Be @('NetworkAdapter', 'HardDisk')
            @((Get-VMFirmware -VM $vm).BootOrder).Count | Should -Be $before
            Set-HvFirmware $vm @{ secureBoot = $true }
            (Get-HvFirmwareDescription $vm).secureBoot | Should -BeTrue
        }

        It 'changes nothing for a step without firmware settings, and refuses a boot device the VM lacks' {
            Set-HvFirmware $vm @{ op = 'firmware' }
            (Get-HvFirmwareDescription $vm).secureBoot | Should -BeTrue
            $err = Get-HelperError { Set-HvFirmware $vm @{ bootOrder = @('DvdDrive'); bootDevices = @{} } }
            $err.FullyQualifiedErrorId | Should -Be 'BootDeviceNotFound'
        }
    }

    Context 'Get-HvVmDescription' {
        It 'reports the VM in the provider vocabulary' {
            $null = Add-VMNetworkAdapter -VM $vm -Name 'eth0' -SwitchName 'lan'
            Set-VMNetworkAdapterVlan -VMNetworkAdapter (Get-VMNetworkAdapter -VM $vm) -Access -VlanId 7
            Set-VMMemory -VM $vm -DynamicMemoryEnabled $true -MinimumBytes 256MB -MaximumBytes 1GB
            Set-VM -VM $vm -Notes 'front end'
            $described = Get-HvVmDescription $vm
            $described.vmId | Should -Be $vm.Id.ToString()
            $described.vmName | Should -Be 'web'
            $described.generation | Should -Be 2
            $described.state | Should -Be 'Off'
            $described.memoryStartupMB | Should -Be 512
            $described.dynamicMemory.minimumMB | Should -Be 256
            $described.dynamicMemory.maximumMB | Should -Be 1024
            $described.networkAdapters.Count | Should -Be 1
            $described.networkAdapters[0].switchName | Should -Be 'lan'
            $described.networkAdapters[0].vlanId | Should -Be 7
            $described.networkAdapters[0].legacy | Should -BeFalse
            $described.hardDisks.Count | Should -Be 0
            $described.integrationServices.Keys.Count | Should -Be 6
            $described.notes | Should -Be 'front end'
            $described.firmware.bootOrder | Should -Not -BeNullOrEmpty
        }

        It 'reports no dynamic memory, no VLAN and no switch as null' {
            $null = Add-VMNetworkAdapter -VM $vm -Name 'eth0'
            $described = Get-HvVmDescription $vm
            $described.dynamicMemory | Should -BeNullOrEmpty
            $described.networkAdapters[0].switchName | Should -BeNullOrEmpty
            $described.networkAdapters[0].vlanId | Should -BeNullOrEmpty
        }
    }

    Context 'Set-HvAdapterSettings' {
        It 'connects, sets a static MAC, a VLAN and the VMQ weight, then undoes each' {
            $nic = Add-VMNetworkAdapter -VM $vm -Name 'eth0' -Passthru
            Set-HvAdapterSettings $vm $nic @{ switchName = 'lan'; macAddress = '00155D0A0B0C'; vlanId = 12; vmqWeight = 0 }
            $nic = Get-VMNetworkAdapter -VM $vm
            $nic.SwitchName | Should -Be 'lan'
            $nic.MacAddress | Should -Be '00155D0A0B0C'
            $nic.DynamicMacAddressEnabled | Should -BeFalse
            $nic.VmqWeight | Should -Be 0
            (Get-VMNetworkAdapterVlan -VMNetworkAdapter $nic).AccessVlanId | Should -Be 12
            Set-HvAdapterSettings $vm $nic @{ switchName = $null; macAddress = $null; vlanId = $null }
            $nic = Get-VMNetworkAdapter -VM $vm
            $nic.SwitchName | Should -BeNullOrEmpty
            $nic.DynamicMacAddressEnabled | Should -BeTrue
            [string](Get-VMNetworkAdapterVlan -VMNetworkAdapter $nic).OperationMode | Should -Be 'Untagged'
        }

        It 'refuses a switch the host does not have (SwitchNotFound, InvalidArgument)' {
            $nic = Add-VMNetworkAdapter -VM $vm -Name 'eth0' -Passthru
            $err = Get-HelperError { Set-HvAdapterSettings $vm $nic @{ switchName = 'nope' } }
            $err.FullyQualifiedErrorId | Should -Be 'SwitchNotFound'
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        }

        It 'passes a refused MAC address through as the cmdlet reports it' {
            $nic = Add-VMNetworkAdapter -VM $vm -Name 'eth0' -Passthru
            $err = Get-HelperError { Set-HvAdapterSettings $vm $nic @{ macAddress = 'not-a-mac' } }
            $err | Should -Not -BeNullOrEmpty
            $err.FullyQualifiedErrorId | Should -Match 'SetVMNetworkAdapter$'
        }
    }

    Context 'Invoke-HvVmStep' {
        It 'renames, sets settings, processor, memory and SCSI controllers' {
            Invoke-HvVmStep $vm @{ op = 'rename'; vmName = 'web2' }
            Invoke-HvVmStep $vm @{ op = 'settings'; automaticStartAction = 'Nothing'; automaticStopAction = 'ShutDown'; notes = 'n' }
            Invoke-HvVmStep $vm @{ op = 'processor'; count = 2 }
            Invoke-HvVmStep $vm @{ op = 'memory'; dynamic = $true; startupMB = 1024; minimumMB = 512; maximumMB = 2048 }
            Invoke-HvVmStep $vm @{ op = 'scsiControllers'; count = 3 }
            $described = Get-HvVmDescription $vm
            $described.vmName | Should -Be 'web2'
            $described.automaticStartAction | Should -Be 'Nothing'
            $described.automaticStopAction | Should -Be 'ShutDown'
            $described.notes | Should -Be 'n'
            $described.processorCount | Should -Be 2
            $described.memoryStartupMB | Should -Be 1024
            $described.dynamicMemory.maximumMB | Should -Be 2048
            $described.scsiControllerCount | Should -Be 3
            Invoke-HvVmStep $vm @{ op = 'memory'; dynamic = $false; startupMB = 768 }
            (Get-HvVmDescription $vm).dynamicMemory | Should -BeNullOrEmpty
        }

        It 'enables and disables an integration service by key' {
            Invoke-HvVmStep $vm @{ op = 'integrationService'; service = 'guestServiceInterface'; enabled = $true }
            (Get-ServiceOfVm 'web' 'guestServiceInterface').Enabled | Should -BeTrue
            Invoke-HvVmStep $vm @{ op = 'integrationService'; service = 'heartbeat'; enabled = $false }
            (Get-ServiceOfVm 'web' 'heartbeat').Enabled | Should -BeFalse
        }

        It 'refuses a service the host does not offer (IntegrationServiceNotFound, NotImplemented)' {
            $err = Get-HelperError { Invoke-HvVmStep $vm @{ op = 'integrationService'; service = 'teleport'; enabled = $true } }
            $err.FullyQualifiedErrorId | Should -Be 'IntegrationServiceNotFound'
            $err.CategoryInfo.Category | Should -Be 'NotImplemented'
            $err.TargetObject | Should -Be 'teleport'
        }

        It 'adds, configures and removes adapters by name' {
            Invoke-HvVmStep $vm @{ op = 'addAdapter'; adapter = @{ name = 'eth0'; legacy = $false; switchName = 'lan'; vlanId = 3 } }
            (Get-VMNetworkAdapter -VM $vm).SwitchName | Should -Be 'lan'
            Invoke-HvVmStep $vm @{ op = 'configureAdapter'; adapter = @{ name = 'eth0'; vlanId = 4 } }
            (Get-VMNetworkAdapterVlan -VMNetworkAdapter (Get-VMNetworkAdapter -VM $vm)).AccessVlanId | Should -Be 4
            Invoke-HvVmStep $vm @{ op = 'removeAdapter'; name = 'eth0' }
            @(Get-VMNetworkAdapter -VM $vm).Count | Should -Be 0
        }

        It 'attaches and detaches disks and DVD drives by slot, and changes a DVD drive''s medium' {
            $disk = New-VHD -Path 'C:\vm\data.vhdx' -SizeBytes 1GB -Dynamic
            Invoke-HvVmStep $vm @{ op = 'addHardDisk'; disk = @{ controllerType = 'SCSI'; controllerNumber = 0; controllerLocation = 0; path = $disk.Path } }
            (Get-HvVmDescription $vm).hardDisks[0].path | Should -Be $disk.Path
            Invoke-HvVmStep $vm @{ op = 'addDvdDrive'; drive = @{ controllerNumber = 0; controllerLocation = 1; path = $null } }
            (Get-HvVmDescription $vm).dvdDrives[0].path | Should -BeNullOrEmpty
            Invoke-HvVmStep $vm @{ op = 'setDvdDrive'; drive = @{ controllerNumber = 0; controllerLocation = 1; path = $disk.Path } }
            (Get-HvVmDescription $vm).dvdDrives[0].path | Should -Be $disk.Path
            Invoke-HvVmStep $vm @{ op = 'removeDvdDrive'; controllerNumber = 0; controllerLocation = 1 }
            Invoke-HvVmStep $vm @{ op = 'removeHardDisk'; controllerType = 'SCSI'; controllerNumber = 0; controllerLocation = 0 }
            $described = Get-HvVmDescription $vm
            $described.hardDisks.Count | Should -Be 0
            $described.dvdDrives.Count | Should -Be 0
        }

        It 'passes a disk the host does not have through as the cmdlet reports it' {
            $err = Get-HelperError { Invoke-HvVmStep $vm @{ op = 'addHardDisk'; disk = @{ controllerType = 'SCSI'; controllerNumber = 0; controllerLocation = 0; path = 'C:\vm\missing.vhdx' } } }
            $err | Should -Not -BeNullOrEmpty
            $err.FullyQualifiedErrorId | Should -Match 'AddVMHardDiskDrive$'
        }

        It 'applies firmware steps and the simulated guest' {
            Invoke-HvVmStep $vm @{ op = 'firmware'; secureBoot = $false }
            (Get-HvFirmwareDescription $vm).secureBoot | Should -BeFalse
            Invoke-HvVmStep $vm @{ op = 'simulatedGuest'; profile = 'Full'; answeringServices = @() }
            Start-VM -VM $vm
            Test-HvShutdownAnswers $vm | Should -BeTrue
        }

        It 'refuses an unknown step (UnknownStep, InvalidArgument)' {
            $err = Get-HelperError { Invoke-HvVmStep $vm @{ op = 'teleport' } }
            $err.FullyQualifiedErrorId | Should -Be 'UnknownStep'
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err.TargetObject | Should -Be 'teleport'
        }
    }

    Context 'Test-HvShutdownAnswers, Stop-HvVmForChanges and Set-HvVmPowerState' {
        It 'leaves an off VM alone and says it was not running' {
            Stop-HvVmForChanges $vm @('processorCount 1 -> 2') $false | Should -BeFalse
            (Get-VM -Id $vm.Id).State | Should -Be 'Off'
        }

        It 'shuts down a running guest that answers the Shutdown service' {
            Set-VMSimGuest -VMName 'web' -Profile Full
            Start-VM -VM $vm
            Test-HvShutdownAnswers $vm | Should -BeTrue
            Stop-HvVmForChanges (Get-HvVmById $vm.Id) @('processorCount 1 -> 2') $false | Should -BeTrue
            (Get-VM -Id $vm.Id).State | Should -Be 'Off'
        }

        It 'refuses a hard stop unless allowed (HardStopRequired, InvalidOperation), naming every reason' {
            Start-VM -VM $vm
            Test-HvShutdownAnswers $vm | Should -BeFalse
            $err = Get-HelperError { Stop-HvVmForChanges (Get-HvVmById $vm.Id) @('processorCount 1 -> 2', 'dynamicMemory on') $false }
            $err.FullyQualifiedErrorId | Should -Be 'HardStopRequired'
            $err.CategoryInfo.Category | Should -Be 'InvalidOperation'
            $err.TargetObject | Should -Be $vm.Id.ToString()
            $err.Exception.Message | Should -BeLike "These changes need the VM 'web' off: processorCount 1 -> 2, dynamicMemory on.*allowHardStop: true*"
            (Get-VM -Id $vm.Id).State | Should -Be 'Running'
        }

        It 'turns the VM off hard when allowed' {
            Start-VM -VM $vm
            Stop-HvVmForChanges (Get-HvVmById $vm.Id) @('processorCount 1 -> 2') $true | Should -BeTrue
            (Get-VM -Id $vm.Id).State | Should -Be 'Off'
        }

        It 'starts and stops the VM to the declared state, hard only when the guest does not answer' {
            Set-HvVmPowerState $vm 'Running'
            (Get-VM -Id $vm.Id).State | Should -Be 'Running'
            Set-HvVmPowerState $vm 'Running'
            (Get-VM -Id $vm.Id).State | Should -Be 'Running'
            Set-HvVmPowerState $vm 'Off'
            (Get-VM -Id $vm.Id).State | Should -Be 'Off'
            Set-VMSimGuest -VMName 'web' -Profile Full
            Set-HvVmPowerState $vm 'Running'
            Set-HvVmPowerState (Get-HvVmById $vm.Id) 'Off'
            (Get-VM -Id $vm.Id).State | Should -Be 'Off'
        }
    }
}
