Describe 'toolchain smoke' {
    It 'runs PowerShell 7 with Pester 5' {
        $PSVersionTable.PSVersion.Major | Should -BeGreaterOrEqual 7
        (Get-Module Pester).Version.Major | Should -Be 5
    }
}
