# The frame of every simulated cmdlet call: fault injection on entry, and a result buffer whose
# output, warnings and errors are written only after the state lock is released (a downstream
# cmdlet in the same pipeline takes the lock too).

function Enter-HvCall([Management.Automation.PSCmdlet]$Cmdlet) {
    $call = @{ Name = $Cmdlet.MyInvocation.MyCommand.Name; Skip = $false }
    $script:HvCurrentCommand = $call.Name
    $call.Skip = Invoke-HvFault $call $Cmdlet
    return $call
}

function New-HvResult { return , [System.Collections.ArrayList]::new() }

function Add-HvOutput($Result, $Value) { [void]$Result.Add(@{ Kind = 'Output'; Value = $Value }) }

function Add-HvWarning($Result, [string]$Message) { [void]$Result.Add(@{ Kind = 'Warning'; Value = $Message }) }

function Add-HvError($Result, [Management.Automation.ErrorRecord]$Record) { [void]$Result.Add(@{ Kind = 'Error'; Value = $Record }) }

function Write-HvResult([Management.Automation.PSCmdlet]$Cmdlet, $Result) {
    foreach ($item in $Result) {
        switch ($item.Kind) {
            'Output' { $Cmdlet.WriteObject($item.Value) }
            'Warning' { $Cmdlet.WriteWarning($item.Value) }
            'Error' { $Cmdlet.WriteError($item.Value) }
        }
    }
}

# Runs a cmdlet body inside a state transaction and writes its results after the lock is released.
# The body gets ($tx, $result, $bound) ($bound: the cmdlet's bound parameters). A simulated error
# (Stop-HvOperation) ends the body and is written as a non-terminating error; the state of a write
# call is saved anyway, so earlier changes persist as with the real module.
function Invoke-HvCmdlet($HvCmdlet, $HvCall, $HvBound, [scriptblock]$HvBody, [switch]$HvWrite) {
    if ($HvCall.Skip) { return }
    $hvResult = New-HvResult
    $hvTx = Enter-HvState -Call $HvCall -Write:$HvWrite
    try {
        Invoke-HvTarget $hvResult { $null = & $HvBody $hvTx $hvResult $HvBound }
        if ($HvWrite) { Save-HvState $hvTx }
    } finally {
        Exit-HvState $hvTx
    }
    Write-HvResult $HvCmdlet $hvResult
}

# Runs the work on one target (one VM, one adapter...): a simulated error ends only this target.
function Invoke-HvTarget($HvTargetResult, [scriptblock]$HvTargetAction) {
    $script:HvPendingError = $null
    :hvTarget do { $null = & $HvTargetAction } while ($false)
    if ($null -ne $script:HvPendingError) {
        Add-HvError $HvTargetResult $script:HvPendingError
        $script:HvPendingError = $null
    }
}

# Cmdlets that would ask for confirmation (ShouldContinue) fail instead when -Force is missing:
# a non-interactive host cannot answer the prompt.
function Stop-HvConfirmationRequired([string]$Prompt) {
    Stop-HvOperationFailed ($Prompt + ' The confirmation prompt cannot be answered by the simulated host; use -Force.')
}

# $Bound: the cmdlet's bound parameters. -AsJob with -Passthru is the real module's own error.
function Assert-HvNoAsJob([hashtable]$Bound) {
    if (-not $Bound['AsJob']) { return }
    if ($Bound['Passthru']) { Stop-HvInvalidParameter 'The Asjob and Passthru switches cannot be set at the same time.' }
    Stop-HvInvalidParameter 'The simulated Hyper-V host does not run cmdlets as jobs; call the cmdlet without -AsJob.'
}
