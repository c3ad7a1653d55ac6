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
    process { Get-HvLocalPath (ConvertTo-HvWindowsPath $Path) (Get-HvStateDirectory) }
}
