BeforeAll { . (Join-Path $PSScriptRoot 'SimulatorTestHelpers.ps1') }

Describe 'Get-VMProcessor / Set-VMProcessor' {
    BeforeEach { $dir = New-SimStateDirectory; $vm = New-VM -Name 'vm' }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'returns a VMProcessor with the real property types' {
        $p = Get-VMProcessor -VMName 'vm'
        $p | Should -BeOfType ([Microsoft.HyperV.PowerShell.VMProcessor])
        $p.Count | Should -BeOfType ([long])
        $p.Count | Should -Be 1
        $p.Maximum | Should -Be 100
        $p.Reserve | Should -Be 0
        $p.RelativeWeight | Should -Be 100
        $p.VMId | Should -Be $vm.Id
        $p.VMName | Should -Be 'vm'
    }

    It 'sets the count and the limits, with -Passthru' {
        $p = Set-VMProcessor -VMName 'vm' -Count 2 -Maximum 80 -Reserve 10 -RelativeWeight 200 -Passthru
        $p.Count | Should -Be 2
        $p.Maximum | Should -Be 80
        $p.Reserve | Should -Be 10
        $p.RelativeWeight | Should -Be 200
        (Get-VM -Id $vm.Id).ProcessorCount | Should -Be 2
    }

    It 'accepts VM and VMProcessor objects from the pipeline' {
        Get-VM -Name 'vm' | Set-VMProcessor -Count 3
        (Get-VMProcessor -VMName 'vm').Count | Should -Be 3
        Get-VMProcessor -VMName 'vm' | Set-VMProcessor -Count 4
        (Get-VM -Name 'vm' | Get-VMProcessor).Count | Should -Be 4
    }

    It 'refuses a count change while the VM runs' {
        Start-VM -Name 'vm'
        $e = Get-SimError { Set-VMProcessor -VMName 'vm' -Count 2 -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidState,Microsoft.HyperV.PowerShell.Commands.SetVMProcessor'
        $e.CategoryInfo.Category | Should -Be 'InvalidOperation'
    }

    It 'refuses out-of-range values with InvalidParameter' {
        foreach ($case in @(@{ Count = 0 }, @{ Count = 1000 }, @{ Maximum = 101 }, @{ Reserve = 101 }, @{ RelativeWeight = 0 })) {
            $e = Get-SimError { Set-VMProcessor -VMName 'vm' @case -ErrorAction Stop }
            $e.FullyQualifiedErrorId | Should -Be 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.SetVMProcessor'
        }
        (Get-VMProcessor -VMName 'vm').Count | Should -Be 1
    }

    It 'reports an unknown VM as ObjectNotFound' {
        (Get-SimError { Get-VMProcessor -VMName 'ghost' -ErrorAction Stop }).FullyQualifiedErrorId |
            Should -Be 'ObjectNotFound,Microsoft.HyperV.PowerShell.Commands.GetVMProcessor'
    }
}

Describe 'Get-VMMemory / Set-VMMemory' {
    BeforeEach { $dir = New-SimStateDirectory; $vm = New-VM -Name 'vm' -MemoryStartupBytes 1GB }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'reports memory in bytes' {
        $m = Get-VMMemory -VMName 'vm'
        $m | Should -BeOfType ([Microsoft.HyperV.PowerShell.VMMemory])
        $m.Startup | Should -BeOfType ([long])
        $m.Startup | Should -Be 1073741824
        $m.DynamicMemoryEnabled | Should -BeFalse
        $m.Buffer | Should -Be 20
        $m.Priority | Should -Be 50
    }

    It 'enables dynamic memory with minimum and maximum' {
        $m = Set-VMMemory -VMName 'vm' -DynamicMemoryEnabled $true -MinimumBytes 512MB -MaximumBytes 4GB -Buffer 30 -Priority 80 -Passthru
        $m.DynamicMemoryEnabled | Should -BeTrue
        $m.Minimum | Should -Be 512MB
        $m.Maximum | Should -Be 4GB
        $m.Buffer | Should -Be 30
        $m.Priority | Should -Be 80
    }

    It 'requires dynamic memory for minimum, maximum and buffer' {
        $e = Get-SimError { Set-VMMemory -VMName 'vm' -MaximumBytes 4GB -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.SetVMMemory'
        $e.Exception.Message | Should -Be 'Setting maximum, minimum, and buffer settings requires Dynamic Memory to be enabled.'
    }

    It 'requires 2 MB aligned values' {
        $e = Get-SimError { Set-VMMemory -VMName 'vm' -StartupBytes 1025MB -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.SetVMMemory'
        $e.Exception.Message | Should -BeLike '*not properly aligned*'
        (Get-VMMemory -VMName 'vm').Startup | Should -Be 1GB
    }

    It 'requires minimum <= startup <= maximum with dynamic memory' {
        $e = Get-SimError { Set-VMMemory -VMName 'vm' -DynamicMemoryEnabled $true -MinimumBytes 2GB -ErrorAction Stop }
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        (Get-VMMemory -VMName 'vm').DynamicMemoryEnabled | Should -BeFalse
    }

    It 'checks MaximumAmountPerNumaNodeBytes for 2 MB multiples' {
        $e = Get-SimError { Set-VMMemory -VMName 'vm' -MaximumAmountPerNumaNodeBytes 1000 -ErrorAction Stop }
        $e.Exception.Message | Should -BeLike 'The MaximumAmountPerNUMANodeBytes should be a multiple of 2 MB*'
    }

    It 'resizes static memory while running but does not toggle dynamic memory' {
        Start-VM -Name 'vm'
        Set-VMMemory -VMName 'vm' -StartupBytes 2GB
        (Get-VMMemory -VMName 'vm').Startup | Should -Be 2GB
        $e = Get-SimError { Set-VMMemory -VMName 'vm' -DynamicMemoryEnabled $true -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidState,Microsoft.HyperV.PowerShell.Commands.SetVMMemory'
    }

    It 'accepts VMMemory objects from the pipeline' {
        Get-VMMemory -VMName 'vm' | Set-VMMemory -StartupBytes 512MB
        (Get-VM -Id $vm.Id).MemoryStartup | Should -Be 512MB
    }
}
