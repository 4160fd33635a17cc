# TEST DOUBLE - NOT the real Microsoft.PowerShell.SecretManagement. Used only by the LeanlyPS tests.
@{
    RootModule           = 'Microsoft.PowerShell.SecretManagement.psm1'
    ModuleVersion        = '1.1.2'
    GUID                 = '6f5a3d2e-2b1c-4d9e-9a8b-7c6d5e4f3a21'
    Author               = 'LeanlyPS tests'
    CompanyName          = 'LeanlyPS'
    Copyright            = 'LeanlyPS tests; not Microsoft code.'
    Description          = 'TEST DOUBLE for the LeanlyPS tests, NOT the real Microsoft.PowerShell.SecretManagement module. It imitates SecretManagement 1.1.2 with a SecretStore 1.0.6 vault (Get-Secret, Get-SecretInfo, Get-SecretVault, Set-Secret, Remove-Secret, Register-/Unregister-/Unlock-/Test-SecretVault) and keeps secrets IN PLAIN TEXT in a JSON file ($env:LEANLY_SECRETDOUBLE_STORE, else $HOME/.secretmanagement-double/store.json). Never install or use it outside the LeanlyPS test suite.'
    CompatiblePSEditions = @('Core')
    PowerShellVersion    = '7.2'
    FunctionsToExport    = @()
    CmdletsToExport      = @('Get-Secret', 'Get-SecretInfo', 'Set-Secret', 'Remove-Secret', 'Get-SecretVault', 'Register-SecretVault',
        'Unregister-SecretVault', 'Test-SecretVault', 'Unlock-SecretVault')
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        LeanlyTestDouble = $true
        PSData           = @{ Tags = @('LeanlyPS', 'TestDouble') }
    }
}
