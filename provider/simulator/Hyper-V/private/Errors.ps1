# Error records shaped like the Hyper-V module's: a VirtualizationException, the error identifier and
# category of the real module, and FullyQualifiedErrorId "<ErrorId>,<cmdlet class>" (the class the
# real binary cmdlet has, e.g. Microsoft.HyperV.PowerShell.Commands.GetVM).

# PowerShell appends the function name to the error id of errors written by script functions; the
# record's serialized-id field takes precedence, so it carries the real cmdlet class instead.
$script:HvFullyQualifiedIdField = [Management.Automation.ErrorRecord].GetField(
    '_serializedFullyQualifiedErrorId', [Reflection.BindingFlags]'NonPublic,Instance')

# Name of the binary cmdlet class behind a command name: Get-VM -> Microsoft.HyperV.PowerShell.Commands.GetVM.
function Get-HvCommandClass([string]$CommandName) {
    $parts = $CommandName.Split('-')
    if ($parts.Length -ne 2) { return $CommandName }
    if ($parts[1] -eq 'VHD') { return 'Microsoft.Vhd.PowerShell.Cmdlets.' + $parts[0] + 'Vhd' }
    if ($parts[1].StartsWith('VMSim')) { return 'HyperVSimulator.Commands.' + $parts[0] + $parts[1] }
    return 'Microsoft.HyperV.PowerShell.Commands.' + $parts[0] + $parts[1]
}

# The command the current simulated call runs for; set by Enter-HvCall.
$script:HvCurrentCommand = ''

function New-HvErrorRecord {
    param(
        [string]$ErrorId,
        [Management.Automation.ErrorCategory]$Category,
        [string]$Message,
        [object]$TargetObject = $null,
        [string]$CommandName = $script:HvCurrentCommand
    )
    $exception = New-Object Microsoft.HyperV.PowerShell.VirtualizationException -ArgumentList $Message
    $record = New-Object Management.Automation.ErrorRecord -ArgumentList $exception, $ErrorId, $Category, $TargetObject
    if ($script:HvFullyQualifiedIdField) {
        $script:HvFullyQualifiedIdField.SetValue($record, $ErrorId + ',' + (Get-HvCommandClass $CommandName))
    }
    return $record
}

# Ends the current target of a cmdlet with a simulated Hyper-V error: the record is parked and
# control leaves through the nearest enclosing "hvTarget" loop (Invoke-HvTarget / Invoke-HvCmdlet),
# which writes it as a non-terminating error. A labeled break instead of an exception keeps
# caught internal exceptions out of the caller's $Error and -ErrorVariable.
$script:HvPendingError = $null

function Stop-HvOperation {
    param(
        [string]$ErrorId,
        [Management.Automation.ErrorCategory]$Category,
        [string]$Message,
        [object]$TargetObject = $null
    )
    $script:HvPendingError = New-HvErrorRecord -ErrorId $ErrorId -Category $Category -Message $Message -TargetObject $TargetObject
    break hvTarget
}

# The error families of the real module (ExceptionHelper): identifier and category go together.
function Stop-HvInvalidParameter([string]$Message, $TargetObject = $null) {
    Stop-HvOperation -ErrorId 'InvalidParameter' -Category InvalidArgument -Message $Message -TargetObject $TargetObject
}

function Stop-HvInvalidState([string]$Message, $TargetObject = $null) {
    Stop-HvOperation -ErrorId 'InvalidState' -Category InvalidOperation -Message $Message -TargetObject $TargetObject
}

function Stop-HvObjectNotFound([string]$Message, $TargetObject = $null) {
    Stop-HvOperation -ErrorId 'ObjectNotFound' -Category ObjectNotFound -Message $Message -TargetObject $TargetObject
}

function Stop-HvOperationFailed([string]$Message, $TargetObject = $null) {
    Stop-HvOperation -ErrorId 'OperationFailed' -Category InvalidOperation -Message $Message -TargetObject $TargetObject
}

function Stop-HvObjectInUse([string]$Message, $TargetObject = $null) {
    Stop-HvOperation -ErrorId 'ObjectInUse' -Category ResourceBusy -Message $Message -TargetObject $TargetObject
}

# VMMS reports device failures in two parts: "<Message>\n\n<Description>".
function Join-HvMessage([string]$Message, [string]$Description) {
    return $Message + [Environment]::NewLine + [Environment]::NewLine + $Description
}

# Two switches that exclude each other were given (the real module's generic message).
function Stop-HvMutuallyExclusive([string]$First, [string]$Second) {
    Stop-HvInvalidParameter ("The parameters '{0}' and '{1}' are mutually exclusive. Specify only one or the other." -f $First, $Second)
}
