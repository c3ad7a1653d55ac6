# Export-VM, Compare-VM (import), Import-VM.

function Export-VM {
    [CmdletBinding(DefaultParameterSetName = 'Name', SupportsShouldProcess = $true)]
    [OutputType('Microsoft.HyperV.PowerShell.VirtualMachine')]
    param(
        [Parameter(ParameterSetName = 'Name', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [Alias('VMName')]
        [ValidateNotNullOrEmpty()]
        [string[]]$Name,

        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VirtualMachine[]]$VM,

        [Parameter(Mandatory = $true, Position = 1)]
        [ValidateNotNullOrEmpty()]
        [string]$Path,

        [Nullable[Microsoft.HyperV.PowerShell.CaptureLiveState]]$CaptureLiveState,
        [switch]$AsJob,
        [switch]$Passthru
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvPerVMCmdlet $PSCmdlet $call $PSBoundParameters -HvChange {
            param($tx, $result, $vm)
            Export-HvVM $tx $vm $Path $CaptureLiveState
        }
    }
}

function Compare-VM {
    [CmdletBinding(DefaultParameterSetName = 'Register', SupportsShouldProcess = $true)]
    [OutputType('Microsoft.HyperV.PowerShell.VMCompatibilityReport')]
    param(
        [Parameter(ParameterSetName = 'Register', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [Parameter(ParameterSetName = 'Copy', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [string]$Path,

        [Parameter(ParameterSetName = 'Copy', Position = 1)]
        [string]$VhdDestinationPath,

        [Parameter(ParameterSetName = 'Register')]
        [switch]$Register,

        [Parameter(ParameterSetName = 'Copy', Mandatory = $true)]
        [switch]$Copy,

        [Parameter(ParameterSetName = 'Copy')]
        [string]$VirtualMachinePath,

        [Parameter(ParameterSetName = 'Copy')]
        [Alias('CheckpointFileLocation', 'SnapshotFileLocation')]
        [string]$SnapshotFilePath,

        [Parameter(ParameterSetName = 'Copy')]
        [string]$SmartPagingFilePath,

        [Parameter(ParameterSetName = 'Copy')]
        [string]$VhdSourcePath,

        [Parameter(ParameterSetName = 'Copy')]
        [switch]$GenerateNewId,

        [Parameter(ParameterSetName = 'CompatibilityReport', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNull()]
        [Microsoft.HyperV.PowerShell.VMCompatibilityReport]$CompatibilityReport,

        [switch]$AsJob
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters -HvWrite {
            param($tx, $result, $bound)
            Assert-HvNoAsJob $bound
            if (-not $PSCmdlet.ShouldProcess($script:HvHostInfo.ComputerName, 'Compare-VM')) { return }
            if ($PSCmdlet.ParameterSetName -eq 'CompatibilityReport') {
                $planned = Get-HvPlannedVM $tx $CompatibilityReport
            } else {
                $planned = New-HvPlannedVM -Tx $tx -Path $Path -Copy ([bool]$Copy) -GenerateNewId ([bool]$GenerateNewId) -VirtualMachinePath $VirtualMachinePath `
                    -SnapshotFilePath $SnapshotFilePath -SmartPagingFilePath $SmartPagingFilePath -VhdDestinationPath $VhdDestinationPath -VhdSourcePath $VhdSourcePath
            }
            Add-HvOutput $result (ConvertTo-HvCompatibilityReport $tx $planned)
        }
    }
}

function Import-VM {
    [CmdletBinding(DefaultParameterSetName = 'Register', SupportsShouldProcess = $true)]
    [OutputType('Microsoft.HyperV.PowerShell.VirtualMachine')]
    param(
        [Parameter(ParameterSetName = 'Register', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [Parameter(ParameterSetName = 'Copy', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [string]$Path,

        [Parameter(ParameterSetName = 'Copy', Position = 1)]
        [string]$VhdDestinationPath,

        [Parameter(ParameterSetName = 'Register')]
        [switch]$Register,

        [Parameter(ParameterSetName = 'Copy', Mandatory = $true)]
        [switch]$Copy,

        [Parameter(ParameterSetName = 'Copy')]
        [string]$VirtualMachinePath,

        [Parameter(ParameterSetName = 'Copy')]
        [Alias('CheckpointFileLocation', 'SnapshotFileLocation')]
        [string]$SnapshotFilePath,

        [Parameter(ParameterSetName = 'Copy')]
        [string]$SmartPagingFilePath,

        [Parameter(ParameterSetName = 'Copy')]
        [string]$VhdSourcePath,

        [Parameter(ParameterSetName = 'Copy')]
        [switch]$GenerateNewId,

        [Parameter(ParameterSetName = 'CompatibilityReport', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNull()]
        [Microsoft.HyperV.PowerShell.VMCompatibilityReport]$CompatibilityReport,

        [switch]$AsJob
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters -HvWrite {
            param($tx, $result, $bound)
            Assert-HvNoAsJob $bound
            if (-not $PSCmdlet.ShouldProcess($script:HvHostInfo.ComputerName, 'Import-VM')) { return }
            $fromReport = $PSCmdlet.ParameterSetName -eq 'CompatibilityReport'
            if ($fromReport) {
                $planned = Get-HvPlannedVM $tx $CompatibilityReport
            } else {
                $planned = New-HvPlannedVM -Tx $tx -Path $Path -Copy ([bool]$Copy) -GenerateNewId ([bool]$GenerateNewId) -VirtualMachinePath $VirtualMachinePath `
                    -SnapshotFilePath $SnapshotFilePath -SmartPagingFilePath $SmartPagingFilePath -VhdDestinationPath $VhdDestinationPath -VhdSourcePath $VhdSourcePath
            }
            $vm = Complete-HvImport $tx $planned (-not $fromReport)
            Add-HvOutput $result (ConvertTo-HvVirtualMachine $tx.State $vm)
        }
    }
}
