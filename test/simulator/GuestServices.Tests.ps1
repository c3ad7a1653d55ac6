BeforeAll { . (Join-Path $PSScriptRoot 'SimulatorTestHelpers.ps1') }

Describe 'Copy-VMFile' {
    BeforeEach {
        $dir = New-SimStateDirectory
        $null = New-VM -Name 'vm'
        $null = New-Item -ItemType File -Force -Path (Join-Path $dir 'disks/c/payload/setup.sh') -Value 'echo hi'
    }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'copies a host file into a running guest that answers the Guest Service Interface' {
        Enable-VMIntegrationService -VMName 'vm' -Name 'Guest Service Interface'
        Set-VMSimGuest -VMName 'vm' -Profile Full
        Start-VM -Name 'vm'
        Copy-VMFile -Name 'vm' -SourcePath 'C:\payload\setup.sh' -DestinationPath '/tmp/setup.sh' -FileSource Host -CreateFullPath
        (Get-VMSimGuest -VMName 'vm').Files | Should -Be '\tmp\setup.sh'
        $e = Get-SimError { Get-VM -Name 'vm' | Copy-VMFile -SourcePath 'C:\payload\setup.sh' -DestinationPath '/tmp/setup.sh' -FileSource Host -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'OperationFailed,Microsoft.HyperV.PowerShell.Commands.CopyVMFile'
        Get-VM -Name 'vm' | Copy-VMFile -SourcePath 'C:\payload\setup.sh' -DestinationPath '/tmp/setup.sh' -FileSource Host -Force
    }

    It 'names the guest service when it is disabled or the guest has none' {
        Start-VM -Name 'vm'
        $e = Get-SimError { Copy-VMFile -Name 'vm' -SourcePath 'C:\payload\setup.sh' -DestinationPath 'C:\x' -FileSource Host -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'OperationFailed,Microsoft.HyperV.PowerShell.Commands.CopyVMFile'
        $e.Exception.Message | Should -BeLike '*Guest Service Interface*disabled*'
        Enable-VMIntegrationService -VMName 'vm' -Name 'Guest Service Interface'
        Set-VMSimGuest -VMName 'vm' -Profile LinuxIcsV2
        $e = Get-SimError { Copy-VMFile -Name 'vm' -SourcePath 'C:\payload\setup.sh' -DestinationPath 'C:\x' -FileSource Host -ErrorAction Stop }
        $e.Exception.Message | Should -BeLike '*does not answer the Guest Service Interface*'
    }

    It 'refuses a VM that is not running and a source file that does not exist' {
        $e = Get-SimError { Copy-VMFile -Name 'vm' -SourcePath 'C:\payload\setup.sh' -DestinationPath 'C:\x' -FileSource Host -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidState,Microsoft.HyperV.PowerShell.Commands.CopyVMFile'
        (Get-SimError { Copy-VMFile -Name 'vm' -SourcePath 'C:\payload\none' -DestinationPath 'C:\x' -FileSource Host -ErrorAction Stop }).CategoryInfo.Category |
            Should -Be 'ObjectNotFound'
    }
}

Describe 'Set-VM -EnhancedSessionTransportType' {
    BeforeEach { $dir = New-SimStateDirectory; $null = New-VM -Name 'vm' -Generation 2 }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'defaults to VMBus and switches to HvSocket' {
        (Get-VM -Name 'vm').EnhancedSessionTransportType | Should -Be ([Microsoft.HyperV.PowerShell.EnhancedSessionTransportType]::VMBus)
        (Set-VM -Name 'vm' -EnhancedSessionTransportType HvSocket -Passthru).EnhancedSessionTransportType | Should -Be 'HvSocket'
        [int](Get-VM -Name 'vm').EnhancedSessionTransportType | Should -Be 1
    }
}
