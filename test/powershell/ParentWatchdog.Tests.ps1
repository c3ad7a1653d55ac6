# The parent watchdog, in real processes: a session ends itself once the process that started it is gone,
# including the cases .NET's wait cannot see (a parent left a zombie) and a parent gone before the watch.

Describe 'Parent watchdog' -Skip:([Environment]::OSVersion.Platform -eq [PlatformID]::Win32NT) {
    BeforeAll {
        $script:module = (Resolve-Path (Join-Path $PSScriptRoot '../../provider/powershell/scripts/ParentWatchdog.psm1')).Path
        $script:pwsh = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
        if ($env:HYPERV_PWSH) { $script:pwsh = $env:HYPERV_PWSH }

        # A session stand-in: watches $ParentId, then sleeps far longer than any test waits.
        function Start-WatchedSession([int] $ParentId) {
            $info = [System.Diagnostics.ProcessStartInfo]::new($script:pwsh)
            foreach ($arg in @('-NoProfile', '-NonInteractive', '-Command',
                    "Import-Module '$script:module'; Start-HvParentWatchdog -ParentId $ParentId -IntervalMilliseconds 200; Start-Sleep -Seconds 120")) {
                $info.ArgumentList.Add($arg)
            }
            $info.UseShellExecute = $false
            return [System.Diagnostics.Process]::Start($info)
        }

        # Runs $Script in bash: the parent the session is told to watch.
        function Start-Parent([string] $Script) {
            $info = [System.Diagnostics.ProcessStartInfo]::new('bash')
            $info.ArgumentList.Add('-c')
            $info.ArgumentList.Add($Script)
            $info.UseShellExecute = $false
            $info.RedirectStandardOutput = $true
            return [System.Diagnostics.Process]::Start($info)
        }
    }

    It 'keeps the session while its parent lives and ends it soon after the parent is killed' {
        $parent = Start-Parent 'exec sleep 120'
        $session = Start-WatchedSession $parent.Id
        try {
            $session.WaitForExit(4000) | Should -BeFalse
            $parent.Kill()
            $session.WaitForExit(15000) | Should -BeTrue
        }
        finally {
            if (-not $session.HasExited) { $session.Kill() }
            if (-not $parent.HasExited) { $parent.Kill() }
        }
    }

    It 'ends the session when its parent is a zombie nobody reaps (the process id still answers)' {
        # bash starts `sleep 1`, then becomes `sleep 120`, which never reaps it: a zombie after a second.
        $reaper = Start-Parent 'sleep 1 & echo $!; exec sleep 120'
        $zombie = [int]$reaper.StandardOutput.ReadLine()
        $session = Start-WatchedSession $zombie
        try {
            $session.WaitForExit(20000) | Should -BeTrue
            (Get-Content -Raw "/proc/$zombie/stat") -replace '^.*\) ', '' | Should -Match '^Z '
        }
        finally {
            if (-not $session.HasExited) { $session.Kill() }
            $reaper.Kill()
        }
    }

    It 'ends the session at once when its parent is already gone' {
        $parent = Start-Parent 'exit 0'
        $parent.WaitForExit()
        $session = Start-WatchedSession $parent.Id
        try {
            $session.WaitForExit(15000) | Should -BeTrue
        }
        finally {
            if (-not $session.HasExited) { $session.Kill() }
        }
    }
}
