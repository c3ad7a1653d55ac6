BeforeAll { . (Join-Path $PSScriptRoot 'SimulatorTestHelpers.ps1') }

Describe 'State store' {
    BeforeEach { $dir = New-SimStateDirectory }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'keeps the whole state in one JSON file in the state directory' {
        $vm = New-VM -Name 'persisted' -MemoryStartupBytes 512MB
        $state = Get-Content -Raw -LiteralPath (Join-Path $dir 'state.json') | ConvertFrom-Json
        $state.vms.($vm.Id.ToString()).Name | Should -Be 'persisted'
        $state.vms.($vm.Id.ToString()).Memory.StartupMB | Should -Be 512
    }

    It 'sees changes written by another process' {
        $null = New-VM -Name 'mine'
        $child = Invoke-SimProcess $dir 'Import-Module Hyper-V; Set-VM -Name mine -Notes from-child; $null = New-VM -Name theirs'
        $child.WaitForExit()
        $child.ExitCode | Should -Be 0
        (Get-VM -Name 'mine').Notes | Should -Be 'from-child'
        (Get-VM).Name | Should -Be @('mine', 'theirs')
    }

    It 'never loses an update: two processes x 50 mutating calls' {
        $script = 'Import-Module Hyper-V; foreach ($i in 1..50) { $null = New-VM -Name ("w" + $env:SIM_WORKER + "-" + $i) }'
        $a = Invoke-SimProcess $dir $script @{ SIM_WORKER = 'a' }
        $b = Invoke-SimProcess $dir $script @{ SIM_WORKER = 'b' }
        $a.WaitForExit()
        $b.WaitForExit()
        $a.StandardError.ReadToEnd() | Should -BeNullOrEmpty
        $b.ExitCode | Should -Be 0
        $names = (Get-VM).Name
        $names.Count | Should -Be 100
        @($names | Where-Object { $_ -like 'wa-*' }).Count | Should -Be 50
        @($names | Where-Object { $_ -like 'wb-*' }).Count | Should -Be 50
        @($names | Sort-Object -Unique).Count | Should -Be 100
    }

    It 'rewrites only changed VM records and detects a change that was not registered' {
        $null = New-VM -Name 'a'
        $b = New-VM -Name 'b'
        Set-VM -Name 'a' -Notes 'changed'
        $state = Get-Content -Raw -LiteralPath (Join-Path $dir 'state.json') | ConvertFrom-Json
        $state.vms.($b.Id.ToString()).Name | Should -Be 'b'
        (Get-VM -Name 'a').Notes | Should -Be 'changed'
        $module = Get-Module Hyper-V
        $sneak = {
            & $module {
                $tx = Enter-HvState -Write
                try {
                    $record = @($tx.State.vms.Values | Where-Object { $_.Name -eq 'b' })[0]
                    $record.Notes = 'not registered'
                    Save-HvState $tx
                } finally {
                    Exit-HvState $tx
                }
            }
        }
        $sneak | Should -Throw -ExpectedMessage '*changed without being marked as changed*'
        (Get-VM -Name 'b').Notes | Should -Be ''
    }

    It 'reports a damaged state file with its path and the fix' {
        [IO.File]::WriteAllText((Join-Path $dir 'state.json'), '{"vms":{')
        { Get-VM } | Should -Throw -ExpectedMessage "*state file '*state.json' is not valid JSON*delete it to start with an empty host."
    }

    It 'uses .hyperv-sim in the current directory when HYPERV_SIM_STATE_DIR is not set' {
        $info = New-Object System.Diagnostics.ProcessStartInfo
        $info.FileName = $script:SimPwsh
        foreach ($arg in @('-NoProfile', '-NonInteractive', '-Command', 'Import-Module Hyper-V; $null = New-VM -Name here')) { $info.ArgumentList.Add($arg) }
        $info.UseShellExecute = $false
        $info.WorkingDirectory = $dir
        [void]$info.Environment.Remove('HYPERV_SIM_STATE_DIR')
        $info.Environment['PSModulePath'] = $script:SimModuleRoot + [IO.Path]::PathSeparator + $env:PSModulePath
        $process = [System.Diagnostics.Process]::Start($info)
        $process.WaitForExit()
        $process.ExitCode | Should -Be 0
        Test-Path -LiteralPath (Join-Path $dir '.hyperv-sim/state.json') | Should -BeTrue
    }
}

Describe 'State lock under contention' {
    BeforeEach {
        $dir = New-SimStateDirectory
        $null = New-VM -Name 'present'
        $lockPath = Join-Path $dir 'state.lock'
        # The child reports the error id of a failed Get-VM, or the VM count.
        $probe = 'Import-Module Hyper-V; try { (@(Get-VM -ErrorAction Stop)).Count } catch { $_.FullyQualifiedErrorId + "|" + $_.CategoryInfo.Category }'
    }
    AfterEach {
        if ($held) { $held.Dispose() }
        Remove-SimStateDirectory $dir
    }

    It 'gives up with OperationTimeout only when nothing is saved for the stall limit' {
        $held = [IO.File]::Open($lockPath, 'OpenOrCreate', 'ReadWrite', 'None')
        $child = Invoke-SimProcess $dir $probe @{ HYPERV_SIM_LOCK_STALL_SECONDS = '1' }
        $child.WaitForExit(60000) | Should -BeTrue
        $child.StandardOutput.ReadToEnd().Trim() | Should -Be 'OperationTimeout,Microsoft.HyperV.PowerShell.Commands.GetVM|OperationTimeout'
    }

    It 'keeps waiting while the holder keeps saving, however long that takes' {
        $held = [IO.File]::Open($lockPath, 'OpenOrCreate', 'ReadWrite', 'None')
        $child = Invoke-SimProcess $dir $probe @{ HYPERV_SIM_LOCK_STALL_SECONDS = '2' }
        $statePath = Join-Path $dir 'state.json'
        # Six seconds of saves (a busy host), three times the stall limit, then the lock is free.
        foreach ($i in 1..20) {
            Start-Sleep -Milliseconds 300
            [IO.File]::SetLastWriteTimeUtc($statePath, [DateTime]::UtcNow)
        }
        $held.Dispose()
        $held = $null
        $child.WaitForExit(60000) | Should -BeTrue
        $child.StandardOutput.ReadToEnd().Trim() | Should -Be '1'
    }
}

Describe 'Windows path mapping' {
    BeforeEach { $dir = New-SimStateDirectory }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'maps drive paths, UNC paths and rooted paths into the state directory, case-insensitively' {
        $null = New-VHD -Path 'D:\Data\Disk.vhdx' -SizeBytes 1GB
        $null = New-VHD -Path '\\server\share\x.vhdx' -SizeBytes 1GB
        $null = New-VHD -Path '\rooted\r.vhdx' -SizeBytes 1GB
        $null = New-VHD -Path 'relative\..\rel.vhdx' -SizeBytes 1GB
        Test-Path -LiteralPath (Join-Path $dir 'disks/d/data/disk.vhdx') | Should -BeTrue
        Test-Path -LiteralPath (Join-Path $dir 'disks/unc/server/share/x.vhdx') | Should -BeTrue
        Test-Path -LiteralPath (Join-Path $dir 'disks/c/rooted/r.vhdx') | Should -BeTrue
        (Get-VHD -Path 'C:\rel.vhdx').Path | Should -Be 'C:\rel.vhdx'
        (Get-VHD -Path 'd:/DATA/disk.VHDX').Path | Should -Be 'D:\Data\Disk.vhdx'
    }

    It 'reports a file copied in by hand as a dynamic disk' {
        $file = Join-Path $dir 'disks/e/images/copied.vhdx'
        [void][IO.Directory]::CreateDirectory((Split-Path $file))
        [IO.File]::WriteAllBytes($file, (New-Object byte[] 4096))
        $disk = Get-VHD -Path 'E:\Images\copied.vhdx'
        $disk.VhdType | Should -Be 'Dynamic'
        $disk.VhdFormat | Should -Be 'VHDX'
    }
}

Describe 'State store file modes' -Skip:([Environment]::OSVersion.Platform -eq [PlatformID]::Win32NT) {
    BeforeEach {
        $dir = New-SimStateDirectory
        $mode = { param($path) '{0}' -f [Convert]::ToString(([int][IO.File]::GetUnixFileMode($path) -band 511), 8) }
    }
    AfterEach { Remove-SimStateDirectory $dir }

    It 'keeps the state owner-only: the directory 0700, state.json, the lock and the side files 0600' {
        # A directory others may enter, as mkdir leaves it with the usual umask.
        [IO.File]::SetUnixFileMode($dir, [IO.UnixFileMode]'UserRead, UserWrite, UserExecute, GroupRead, GroupExecute, OtherRead, OtherExecute')
        & $mode $dir | Should -Be '755'
        $null = New-VM -Name 'private'
        Add-VMSimFault -CommandName 'Start-VM' -Action Fail -ErrorId 'OperationFailed' -Category NotSpecified
        & $mode $dir | Should -Be '700'
        foreach ($name in 'state.json', 'state.lock', 'faults.json') {
            & $mode (Join-Path $dir $name) | Should -Be '600' -Because $name
        }
        Set-VM -Name 'private' -Notes 'saved again'
        & $mode (Join-Path $dir 'state.json') | Should -Be '600'
        @(Get-ChildItem -LiteralPath $dir -Filter '*.tmp').Count | Should -Be 0
    }

    It 'creates a missing state directory 0700' {
        $nested = Join-Path $dir 'nested'
        $env:HYPERV_SIM_STATE_DIR = $nested
        try {
            $null = New-VM -Name 'private'
            & $mode $nested | Should -Be '700'
            & $mode (Join-Path $nested 'state.json') | Should -Be '600'
        } finally {
            $env:HYPERV_SIM_STATE_DIR = $dir
        }
    }
}
