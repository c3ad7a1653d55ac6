# The entry module of sessions whose host is remote (ssh:// or winrm://), loaded instead of the prelude.
#
# It answers the same two calls as the prelude (Initialize-HvSession, Invoke-HvOperation) with the same
# envelope, but runs the operations in a remote PSSession: one per local session, opened on the first call
# and reopened when it breaks. When it opens, the remote session receives the prelude with the modules
# beside it and the operation scripts with their lib/ helpers, which it keeps as files in a per-user
# cache directory named by their hash, so they load and run there exactly as they do here. The remote side answers
# with the envelope JSON, which is printed here unchanged behind the call's nonce.
#
# Connection settings arrive in $env:HYPERV_PS_REMOTE (JSON, no secrets). A password or key passphrase
# arrives, like every secret, in the session's secrets file (names below); it is never part of a command
# line. For SSH it reaches ssh only through the environment of the ssh process, read by the askpass helper.
#
# Windows PowerShell 5.1 compatible; newer parameters (-ConnectingTimeout, -Options) are splatted.

Set-StrictMode -Version 3.0

Import-Module -Name ([System.IO.Path]::Combine($PSScriptRoot, 'prelude.psm1')) -Force -DisableNameChecking

$script:PasswordSecret = 'HyperVRemotePassword'
$script:PassphraseSecret = 'HyperVRemoteKeyPassphrase'
$script:AskpassVariable = 'HYPERV_SSH_ASKPASS_SECRET'
$script:Settings = $null
$script:ConnectionSecrets = @{}
$script:ForwardedSecrets = @{}
$script:ScriptBundle = $null
$script:Remote = $null

# Runs in the remote session once: stores the prelude with its modules and the operation scripts
# (unless this version is there already), loads the prelude, points it at the scripts and hands over
# the secrets.
$script:RemoteBootstrap = {
    param([hashtable] $Secrets, [hashtable] $Bundle)
    $base = $env:LOCALAPPDATA
    if (-not $base) { $base = [System.IO.Path]::Combine([System.Environment]::GetFolderPath('UserProfile'), '.cache') }
    $root = [System.IO.Path]::Combine($base, 'pulumi-hyperv', 'scripts', [string]$Bundle['hash'])
    if (-not [System.IO.File]::Exists([System.IO.Path]::Combine($root, '.complete'))) {
        # Written aside and renamed, so a concurrent session never runs a half-written copy.
        $staging = $root + '.' + [guid]::NewGuid().ToString('N')
        foreach ($file in $Bundle['files']) {
            $path = [System.IO.Path]::Combine($staging, [string]$file['path'])
            [void][System.IO.Directory]::CreateDirectory([System.IO.Path]::GetDirectoryName($path))
            [System.IO.File]::WriteAllText($path, [string]$file['text'], (New-Object System.Text.UTF8Encoding -ArgumentList $true))
        }
        [System.IO.File]::WriteAllText([System.IO.Path]::Combine($staging, '.complete'), '')
        try { [System.IO.Directory]::Move($staging, $root) }
        catch {
            # Another session stored the same version first.
            [System.IO.Directory]::Delete($staging, $true)
            if (-not [System.IO.File]::Exists([System.IO.Path]::Combine($root, '.complete'))) { throw }
        }
    }
    $directories = @(for ($i = 0; $i -lt [int]$Bundle['directoryCount']; $i++) { [System.IO.Path]::Combine($root, [string]$i) })
    $env:HYPERV_PS_SCRIPT_DIRS = ConvertTo-Json -InputObject $directories -Compress
    # Loaded from its stored file, so the modules it imports beside itself are found there too.
    Import-Module -Name ([System.IO.Path]::Combine($root, 'prelude', 'prelude.psm1')) -Global -Force -DisableNameChecking
    $initialized = Initialize-HvSessionCore
    Set-HvSessionSecret -Secrets $Secrets
    $initialized
}

# Runs in the remote session for every call.
$script:RemoteCall = {
    param([string] $Operation, [string] $Payload)
    Invoke-HvOperationCore -Operation $Operation -Payload $Payload
}

function Get-HvScriptBundle {
    # The prelude with the modules beside it, and the .ps1 files of every script directory (lib/ helpers
    # included), with a hash naming this set.
    param([string] $PreludeDirectory, [string[]] $Directories)
    $files = New-Object System.Collections.Generic.List[object]
    $hashInput = New-Object System.Text.StringBuilder
    foreach ($path in @([System.IO.Directory]::GetFiles($PreludeDirectory, '*.psm1') | Sort-Object)) {
        $relative = 'prelude/' + [System.IO.Path]::GetFileName($path)
        $text = [System.IO.File]::ReadAllText($path, [System.Text.Encoding]::UTF8)
        $files.Add(@{ path = $relative; text = $text })
        [void]$hashInput.Append($relative).Append([char]0).Append($text).Append([char]0)
    }
    for ($i = 0; $i -lt $Directories.Count; $i++) {
        $directory = [System.IO.Path]::GetFullPath($Directories[$i])
        if (-not [System.IO.Directory]::Exists($directory)) { continue }
        $paths = @([System.IO.Directory]::GetFiles($directory, '*.ps1', [System.IO.SearchOption]::AllDirectories) | Sort-Object)
        foreach ($path in $paths) {
            $relative = [string]$i + '/' + $path.Substring($directory.Length).TrimStart([char]'/', [char]'\').Replace([char]'\', [char]'/')
            $text = [System.IO.File]::ReadAllText($path, [System.Text.Encoding]::UTF8)
            $files.Add(@{ path = $relative; text = $text })
            [void]$hashInput.Append($relative).Append([char]0).Append($text).Append([char]0)
        }
    }
    $sha = [System.Security.Cryptography.SHA256]::Create()
    $digest = $sha.ComputeHash([System.Text.Encoding]::UTF8.GetBytes($hashInput.ToString()))
    $hash = -join @($digest[0..15] | ForEach-Object { $_.ToString('x2') })
    return @{ hash = $hash; directoryCount = $Directories.Count; files = $files.ToArray() }
}

function Get-HvRemoteLabel {
    $s = $script:Settings
    $port = ''
    if ($s.port) { $port = ':' + $s.port }
    if ($s.kind -eq 'ssh') { return 'ssh://' + $s.userName + '@' + $s.hostName + $port }
    return 'winrm://' + $s.hostName + $port
}

function Get-HvSshSummary {
    # ssh's last two lines name the failure; its banners (lines of '@') and warnings before them do not.
    param([string] $Text)
    $lines = @($Text -split "`r?`n" | ForEach-Object { $_.Trim() } | Where-Object { $_ -and -not $_.StartsWith('@') })
    if ($lines.Count -gt 2) { $lines = $lines[($lines.Count - 2)..($lines.Count - 1)] }
    return ($lines -join ' ')
}

function Get-HvSshFailure {
    # Names what went wrong from ssh's own diagnostics (OpenSSH's messages are not localized) and says
    # what to fix. Returns @(ErrorId, Category, Message).
    param([string] $SshText, [string] $PowerShellMessage)
    $s = $script:Settings
    $label = Get-HvRemoteLabel
    $said = Get-HvSshSummary -Text $SshText
    if (-not $said) { $said = $PowerShellMessage }
    $portOption = ''
    if ($s.port) { $portOption = '-p ' + $s.port + ' ' }
    if ($SshText -match 'Host key verification failed|HOST IDENTIFICATION HAS CHANGED|host key is known|Host key for .* has changed') {
        return @('SshHostKeyVerificationFailed', 'SecurityError',
            ("The host key of $label is not in the known-hosts file '$($s.knownHostsFile)', or differs from the one " +
                "recorded there, so the host could not be authenticated (ssh: $said). Check the host's key " +
                "fingerprint, then record it (ssh-keyscan $portOption$($s.hostName) >> '$($s.knownHostsFile)'), or " +
                "point hyperv:knownHostsFile at a file that holds it."))
    }
    if ($SshText -match 'Permission denied|Too many authentication failures|no more authentication methods') {
        return @('SshAuthenticationFailed', 'AuthenticationError',
            ("$label refused to log in user '$($s.userName)' (ssh: $said). Check hyperv:username, that " +
                "hyperv:sshKeyFile names the private key whose public key is in the user's authorized_keys on the host " +
                "(administrators_authorized_keys for administrators on Windows), and hyperv:sshKeyPassphrase if the " +
                "key is protected."))
    }
    if ($SshText -match 'subsystem request failed') {
        return @('SshPowerShellSubsystemMissing', 'NotInstalled',
            ("$label accepted the login but offers no PowerShell subsystem (ssh: $said). Add " +
                "'Subsystem powershell c:/progra~1/powershell/7/pwsh.exe -sshs' to the host's sshd_config and restart sshd."))
    }
    if ($SshText -match 'Load key|invalid format|bad permissions|UNPROTECTED PRIVATE KEY|no such identity') {
        return @('SshKeyFileUnusable', 'InvalidArgument',
            ("ssh could not use the key file '$($s.keyFilePath)' for $label (ssh: $said). Set hyperv:sshKeyFile to " +
                "a private key readable only by its owner (chmod 600)."))
    }
    return @('SshConnectionFailed', 'ConnectionError',
        ("Could not reach $label (ssh: $said). Check that the host is up, that sshd listens on the port, and " +
            "that nothing between blocks it; the call can be retried."))
}

function Get-HvWinRmFailure {
    param([System.Management.Automation.ErrorRecord] $Record)
    $label = Get-HvRemoteLabel
    $code = 0
    $property = $Record.Exception.PSObject.Properties['ErrorCode']
    if ($null -ne $property) { $code = [int]$property.Value }
    # 5: access denied; 1326: unknown user name or bad password.
    if ($code -eq 5 -or $code -eq 1326) {
        return @('WinRmAuthenticationFailed', 'AuthenticationError',
            ("$label refused the credentials of '$($script:Settings.userName)' ($($Record.Exception.Message)). " +
                "Check hyperv:username and hyperv:password; the account must be an administrator or in Hyper-V Administrators."))
    }
    return @('WinRmConnectionFailed', 'ConnectionError',
        ("Could not reach $label ($($Record.Exception.Message)). Check that the host is up, WinRM listens " +
            "(HTTPS on 5986 unless hyperv:useSsl is false) and its certificate is trusted; the call can be retried."))
}

function Invoke-HvCapturingConsole {
    # ssh's diagnostics reach PowerShell on its stderr pipe, which PowerShell copies to the console's
    # stdout; collect them instead, so they can name the failure. Returns @(result, failure, consoleText).
    param([scriptblock] $Action)
    $writer = New-Object System.IO.StringWriter
    $original = [System.Console]::Out
    $result = $null
    $failure = $null
    [System.Console]::SetOut($writer)
    try { $result = & $Action }
    catch { $failure = $_ }
    finally { [System.Console]::SetOut($original) }
    return @($result, $failure, $writer.ToString())
}

function New-HvSshSession {
    $s = $script:Settings
    $timeoutSeconds = [int][Math]::Ceiling($s.connectTimeoutMs / 1000.0)
    $aliveSeconds = [int][Math]::Max(1, [Math]::Ceiling($timeoutSeconds / 3.0))
    $options = @{
        BatchMode             = 'yes'
        StrictHostKeyChecking = 'yes'
        UserKnownHostsFile    = [string]$s.knownHostsFile
        ConnectTimeout        = [string]$timeoutSeconds
        # A host that vanishes without closing the connection is noticed within the connect timeout.
        ServerAliveInterval   = [string]$aliveSeconds
        ServerAliveCountMax   = '3'
    }
    $arguments = @{
        HostName          = [string]$s.hostName
        UserName          = [string]$s.userName
        ConnectingTimeout = [int]$s.connectTimeoutMs
        ErrorAction       = 'Stop'
    }
    if ($s.port) { $arguments.Port = [int]$s.port }
    if ($s.keyFilePath) { $arguments.KeyFilePath = [string]$s.keyFilePath }
    $secret = $null
    if ($script:ConnectionSecrets.ContainsKey($script:PassphraseSecret)) { $secret = $script:ConnectionSecrets[$script:PassphraseSecret] }
    elseif ($script:ConnectionSecrets.ContainsKey($script:PasswordSecret)) { $secret = $script:ConnectionSecrets[$script:PasswordSecret] }
    if ($null -ne $secret) {
        # ssh asks the askpass helper instead of a terminal; BatchMode would forbid asking at all. Host
        # keys are still never prompted for (StrictHostKeyChecking), and one wrong answer ends the attempt.
        $options.BatchMode = 'no'
        $options.NumberOfPasswordPrompts = '1'
        if ($s.keyFilePath) { $options.PreferredAuthentications = 'publickey' }
        else { $options.PreferredAuthentications = 'password,keyboard-interactive' }
        [System.Environment]::SetEnvironmentVariable('SSH_ASKPASS', [string]$s.askpassPath)
        [System.Environment]::SetEnvironmentVariable('SSH_ASKPASS_REQUIRE', 'force')
        [System.Environment]::SetEnvironmentVariable($script:AskpassVariable, $secret)
    }
    $arguments.Options = $options
    try {
        $outcome = Invoke-HvCapturingConsole { New-PSSession @arguments }
    }
    finally {
        # The ssh process keeps its own copy; nothing started later inherits the secret.
        foreach ($name in @('SSH_ASKPASS', 'SSH_ASKPASS_REQUIRE', $script:AskpassVariable)) {
            [System.Environment]::SetEnvironmentVariable($name, $null)
        }
    }
    if ($null -ne $outcome[1]) {
        $failure = Get-HvSshFailure -SshText $outcome[2] -PowerShellMessage $outcome[1].Exception.Message
        throw (New-HvErrorRecord -Message $failure[2] -ErrorId $failure[0] -Category $failure[1] -TargetObject (Get-HvRemoteLabel))
    }
    return $outcome[0]
}

function New-HvWinRmSession {
    $s = $script:Settings
    $optionArguments = @{ OpenTimeout = [int]$s.connectTimeoutMs }
    $arguments = @{
        ComputerName  = [string]$s.hostName
        UseSSL        = [bool]$s.useSsl
        SessionOption = (New-PSSessionOption @optionArguments)
        ErrorAction   = 'Stop'
    }
    if ($s.port) { $arguments.Port = [int]$s.port }
    if ($script:ConnectionSecrets.ContainsKey($script:PasswordSecret)) {
        $password = ConvertTo-SecureString -String $script:ConnectionSecrets[$script:PasswordSecret] -AsPlainText -Force
        $arguments.Credential = New-Object System.Management.Automation.PSCredential -ArgumentList ([string]$s.userName), $password
    }
    try {
        return New-PSSession @arguments
    }
    catch {
        $failure = Get-HvWinRmFailure -Record $_
        throw (New-HvErrorRecord -Message $failure[2] -ErrorId $failure[0] -Category $failure[1] -TargetObject (Get-HvRemoteLabel))
    }
}

function Close-HvRemoteSession {
    if ($null -ne $script:Remote) {
        Remove-PSSession -Session $script:Remote -ErrorAction SilentlyContinue
    }
    $script:Remote = $null
}

function Get-HvRemoteSession {
    # The open remote session, opened (again) when there is none or it broke.
    $current = $script:Remote
    if ($null -ne $current -and $current.State -eq 'Opened' -and $current.Availability -eq 'Available') { return $current }
    Close-HvRemoteSession
    if ($script:Settings.kind -eq 'ssh') { $session = New-HvSshSession } else { $session = New-HvWinRmSession }
    try {
        $initialized = Invoke-Command -Session $session -ScriptBlock $script:RemoteBootstrap `
            -ArgumentList $script:ForwardedSecrets, $script:ScriptBundle -ErrorAction Stop
        $envelope = ConvertFrom-Json -InputObject ([string]$initialized)
        if (-not $envelope.ok) {
            throw (New-HvErrorRecord -Message ('The PowerShell session on ' + (Get-HvRemoteLabel) + ' failed to initialize: ' + $envelope.error.message) `
                    -ErrorId 'RemoteInitializationFailed' -Category NotInstalled -TargetObject (Get-HvRemoteLabel))
        }
    }
    catch {
        Remove-PSSession -Session $session -ErrorAction SilentlyContinue
        throw
    }
    $script:Remote = $session
    return $session
}

function New-HvConnectionLostRecord {
    param([string] $Operation, [string] $Detail)
    $message = 'The connection to ' + (Get-HvRemoteLabel) + " broke during the operation '$Operation' ($Detail). " +
        "The operation's effect is unknown: refresh the resource before retrying."
    return New-HvErrorRecord -Message $message -ErrorId 'RemoteConnectionLost' -Category ConnectionError -TargetObject (Get-HvRemoteLabel)
}

function Invoke-HvRemoteOperationCore {
    # Returns the envelope JSON of one operation run on the remote host.
    param([string] $Operation, [string] $Payload)
    $ErrorActionPreference = 'Stop'
    try {
        $session = Get-HvRemoteSession
        $call = { Invoke-Command -Session $session -ScriptBlock $script:RemoteCall -ArgumentList $Operation, $Payload -ErrorAction Stop }
        $outcome = Invoke-HvCapturingConsole $call
        if ($null -ne $outcome[1]) {
            $detail = Get-HvSshSummary -Text $outcome[2]
            if (-not $detail) { $detail = $outcome[1].Exception.Message }
            Close-HvRemoteSession
            throw (New-HvConnectionLostRecord -Operation $Operation -Detail $detail)
        }
        $json = [string]$outcome[0]
        if (-not $json.StartsWith('{')) {
            Close-HvRemoteSession
            throw (New-HvConnectionLostRecord -Operation $Operation -Detail 'the remote session returned no envelope')
        }
        return $json
    }
    catch {
        $envelope = [ordered]@{
            ok       = $false
            data     = $null
            warnings = @()
            error    = ConvertTo-HvErrorInfo -Record $_ -Operation $Operation
        }
        return ConvertTo-HvJson $envelope
    }
}

function Invoke-HvOperation {
    <#
    .SYNOPSIS
    The per-call entry point for remote hosts: runs an operation remotely and prints its envelope behind the nonce.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)][string] $Operation,
        [Parameter(Mandatory = $true)][AllowEmptyString()][string] $Payload,
        [Parameter(Mandatory = $true)][ValidatePattern('^[0-9a-f]{32}$')][string] $Nonce
    )
    Write-HvEnvelopeLine -Nonce $Nonce -Json (Invoke-HvRemoteOperationCore -Operation $Operation -Payload $Payload)
    $global:Error.Clear()
}

function Initialize-HvSession {
    <#
    .SYNOPSIS
    Runs once per session: initializes the local side, keeps the connection settings and secrets, and
    prints the envelope behind the nonce. The remote session opens on the first call.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory = $true)][ValidatePattern('^[0-9a-f]{32}$')][string] $Nonce)
    $json = Initialize-HvSessionCore
    try {
        $envelope = ConvertFrom-Json -InputObject $json
        if ($envelope.ok) {
            $script:Settings = ConvertFrom-Json -InputObject ([string]$env:HYPERV_PS_REMOTE)
            $script:ScriptBundle = Get-HvScriptBundle -PreludeDirectory $PSScriptRoot -Directories @($envelope.data.scriptDirectories)
            $connection = @{}
            $forwarded = @{}
            foreach ($name in @($envelope.data.secretNames)) {
                if ($name -eq $script:PasswordSecret -or $name -eq $script:PassphraseSecret) { $connection[$name] = Get-HvSecret -Name $name }
                else { $forwarded[$name] = Get-HvSecret -Name $name }
            }
            $script:ConnectionSecrets = $connection
            $script:ForwardedSecrets = $forwarded
            # The connection secrets stay in this module only: operations never see them.
            Set-HvSessionSecret -Secrets $forwarded
        }
    }
    catch {
        $json = ConvertTo-HvJson ([ordered]@{ ok = $false; data = $null; warnings = @(); error = (ConvertTo-HvErrorInfo -Record $_ -Operation 'initialize') })
    }
    Write-HvEnvelopeLine -Nonce $Nonce -Json $json
    $global:Error.Clear()
}

Export-ModuleMember -Function Invoke-HvOperation, Initialize-HvSession
