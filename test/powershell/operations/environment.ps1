# Reports the environment variables that configure the host a session talks to, and whether the
# stack's passphrase reached the session.
param($Payload)
[pscustomobject]@{
    modulePath     = $env:PSModulePath
    stateDir       = $env:HYPERV_SIM_STATE_DIR
    extra          = $env:HYPERV_TEST_EXTRA
    passphrase     = $env:PULUMI_CONFIG_PASSPHRASE
    passphraseFile = $env:PULUMI_CONFIG_PASSPHRASE_FILE
}
