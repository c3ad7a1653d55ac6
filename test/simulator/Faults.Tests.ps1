BeforeAll { . (Join-Path $PSScriptRoot 'SimulatorTestHelpers.ps1') }

Describe 'Fault injection' {
    BeforeEach { $dir = New-SimStateDirectory; $null = New-VM -Name 'vm' }
    AfterEach {
        $env:HYPERV_SIM_FAULTS = $null
        Remove-SimStateDirectory $dir
    }

    It 'fails the Nth call of a cmdlet from the HYPERV_SIM_FAULTS environment variable' {
        $env:HYPERV_SIM_FAULTS = '{"command":"Get-VM","call":2,"action":"fail","errorId":"OutOfMemory","category":"FromStdErr","message":"Not enough memory."}'
        (Get-VM -Name 'vm').Name | Should -Be 'vm'
        $e = Get-SimError { Get-VM -Name 'vm' -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'OutOfMemory,Microsoft.HyperV.PowerShell.Commands.GetVM'
        $e.CategoryInfo.Category | Should -Be 'FromStdErr'
        $e.Exception.Message | Should -Be 'Not enough memory.'
        (Get-VM -Name 'vm').Name | Should -Be 'vm'
    }

    It 'fails every call without "call", non-terminating and without side effects' {
        Add-VMSimFault -CommandName 'Start-VM' -Action Fail -ErrorId 'OperationFailed' -Category NotSpecified
        (Get-VMSimFault).command | Should -Be 'Start-VM'
        $errors = $null
        Start-VM -Name 'vm' -ErrorAction SilentlyContinue -ErrorVariable errors
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'OperationFailed,Microsoft.HyperV.PowerShell.Commands.StartVM'
        (Get-VM -Name 'vm').State | Should -Be 'Off'
        Clear-VMSimFault
        Start-VM -Name 'vm'
        (Get-VM -Name 'vm').State | Should -Be 'Running'
    }

    It 'throws a terminating error with -Terminating' {
        Add-VMSimFault -CommandName 'Set-VM' -Action Fail -Terminating -Message 'boom'
        { Set-VM -Name 'vm' -Notes 'x' -ErrorAction SilentlyContinue } | Should -Throw -ExpectedMessage 'boom'
    }

    It 'delays a call, which then runs' {
        Add-VMSimFault -CommandName 'Set-VM' -Action Delay -DelayMilliseconds 300
        $watch = [Diagnostics.Stopwatch]::StartNew()
        Set-VM -Name 'vm' -Notes 'late'
        $watch.ElapsedMilliseconds | Should -BeGreaterOrEqual 300
        (Get-VM -Name 'vm').Notes | Should -Be 'late'
    }

    It 'counts calls across processes' {
        Add-VMSimFault -CommandName 'Get-VMProcessor' -Action Fail -Call 2
        $child = Invoke-SimProcess $dir 'Import-Module Hyper-V; $null = Get-VMProcessor -VMName vm -ErrorAction Stop'
        $child.WaitForExit()
        $child.ExitCode | Should -Be 0
        (Get-SimError { Get-VMProcessor -VMName 'vm' -ErrorAction Stop }).FullyQualifiedErrorId |
            Should -Be 'OperationFailed,Microsoft.HyperV.PowerShell.Commands.GetVMProcessor'
    }

    It 'makes the hosting pwsh exit with the given code' {
        Add-VMSimFault -CommandName 'New-VM' -Action Exit -ExitCode 7
        $child = Invoke-SimProcess $dir 'Import-Module Hyper-V; $null = New-VM -Name never; Write-Output survived'
        $child.WaitForExit()
        $child.ExitCode | Should -Be 7
        $child.StandardOutput.ReadToEnd() | Should -Not -Match 'survived'
        Clear-VMSimFault
        Get-VM -Name 'never*' | Should -BeNullOrEmpty
    }

    It 'hangs a call until the process is killed' {
        $child = Invoke-SimProcess $dir 'Import-Module Hyper-V; $null = Get-VM; Write-Output returned' @{
            HYPERV_SIM_FAULTS = '[{"command":"Get-VM","action":"hang"}]'
        }
        try {
            $child.WaitForExit(1500) | Should -BeFalse
        } finally {
            $child.Kill($true)
            $child.WaitForExit()
        }
        $child.StandardOutput.ReadToEnd() | Should -Not -Match 'returned'
    }

    It 'names the source of fault rules that are not valid JSON' {
        $env:HYPERV_SIM_FAULTS = '{"command":'
        { Get-VM } | Should -Throw -ExpectedMessage '*HYPERV_SIM_FAULTS environment variable are not valid JSON*'
    }

    It 'rejects a rule with an unknown action with a clear message' {
        $env:HYPERV_SIM_FAULTS = '{"command":"Get-VM","action":"explode"}'
        { Get-VM } | Should -Throw -ExpectedMessage "*unknown action 'explode'*"
    }
}
