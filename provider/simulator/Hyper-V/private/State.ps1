# The state store: one JSON file (state.json) in the state directory, read and written only while
# holding an exclusive lock on state.lock, and replaced atomically (write a temp file, then rename).
# The parsed state is cached per process; the cache key includes a token that every writer stores
# in the lock file, so an update by any other process invalidates it.

$script:HvStateCache = @{ Key = $null; State = $null }

# VM records the current transaction looked up: the ones whose JSON text must be written anew.
# Every lookup of a VM (Get-HvVMById, Find-HvVMByName) registers it; unregistered records are saved
# from their remembered text. HYPERV_SIM_VERIFY_WRITES=1 checks that no change went unregistered.
$script:HvChangedRecords = [System.Collections.ArrayList]::new()

function Register-HvChangedVM($VM) { [void]$script:HvChangedRecords.Add($VM) }

# Environment variable naming the state directory; default: .hyperv-sim in the process's directory.
# The resolved directory is remembered per setting; it is (re)created whenever it is missing.
$script:HvStateDirectoryCache = @{ Setting = $null; Directory = $null }

# On Unix the state is its owner's alone, as the real host's configuration store is readable by
# administrators only: the state directory is 0700 and every file written in it 0600. Windows keeps
# the directory's ACLs (and Windows PowerShell 5.1 has no Unix modes).
$script:HvUnixModes = [Environment]::OSVersion.Platform -ne [PlatformID]::Win32NT

function Set-HvOwnerOnly([string]$Path, [switch]$Directory) {
    if (-not $script:HvUnixModes) { return }
    $mode = if ($Directory) { 'UserRead, UserWrite, UserExecute' } else { 'UserRead, UserWrite' }
    if (([int][IO.File]::GetUnixFileMode($Path) -band 511) -ne ([int][IO.UnixFileMode]$mode)) {
        [IO.File]::SetUnixFileMode($Path, [IO.UnixFileMode]$mode)
    }
}

# Writes a file in the state directory owner-only: the mode is set while it is still empty, so its
# text is never readable by others.
function Write-HvPrivateFile([string]$Path, [string]$Text) {
    [IO.File]::WriteAllText($Path, '')
    Set-HvOwnerOnly $Path
    [IO.File]::WriteAllText($Path, $Text, [System.Text.UTF8Encoding]::new($false))
}

function Get-HvStateDirectory {
    $setting = $env:HYPERV_SIM_STATE_DIR
    if ([string]::IsNullOrEmpty($setting)) { $setting = [IO.Path]::Combine([Environment]::CurrentDirectory, '.hyperv-sim') }
    if ($script:HvStateDirectoryCache.Setting -ceq $setting -and [IO.Directory]::Exists($script:HvStateDirectoryCache.Directory)) {
        return $script:HvStateDirectoryCache.Directory
    }
    $dir = [IO.Path]::GetFullPath($setting)
    if (-not [IO.Directory]::Exists($dir)) { [void][IO.Directory]::CreateDirectory($dir) }
    # Also narrows a directory that was created with wider modes (by an earlier version, or by hand).
    Set-HvOwnerOnly $dir -Directory
    $script:HvStateDirectoryCache.Setting = $setting
    $script:HvStateDirectoryCache.Directory = $dir
    return $dir
}

function New-HvTable { return [System.Collections.Hashtable]::new([StringComparer]::OrdinalIgnoreCase) }

function New-HvEmptyState {
    $state = New-HvTable
    $state.version = 1
    $state.vms = New-HvTable
    $state.switches = New-HvTable
    $state.vhds = New-HvTable
    return $state
}

# How long a waiter tolerates a host where nothing happens: HYPERV_SIM_LOCK_STALL_SECONDS, default 60.
function Get-HvLockStallSeconds {
    $seconds = 0
    if ([int]::TryParse([string]$env:HYPERV_SIM_LOCK_STALL_SECONDS, [ref]$seconds) -and $seconds -gt 0) { return $seconds }
    return 60
}

# What changes whenever a writer saves: the state file and the token in the lock file.
function Get-HvProgressMark([string]$Dir) {
    $state = [IO.FileInfo]::new([IO.Path]::Combine($Dir, 'state.json'))
    $lock = [IO.FileInfo]::new([IO.Path]::Combine($Dir, 'state.lock'))
    $mark = ''
    foreach ($info in $state, $lock) {
        $info.Refresh()
        if ($info.Exists) { $mark += [string]$info.LastWriteTimeUtc.Ticks + ':' + $info.Length + '|' }
    }
    return $mark
}

# Opens the lock file exclusively, retrying while another session or process holds it. The real
# host's management service queues calls rather than failing them, so a waiter gives up only when
# the host has made no progress (no state saved) for the stall limit: a busy host with many
# callers is slow, never an error. Retries back off to at most ~50 ms so that waiters leave the CPU
# to the holder.
function Lock-HvStateDirectory([string]$Dir) {
    $path = [IO.Path]::Combine($Dir, 'state.lock')
    $stallSeconds = Get-HvLockStallSeconds
    $mark = $null
    $lastProgress = [DateTime]::UtcNow
    $delayMs = 1
    while ($true) {
        try {
            $lock = [IO.File]::Open($path, [IO.FileMode]::OpenOrCreate, [IO.FileAccess]::ReadWrite, [IO.FileShare]::None)
            if ($lock.Length -eq 0) { Set-HvOwnerOnly $path }
            return $lock
        } catch [IO.IOException] {
            $now = [DateTime]::UtcNow
            $current = Get-HvProgressMark $Dir
            if ($current -cne $mark) {
                $mark = $current
                $lastProgress = $now
            } elseif (($now - $lastProgress).TotalSeconds -gt $stallSeconds) {
                throw (New-HvErrorRecord -ErrorId 'OperationTimeout' -Category OperationTimeout -Message (
                        "The simulated Hyper-V host did not release its state lock '$path': nothing was saved for $stallSeconds seconds."))
            }
            Start-Sleep -Milliseconds (Get-Random -Minimum 1 -Maximum ($delayMs + 1))
            if ($delayMs -lt 50) { $delayMs = [Math]::Min(50, $delayMs * 2) }
        }
    }
}

function Read-HvLockToken([IO.FileStream]$Lock) {
    if ($Lock.Length -eq 0) { return '' }
    $buffer = [byte[]]::new([int]$Lock.Length)
    [void]$Lock.Seek(0, [IO.SeekOrigin]::Begin)
    $read = $Lock.Read($buffer, 0, $buffer.Length)
    return [Text.Encoding]::ASCII.GetString($buffer, 0, $read)
}

function Get-HvStateKey([string]$Dir, [string]$Token, [string]$StatePath) {
    $info = [IO.FileInfo]::new($StatePath)
    if (-not $info.Exists) { return $Dir + '|' + $Token + '|none' }
    return $Dir + '|' + $Token + '|' + $info.Length + '|' + $info.LastWriteTimeUtc.Ticks
}

function Read-HvStateFile([string]$Path) {
    try {
        return [HyperVSimulator.StateJson]::Parse([IO.File]::ReadAllText($Path), 'vms')
    } catch [FormatException] {
        throw ("The simulated Hyper-V state file '{0}' is not valid JSON ({1}). Restore it or delete it to start with an empty host." -f $Path, $_.Exception.Message)
    }
}

# Starts a state transaction for the given call: takes the lock and loads the state.
# -Write transactions must end with Save-HvState; every transaction ends with Exit-HvState.
function Enter-HvState {
    param([hashtable]$Call, [switch]$Write)
    if ($Call) { $script:HvCurrentCommand = $Call.Name }
    $dir = Get-HvStateDirectory
    $lock = Lock-HvStateDirectory $dir
    try {
        $statePath = [IO.Path]::Combine($dir, 'state.json')
        $token = Read-HvLockToken $lock
        $key = Get-HvStateKey $dir $token $statePath
        if ($script:HvStateCache.Key -eq $key) {
            $state = $script:HvStateCache.State
        } elseif ([IO.File]::Exists($statePath)) {
            $state = Read-HvStateFile $statePath
        } else {
            $state = New-HvEmptyState
        }
        $script:HvStateCache.Key = $key
        $script:HvStateCache.State = $state
    } catch {
        $lock.Dispose()
        throw
    }
    $script:HvChangedRecords = [System.Collections.ArrayList]::new()
    return @{ Dir = $dir; Lock = $lock; State = $state; Write = [bool]$Write; Saved = $false; StatePath = $statePath }
}

# Writes the state atomically and publishes a new token so other processes drop their caches.
function Save-HvState([hashtable]$Tx) {
    $text = [HyperVSimulator.StateJson]::Write($Tx.State, 'vms', $script:HvChangedRecords, ($env:HYPERV_SIM_VERIFY_WRITES -eq '1'))
    $temp = $Tx.StatePath + '.' + [Guid]::NewGuid().ToString('N') + '.tmp'
    Write-HvPrivateFile $temp $text
    if ([IO.File]::Exists($Tx.StatePath)) {
        [IO.File]::Replace($temp, $Tx.StatePath, [NullString]::Value)
    } else {
        [IO.File]::Move($temp, $Tx.StatePath)
    }
    $token = [Guid]::NewGuid().ToString('N')
    $bytes = [Text.Encoding]::ASCII.GetBytes($token)
    $Tx.Lock.SetLength(0)
    [void]$Tx.Lock.Seek(0, [IO.SeekOrigin]::Begin)
    $Tx.Lock.Write($bytes, 0, $bytes.Length)
    $Tx.Lock.Flush()
    $script:HvStateCache.Key = Get-HvStateKey $Tx.Dir $token $Tx.StatePath
    $script:HvStateCache.State = $Tx.State
    $Tx.Saved = $true
}

function Exit-HvState([hashtable]$Tx) {
    if ($Tx.Write -and -not $Tx.Saved) {
        # The cached object may hold half-applied changes: drop it.
        $script:HvStateCache.Key = $null
        $script:HvStateCache.State = $null
    }
    $Tx.Lock.Dispose()
}

# Runs a small read-modify-write of a side file in the state directory under the state lock.
function Update-HvSideFile {
    param([string]$Name, [scriptblock]$Update)
    $dir = Get-HvStateDirectory
    $lock = Lock-HvStateDirectory $dir
    try {
        $path = [IO.Path]::Combine($dir, $Name)
        $data = $null
        if ([IO.File]::Exists($path)) { $data = [HyperVSimulator.Json]::Parse([IO.File]::ReadAllText($path)) }
        $result = & $Update $data
        if ($null -eq $result.Data) {
            if ([IO.File]::Exists($path)) { [IO.File]::Delete($path) }
        } else {
            $temp = $path + '.' + [Guid]::NewGuid().ToString('N') + '.tmp'
            Write-HvPrivateFile $temp ([HyperVSimulator.Json]::Write($result.Data))
            if ([IO.File]::Exists($path)) { [IO.File]::Replace($temp, $path, [NullString]::Value) } else { [IO.File]::Move($temp, $path) }
        }
        return $result.Value
    } finally {
        $lock.Dispose()
    }
}
