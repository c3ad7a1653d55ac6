# Where the simulated host keeps the file behind one of its Windows paths. Scripts use it to run file
# commands (Test-Path, Remove-Item) against host files; on a real host the Windows path is the file.

function Resolve-VMSimPath {
    <#
    .SYNOPSIS
    Returns the local file that backs a Windows path of the simulated host (C:\VMs\a.vhdx -> <state dir>/disks/c/vms/a.vhdx).
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [string]$Path
    )
    process {
        # A path the host refuses is this call's error, as with the cmdlets.
        $result = New-HvResult
        Invoke-HvTarget $result { Add-HvOutput $result (Get-HvLocalPath $Path (Get-HvStateDirectory)) }
        Write-HvResult $PSCmdlet $result
    }
}
