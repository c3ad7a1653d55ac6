# The body of the cmdlets that change each VM they are given: by name, by VM object, or by a
# component object of the VM (VMProcessor, VMMemory...). Each cmdlet supplies only its change.

# -AsJob is refused and $HvCheck (argument rules) runs once; then for each VM the confirmation,
# $HvChange ($tx, $result, $vm, $bound) and, with -Passthru, the object $HvOutput ($tx, $vm) makes
# (the VM by default; none when $HvOutput is $null). A simulated error ends only that VM.
function Invoke-HvPerVMCmdlet {
    param(
        $HvCmdlet,
        $HvCall,
        $HvBound,
        [scriptblock]$HvChange,
        [AllowNull()][scriptblock]$HvOutput = { param($tx, $vm) ConvertTo-HvVirtualMachine $tx.State $vm },
        [string]$HvNameParameter = 'Name',
        [string]$HvComponentParameter = '',
        [scriptblock]$HvCheck = {}
    )
    Invoke-HvCmdlet $HvCmdlet $HvCall $HvBound -HvWrite {
        param($tx, $result, $bound)
        Assert-HvNoAsJob $bound
        $null = & $HvCheck
        if ($HvComponentParameter -and $bound.ContainsKey($HvComponentParameter)) {
            $vms = Find-HvVMByObject $tx.State $bound[$HvComponentParameter] $result
        } else {
            $vms = Resolve-HvVMTarget $tx.State $bound $result -NameParameter $HvNameParameter
        }
        foreach ($vm in $vms) {
            Invoke-HvTarget $result {
                if (-not $HvCmdlet.ShouldProcess($vm.Name, $HvCall.Name)) { continue }
                $null = & $HvChange $tx $result $vm $bound
                if ($bound['Passthru'] -and $null -ne $HvOutput) { Add-HvOutput $result (& $HvOutput $tx $vm) }
            }
        }
    }
}
