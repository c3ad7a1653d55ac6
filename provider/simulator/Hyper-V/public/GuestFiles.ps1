# Copy-VMFile: copies a host file into a running guest through the Guest Service Interface
# integration service. The simulated guest keeps the list of files it received (Get-VMSimGuest);
# it has no file system, so -CreateFullPath is accepted and every destination folder exists.

function Copy-VMFile {
    [CmdletBinding(DefaultParameterSetName = 'Name', SupportsShouldProcess = $true)]
    param(
        [Parameter(ParameterSetName = 'Name', Mandatory = $true, Position = 0)]
        [Alias('VMName')]
        [ValidateNotNullOrEmpty()]
        [string[]]$Name,

        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VirtualMachine[]]$VM,

        [Parameter(Mandatory = $true, Position = 1)]
        [ValidateNotNullOrEmpty()]
        [string]$SourcePath,

        [Parameter(Mandatory = $true, Position = 2)]
        [ValidateNotNullOrEmpty()]
        [string]$DestinationPath,

        [Parameter(Mandatory = $true)]
        [Microsoft.HyperV.PowerShell.CopyFileSourceType]$FileSource,

        [switch]$CreateFullPath,
        [switch]$Force,
        [switch]$AsJob
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvPerVMCmdlet $PSCmdlet $call $PSBoundParameters -HvOutput $null -HvChange {
            param($tx, $result, $vm)
            $failed = 'Failed to copy file "{0}" to "{1}" in the virtual machine.' -f $SourcePath, $DestinationPath
            $source = Get-HvLocalPath (ConvertTo-HvWindowsPath $SourcePath) $tx.Dir
            if (-not [IO.File]::Exists($source)) {
                Stop-HvObjectNotFound (Join-HvMessage $failed ("The system cannot find the file '{0}'." -f $SourcePath)) $SourcePath
            }
            if ($vm.State -ne 'Running') {
                Stop-HvInvalidState 'The operation cannot be performed while the virtual machine is in its current state.' (ConvertTo-HvVirtualMachine $tx.State $vm)
            }
            if (-not $vm.IntegrationServices['Guest Service Interface']) {
                Stop-HvOperationFailed (Join-HvMessage $failed ("The Guest Service Interface integration service of '{0}' is disabled; enable it with Enable-VMIntegrationService -Name 'Guest Service Interface'. (Virtual machine ID {1})" -f $vm.Name, $vm.Id.ToUpperInvariant()))
            }
            if (-not (Test-HvServiceResponding $vm 'Guest Service Interface')) {
                Stop-HvOperationFailed (Join-HvMessage $failed ("The guest of '{0}' does not answer the Guest Service Interface integration service (guest services). (Virtual machine ID {1})" -f $vm.Name, $vm.Id.ToUpperInvariant()))
            }
            $guest = Get-HvGuestRecord $vm
            if ($null -eq $guest.Files) { $guest.Files = New-HvTable }
            $target = $DestinationPath.Replace('/', '\')
            if ($guest.Files.ContainsKey($target) -and -not $Force) {
                Stop-HvOperationFailed (Join-HvMessage $failed ("The file '{0}' already exists in the guest; use -Force to overwrite it." -f $DestinationPath))
            }
            $guest.Files[$target] = [long](New-Object IO.FileInfo -ArgumentList $source).Length
            $vm.Guest = $guest
        }
    }
}
