# How the remote entry module names SSH failures from ssh's own diagnostics (OpenSSH does not localize
# them). The live cases (wrong key, host key, refused port, lost connection) run against a real sshd in
# ssh-remoting.spec.ts; these cover the ones a loopback sshd cannot produce.
BeforeAll {
    $remoteModule = Import-Module -Name (Join-Path $PSScriptRoot '..' '..' 'provider' 'powershell' 'scripts' 'remote.psm1') -Force -PassThru -DisableNameChecking
    InModuleScope $remoteModule.Name {
        $script:Settings = [pscustomobject]@{
            kind = 'ssh'; hostName = 'hv01'; port = 2222; userName = 'ops'; keyFilePath = '/keys/id'
            knownHostsFile = '/kh'; connectTimeoutMs = 5000; useSsl = $false; askpassPath = $null
        }
    }
}

Describe 'SSH failure classification' {
    It '<name> is <errorId> (<category>)' -ForEach @(
        @{ name = 'a missing PowerShell subsystem'; text = 'subsystem request failed on channel 0'; errorId = 'SshPowerShellSubsystemMissing'; category = 'NotInstalled'; fix = 'Subsystem powershell' }
        @{ name = 'an unreadable key'; text = "Load key `"/keys/id`": bad permissions`nops@hv01: Permission denied (publickey)."; errorId = 'SshAuthenticationFailed'; category = 'AuthenticationError'; fix = 'hyperv:sshKeyFile' }
        @{ name = 'a key in the wrong format'; text = 'Load key "/keys/id": invalid format'; errorId = 'SshKeyFileUnusable'; category = 'InvalidArgument'; fix = 'chmod 600' }
        @{ name = 'an unknown host'; text = "No ED25519 host key is known for [hv01]:2222 and you have requested strict checking.`nHost key verification failed."; errorId = 'SshHostKeyVerificationFailed'; category = 'SecurityError'; fix = 'ssh-keyscan -p 2222 hv01' }
        @{ name = 'an unreachable host'; text = 'ssh: connect to host hv01 port 2222: Connection timed out'; errorId = 'SshConnectionFailed'; category = 'ConnectionError'; fix = 'can be retried' }
        @{ name = 'an unknown name'; text = 'ssh: Could not resolve hostname hv01: Name or service not known'; errorId = 'SshConnectionFailed'; category = 'ConnectionError'; fix = 'can be retried' }
    ) {
        $failure = InModuleScope $remoteModule.Name -Parameters @{ text = $text } { param($text) Get-HvSshFailure -SshText $text -PowerShellMessage 'transport ended' }
        $failure[0] | Should -Be $errorId
        $failure[1] | Should -Be $category
        $failure[2] | Should -BeLike "*$fix*"
    }

    It 'falls back to PowerShell''s own message when ssh said nothing' {
        $failure = InModuleScope $remoteModule.Name { Get-HvSshFailure -SshText '' -PowerShellMessage 'The SSH transport process has abruptly terminated' }
        $failure[0] | Should -Be 'SshConnectionFailed'
        $failure[2] | Should -BeLike '*abruptly terminated*'
    }

    It 'keeps the last two lines of ssh''s output and drops its banners' {
        $text = "@@@@@@@@`n@ WARNING @`nline one`nline two`nline three"
        InModuleScope $remoteModule.Name -Parameters @{ text = $text } { param($text) Get-HvSshSummary -Text $text } | Should -Be 'line two line three'
    }
}

Describe 'remote entry module' {
    It 'exports only the two calls of the protocol' {
        (Get-Module -Name $remoteModule.Name).ExportedFunctions.Keys | Sort-Object | Should -Be @('Initialize-HvSession', 'Invoke-HvOperation')
    }
}
