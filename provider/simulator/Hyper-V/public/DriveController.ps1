# Get-VMIdeController, Remove-VMScsiController.

function Get-VMIdeController {
    [CmdletBinding(DefaultParameterSetName = 'VMName')]
    [OutputType('Microsoft.HyperV.PowerShell.VMIdeController')]
    param(
        [Parameter(ParameterSetName = 'VMName', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [string[]]$VMName,

        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VirtualMachine[]]$VM,

        [Parameter(Position = 1)]
        [Nullable[int]]$ControllerNumber
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters {
            param($tx, $result, $bound)
            foreach ($vm in (Resolve-HvVMTarget $tx.State $bound $result)) {
                # A Generation 2 VM has no IDE controller: nothing to list.
                foreach ($number in (Get-HvControllerNumbers $vm 'IDE')) {
                    if ($null -ne $ControllerNumber -and $number -ne $ControllerNumber) { continue }
                    Add-HvOutput $result (ConvertTo-HvController $vm 'IDE' $number)
                }
            }
        }
    }
}

function Remove-VMScsiController {
    [CmdletBinding(DefaultParameterSetName = 'VMName', SupportsShouldProcess = $true)]
    [OutputType('Microsoft.HyperV.PowerShell.VMScsiController')]
    param(
        [Parameter(ParameterSetName = 'VMName', Mandatory = $true, Position = 0)]
        [ValidateNotNullOrEmpty()]
        [string[]]$VMName,

        [Parameter(ParameterSetName = 'VMName', Mandatory = $true, Position = 1)]
        [int]$ControllerNumber,

        [Parameter(ParameterSetName = 'Object', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VMScsiController[]]$VMScsiController,

        [switch]$Passthru
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters -HvWrite {
            param($tx, $result, $bound)
            $targets = [System.Collections.ArrayList]::new()
            if ($PSCmdlet.ParameterSetName -eq 'Object') {
                foreach ($controller in $VMScsiController) {
                    $found = Find-HvVMByObject $tx.State @($controller) $result
                    if ($found.Count -gt 0) { [void]$targets.Add(@{ VM = $found[0]; Number = [int]$controller.ControllerNumber }) }
                }
            } else {
                foreach ($owner in (Find-HvVMByName -State $tx.State -Names $VMName -Result $result)) {
                    [void]$targets.Add(@{ VM = $owner; Number = $ControllerNumber })
                }
            }
            # Highest numbers first, so removing one does not renumber the next target.
            foreach ($target in @($targets | Sort-Object { $_.Number } -Descending)) {
                Invoke-HvTarget $result {
                    if ((Get-HvControllerNumbers $target.VM 'SCSI') -notcontains $target.Number) {
                        Stop-HvObjectNotFound ('No SCSI controller with number {0} was found on the virtual machine "{1}".' -f $target.Number, $target.VM.Name)
                    }
                    if (-not $PSCmdlet.ShouldProcess($target.VM.Name, 'Remove-VMScsiController')) { continue }
                    $output = ConvertTo-HvController $target.VM 'SCSI' $target.Number
                    Remove-HvScsiController $target.VM $target.Number
                    if ($Passthru) { $output.IsDeleted = $true; Add-HvOutput $result $output }
                }
            }
        }
    }
}
