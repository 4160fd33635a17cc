# TEST DOUBLE of Microsoft.PowerShell.SecretManagement 1.1.2 for the LeanlyPS tests - NOT the real module.
# It carries the real module's name so that production code's module-qualified call
# (Microsoft.PowerShell.SecretManagement\Get-Secret) reaches it without any test hook; tests/Invoke-PesterRun.ps1 puts
# tests/SecretManagementDouble on PSModulePath inside the test process only.
#
# The cmdlets are C# (SecretManagementDouble.cs) so that their class names, and therefore the FullyQualifiedErrorIds,
# are the real ones. The source is compiled once per process: LeanlyPS re-reads secrets from a fresh runspace in the
# same process, which imports this module again and must reuse the assembly already loaded.

$key = 'LeanlyPS.SecretManagementDouble.Assembly'
$assembly = [AppDomain]::CurrentDomain.GetData($key)
if (-not $assembly) {
    # Runspaces may import this module at the same time: compile under a process-wide lock (an interned string).
    $gate = [string]::Intern($key)
    [Threading.Monitor]::Enter($gate)
    try {
        $assembly = [AppDomain]::CurrentDomain.GetData($key)
        if (-not $assembly) {
            $type = Add-Type -Path (Join-Path $PSScriptRoot 'SecretManagementDouble.cs') -PassThru |
                Where-Object FullName -EQ 'Microsoft.PowerShell.SecretManagement.GetSecretCommand'
            $assembly = $type.Assembly
            [AppDomain]::CurrentDomain.SetData($key, $assembly)
        }
    }
    finally {
        [Threading.Monitor]::Exit($gate)
    }
}

Import-Module -Assembly $assembly
Export-ModuleMember -Cmdlet Get-Secret, Get-SecretInfo, Set-Secret, Remove-Secret, Get-SecretVault, Register-SecretVault,
    Unregister-SecretVault, Test-SecretVault, Unlock-SecretVault
