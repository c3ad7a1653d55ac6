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

function Remove-VMSimFile {
    <#
    .SYNOPSIS
    Deletes a file of the simulated host (what Remove-Item does to a host file on a real host).
    .DESCRIPTION
    Deletes the file behind the Windows path, forgets the disk the host knew there, and removes the
    folders that only held it (the simulated host creates folders as its files need them, so a folder
    left empty goes with its last file). A file that is already gone is no error.
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [string]$Path
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters -HvWrite {
            param($tx, $result, $bound)
            $windowsPath = ConvertTo-HvWindowsPath $Path
            if (-not $PSCmdlet.ShouldProcess($windowsPath, 'Remove file')) { return }
            $local = Get-HvLocalPath $windowsPath $tx.Dir
            if ([IO.File]::Exists($local)) { [IO.File]::Delete($local) }
            [void]$tx.State.vhds.Remove((Get-HvPathKey $windowsPath))
            Remove-HvEmptyFolders ([IO.Path]::GetDirectoryName($local)) $tx.Dir
        }
    }
}
