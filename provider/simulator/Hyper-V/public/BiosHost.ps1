# Get-VMBios, Set-VMBios (Generation 1 only), Get-VMHost.

function Assert-HvBiosGeneration($VM) {
    if ($VM.Generation -eq 2) {
        Stop-HvInvalidParameter ('The Generation 2 virtual machine or snapshot "{0}" does not support the VMBios cmdlets. Use Get-VMFirmware and Set-VMFirmware instead.' -f $VM.Name)
    }
}

function Get-VMBios {
    [CmdletBinding(DefaultParameterSetName = 'VMName')]
    [OutputType('Microsoft.HyperV.PowerShell.VMBios')]
    param(
        [Parameter(ParameterSetName = 'VMName', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [string[]]$VMName,

        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VirtualMachine[]]$VM
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters {
            param($tx, $result, $bound)
            foreach ($vm in (Resolve-HvVMTarget $tx.State $bound $result)) {
                Invoke-HvTarget $result {
                    Assert-HvBiosGeneration $vm
                    Add-HvOutput $result (ConvertTo-HvBios $vm)
                }
            }
        }
    }
}

function Set-VMBios {
    [CmdletBinding(DefaultParameterSetName = 'VMName', SupportsShouldProcess = $true)]
    [OutputType('Microsoft.HyperV.PowerShell.VMBios')]
    param(
        [Parameter(ParameterSetName = 'VMName', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [string[]]$VMName,

        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VirtualMachine[]]$VM,

        [Parameter(ParameterSetName = 'VMBios', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VMBios[]]$VMBios,

        [switch]$DisableNumLock,
        [switch]$EnableNumLock,
        [Microsoft.HyperV.PowerShell.BootDevice[]]$StartupOrder,
        [switch]$Passthru
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters -HvWrite {
            param($tx, $result, $bound)
            if ($DisableNumLock -and $EnableNumLock) { Stop-HvMutuallyExclusive 'DisableNumLock' 'EnableNumLock' }
            $order = $null
            if ($bound.ContainsKey('StartupOrder')) {
                $order = @($StartupOrder | ForEach-Object { [string]$_ })
                $expected = @('CD', 'Floppy', 'IDE', 'LegacyNetworkAdapter')
                $sorted = @($order | Sort-Object)
                if ($sorted.Count -ne 4 -or (Compare-Object $sorted $expected -SyncWindow 0)) {
                    Stop-HvInvalidParameter 'The startup order must list each of CD, IDE, LegacyNetworkAdapter and Floppy exactly once.'
                }
            }
            if ($bound.ContainsKey('VMBios')) { $vms = Find-HvVMByObject $tx.State $VMBios $result }
            else { $vms = Resolve-HvVMTarget $tx.State $bound $result }
            foreach ($vm in $vms) {
                Invoke-HvTarget $result {
                    Assert-HvBiosGeneration $vm
                    if (-not $PSCmdlet.ShouldProcess($vm.Name, 'Set-VMBios')) { continue }
                    if ($EnableNumLock) { $vm.Bios.NumLockEnabled = $true }
                    if ($DisableNumLock) { $vm.Bios.NumLockEnabled = $false }
                    if ($null -ne $order) { $vm.Bios.StartupOrder = New-Object System.Collections.ArrayList -ArgumentList (, [object[]]$order) }
                    if ($Passthru) { Add-HvOutput $result (ConvertTo-HvBios $vm) }
                }
            }
        }
    }
}

function Get-VMHost {
    [CmdletBinding()]
    [OutputType('Microsoft.HyperV.PowerShell.VMHost')]
    param(
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty()]
        [string[]]$ComputerName
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters {
            param($tx, $result, $bound)
            $vmHost = ConvertTo-HvVMHost $tx.State
            Add-HvOutput $result $vmHost
        }
    }
}
