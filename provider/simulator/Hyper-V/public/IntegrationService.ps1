# Get/Enable/Disable-VMIntegrationService.

$script:HvNoIntegrationComponentMessage = 'No integration component with the given name could be found.'

# (VM, service) pairs: per VM, the services matching any name; a VM with no match is an error.
function Resolve-HvServiceTarget($State, [hashtable]$Bound, $Result, [string[]]$Names) {
    $pairs = [System.Collections.ArrayList]::new()
    if ($Bound.ContainsKey('VMIntegrationService')) {
        foreach ($component in $Bound['VMIntegrationService']) {
            $vm = Get-HvVMById $State $component.VMId
            $service = $script:HvIntegrationServices | Where-Object { $_.Name -eq $component.Name } | Select-Object -First 1
            if ($null -eq $vm -or $null -eq $service) {
                Add-HvError $Result (New-HvErrorRecord -ErrorId 'InvalidParameter' -Category InvalidArgument -Message $script:HvNoIntegrationComponentMessage)
                continue
            }
            [void]$pairs.Add(@{ VM = $vm; Service = $service })
        }
        return , $pairs
    }
    foreach ($vm in (Resolve-HvVMTarget $State $Bound $Result)) {
        $any = $false
        foreach ($service in $script:HvIntegrationServices) {
            $hit = ($null -eq $Names -or $Names.Count -eq 0)
            foreach ($name in $Names) { if (Test-HvNameMatch $name $service.Name) { $hit = $true } }
            if ($hit) { $any = $true; [void]$pairs.Add(@{ VM = $vm; Service = $service }) }
        }
        if (-not $any) {
            Add-HvError $Result (New-HvErrorRecord -ErrorId 'InvalidParameter' -Category InvalidArgument -Message $script:HvNoIntegrationComponentMessage)
        }
    }
    return , $pairs
}

function Get-VMIntegrationService {
    [CmdletBinding(DefaultParameterSetName = 'VMName')]
    [OutputType('Microsoft.HyperV.PowerShell.VMIntegrationComponent')]
    param(
        [Parameter(ParameterSetName = 'VMName', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [string[]]$VMName,

        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VirtualMachine[]]$VM,

        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty()]
        [string[]]$Name
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process {
        Invoke-HvCmdlet $PSCmdlet $call $PSBoundParameters {
            param($tx, $result, $bound)
            foreach ($pair in (Resolve-HvServiceTarget $tx.State $bound $result $Name)) {
                Add-HvOutput $result (ConvertTo-HvIntegrationComponent $pair.VM $pair.Service)
            }
        }
    }
}

function Set-HvIntegrationServiceEnabled($Cmdlet, $Call, $Bound, [bool]$Enabled) {
    Invoke-HvCmdlet $Cmdlet $Call $Bound -HvWrite {
        param($tx, $result, $bound)
        $names = $null
        if ($bound.ContainsKey('Name')) { $names = [string[]]$bound['Name'] }
        foreach ($pair in (Resolve-HvServiceTarget $tx.State $bound $result $names)) {
            if (-not $Cmdlet.ShouldProcess($pair.Service.Name, $Call.Name)) { continue }
            $pair.VM.IntegrationServices[$pair.Service.Name] = $Enabled
            if ($bound['Passthru']) { Add-HvOutput $result (ConvertTo-HvIntegrationComponent $pair.VM $pair.Service) }
        }
    }
}

function Enable-VMIntegrationService {
    [CmdletBinding(DefaultParameterSetName = 'VMName', SupportsShouldProcess = $true)]
    [OutputType('Microsoft.HyperV.PowerShell.VMIntegrationComponent')]
    param(
        [Parameter(ParameterSetName = 'VMName', Mandatory = $true, Position = 0)]
        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0)]
        [ValidateNotNullOrEmpty()]
        [string[]]$Name,

        [Parameter(ParameterSetName = 'VMName', Mandatory = $true, Position = 1, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [string[]]$VMName,

        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 1, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VirtualMachine[]]$VM,

        [Parameter(ParameterSetName = 'Object', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VMIntegrationComponent[]]$VMIntegrationService,

        [switch]$Passthru
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process { Set-HvIntegrationServiceEnabled $PSCmdlet $call $PSBoundParameters $true }
}

function Disable-VMIntegrationService {
    [CmdletBinding(DefaultParameterSetName = 'VMName', SupportsShouldProcess = $true)]
    [OutputType('Microsoft.HyperV.PowerShell.VMIntegrationComponent')]
    param(
        [Parameter(ParameterSetName = 'VMName', Mandatory = $true, Position = 0)]
        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0)]
        [ValidateNotNullOrEmpty()]
        [string[]]$Name,

        [Parameter(ParameterSetName = 'VMName', Mandatory = $true, Position = 1, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [string[]]$VMName,

        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 1, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VirtualMachine[]]$VM,

        [Parameter(ParameterSetName = 'Object', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [Microsoft.HyperV.PowerShell.VMIntegrationComponent[]]$VMIntegrationService,

        [switch]$Passthru
    )
    begin { $call = Enter-HvCall $PSCmdlet }
    process { Set-HvIntegrationServiceEnabled $PSCmdlet $call $PSBoundParameters $false }
}
