# Reports the environment variables that configure the host a session talks to.
param($Payload)
[pscustomobject]@{
    modulePath = $env:PSModulePath
    stateDir   = $env:HYPERV_SIM_STATE_DIR
    extra      = $env:HYPERV_TEST_EXTRA
}
