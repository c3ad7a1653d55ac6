# Ends a session when the process that started it is gone.
#
# A session busy with a call does not read its stdin, so it cannot notice that Node.js died (killed with
# SIGKILL, crashed): it would run on, re-parented, with whatever it started. The watchdog waits for the parent
# on its own thread (a separate runspace, so a busy or hung call cannot block it) and, once the parent is
# gone, kills the processes this session started and then the session itself.
#
# Windows PowerShell 5.1 compatible. The watchdog's runspace has no cmdlets: it uses .NET only.

Set-StrictMode -Version 3.0

$script:Watchdog = $null

# What runs once the parent is gone: kill the processes this session started, then the session. Kept out
# of the waiting script, so that a session whose parent lives never compiles it.
$script:StopScript = {
    param([int] $SessionId)

    $onWindows = [System.Environment]::OSVersion.Platform -eq [System.PlatformID]::Win32NT

    # Parent id -> child ids of every process, from /proc (Linux) or ps (other Unix systems).
    function Get-ChildTable {
        $table = @{}
        $pairs = [System.Collections.Generic.List[int[]]]::new()
        if ([System.IO.Directory]::Exists('/proc/self')) {
            foreach ($directory in [System.IO.Directory]::GetDirectories('/proc')) {
                $id = 0
                if (-not [int]::TryParse([System.IO.Path]::GetFileName($directory), [ref]$id)) { continue }
                try { $text = [System.IO.File]::ReadAllText($directory + '/stat') } catch { continue }
                $fields = $text.Substring($text.LastIndexOf(')') + 2).Split(' ')
                $pairs.Add([int[]]@($id, [int]$fields[1]))
            }
        }
        else {
            $info = [System.Diagnostics.ProcessStartInfo]::new('ps', '-A -o pid=,ppid=')
            $info.UseShellExecute = $false
            $info.RedirectStandardOutput = $true
            $ps = [System.Diagnostics.Process]::Start($info)
            $lines = $ps.StandardOutput.ReadToEnd().Split([char]10)
            $ps.WaitForExit()
            foreach ($line in $lines) {
                $parts = $line.Trim().Split([char[]]@(' ', [char]9), [System.StringSplitOptions]::RemoveEmptyEntries)
                if ($parts.Length -eq 2) { $pairs.Add([int[]]@([int]$parts[0], [int]$parts[1])) }
            }
        }
        foreach ($pair in $pairs) {
            if (-not $table.ContainsKey($pair[1])) { $table[$pair[1]] = [System.Collections.Generic.List[int]]::new() }
            $table[$pair[1]].Add($pair[0])
        }
        return $table
    }

    function Stop-SessionTree {
        if ($onWindows) {
            # taskkill /T ends this process and everything it started.
            $info = [System.Diagnostics.ProcessStartInfo]::new('taskkill.exe', '/F /T /PID ' + $SessionId)
            $info.UseShellExecute = $false
            $info.CreateNoWindow = $true
            $null = [System.Diagnostics.Process]::Start($info).WaitForExit(10000)
        }
        else {
            $table = Get-ChildTable
            $pending = [System.Collections.Generic.Stack[int]]::new()
            $pending.Push($SessionId)
            while ($pending.Count -gt 0) {
                $id = $pending.Pop()
                if (-not $table.ContainsKey($id)) { continue }
                foreach ($child in $table[$id]) {
                    try { [System.Diagnostics.Process]::GetProcessById($child).Kill() } catch { }
                    $pending.Push($child)
                }
            }
        }
        [System.Diagnostics.Process]::GetCurrentProcess().Kill()
    }

    Stop-SessionTree
}

# Process.WaitForExit watches the parent in .NET (on Unix it polls kill(pid, 0) every 100 ms, on Windows
# it waits on the process handle), so no PowerShell runs while the parent lives, except a look every
# interval at what that poll cannot tell apart from a live parent: a zombie, or its process id reused
# by another process (its start time in /proc changed).
$script:WatchdogScript = {
    param([int] $ParentId, [int] $SessionId, [int] $IntervalMilliseconds, [string] $StopScript)
    $stat = '/proc/' + $ParentId + '/stat'
    try {
        $parent = [System.Diagnostics.Process]::GetProcessById($ParentId)
        $started = $null
        if ([System.IO.File]::Exists($stat)) {
            $text = [System.IO.File]::ReadAllText($stat)
            $started = $text.Substring($text.LastIndexOf(')') + 2).Split(' ')[19]
        }
        while (-not $parent.WaitForExit($IntervalMilliseconds)) {
            if ($null -eq $started) { continue }
            $text = [System.IO.File]::ReadAllText($stat)
            $fields = $text.Substring($text.LastIndexOf(')') + 2).Split(' ')
            if ($fields[0] -eq 'Z' -or $fields[0] -eq 'X' -or $fields[19] -ne $started) { break }
        }
    }
    catch {
        # The parent was gone before the watch began, or /proc no longer has it.
    }
    & ([scriptblock]::Create($StopScript)) $SessionId
}

function Start-HvParentWatchdog {
    <#
    .SYNOPSIS
    Starts, once per process, a background watch that ends this session when process $ParentId is gone.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)][int] $ParentId,
        [int] $IntervalMilliseconds = 2000
    )
    if ($null -ne $script:Watchdog) { return }
    $state = [System.Management.Automation.Runspaces.InitialSessionState]::Create()
    $state.LanguageMode = [System.Management.Automation.PSLanguageMode]::FullLanguage
    $runspace = [System.Management.Automation.Runspaces.RunspaceFactory]::CreateRunspace($state)
    $runspace.Open()
    $shell = [System.Management.Automation.PowerShell]::Create()
    $shell.Runspace = $runspace
    $null = $shell.AddScript($script:WatchdogScript.ToString()).AddArgument($ParentId).AddArgument($PID).AddArgument($IntervalMilliseconds).AddArgument($script:StopScript.ToString())
    $script:Watchdog = @{ Shell = $shell; Handle = $shell.BeginInvoke() }
}

Export-ModuleMember -Function Start-HvParentWatchdog
