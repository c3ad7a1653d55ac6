BeforeAll {
    . (Join-Path $PSScriptRoot 'SimulatorTestHelpers.ps1')
    $manifest = Import-PowerShellDataFile $script:SimManifest
    # Command names the README's cmdlet table lists; "Get/Set-VMFirmware" stands for both verbs.
    $readme = Get-Content -Raw (Join-Path $script:SimModuleRoot 'README.md')
    $table = ($readme -split '## Cmdlets')[1] -split '\n\n' | Where-Object { $_ -match '^\|' } | Select-Object -First 1
    $listed = foreach ($match in [regex]::Matches($table, '`([A-Za-z/]+)-([A-Za-z]+)`')) {
        foreach ($verb in $match.Groups[1].Value.Split('/')) { $verb + '-' + $match.Groups[2].Value }
    }
}

Describe 'Hyper-V module manifest' {
    It 'exports exactly the public cmdlets the module defines' {
        $public = Get-ChildItem (Join-Path $script:SimModuleRoot 'Hyper-V/public') -Filter '*.ps1' | ForEach-Object {
            [regex]::Matches((Get-Content -Raw $_.FullName), '(?m)^function ([A-Za-z]+-[A-Za-z]+)') | ForEach-Object { $_.Groups[1].Value } | Where-Object { $_ -notlike '*-Hv*' }
        }
        @($manifest.FunctionsToExport | Sort-Object) | Should -Be @($public | Sort-Object)
    }

    It 'exports the checkpoint aliases' {
        foreach ($alias in $manifest.AliasesToExport) { (Get-Command $alias).CommandType | Should -Be 'Alias' }
        (Get-Command Get-VMCheckpoint).ResolvedCommand.Name | Should -Be 'Get-VMSnapshot'
    }

    It 'lists every exported Hyper-V cmdlet and alias in the README table' {
        $hyperV = @($manifest.FunctionsToExport + $manifest.AliasesToExport | Where-Object { $_ -notlike '*-VMSim*' })
        @($hyperV | Where-Object { $listed -notcontains $_ }) | Should -BeNullOrEmpty
        @($listed | Where-Object { $hyperV -notcontains $_ }) | Should -BeNullOrEmpty
    }
}
