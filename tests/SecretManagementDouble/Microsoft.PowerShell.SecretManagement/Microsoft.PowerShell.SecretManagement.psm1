# TEST DOUBLE of Microsoft.PowerShell.SecretManagement 1.1.2 for the LeanlyPS tests - NOT the real module.
# It carries the real module's name so that production code's module-qualified call
# (Microsoft.PowerShell.SecretManagement\Get-Secret) reaches it without any test hook; tests/Invoke-PesterRun.ps1 puts
# tests/SecretManagementDouble on PSModulePath inside the test process only.
#
# The cmdlets are C# (SecretManagementDouble.cs) so that their class names, and therefore the FullyQualifiedErrorIds,
# are the real ones. The source is compiled once (per version of it) and loaded once per process: LeanlyPS re-reads
# secrets from a fresh runspace in the same process, which imports this module again and must reuse the assembly loaded.

$key = 'LeanlyPS.SecretManagementDouble.Assembly'
$assembly = [AppDomain]::CurrentDomain.GetData($key)
if (-not $assembly) {
    # Runspaces may import this module at the same time: compile under a process-wide lock (an interned string).
    $gate = [string]::Intern($key)
    [Threading.Monitor]::Enter($gate)
    try {
        $assembly = [AppDomain]::CurrentDomain.GetData($key)
        if (-not $assembly) {
            # Compiled once per version of the source and kept in the temp folder: the vault scenarios start many processes.
            $source = Join-Path $PSScriptRoot 'SecretManagementDouble.cs'
            $hash = (Get-FileHash -LiteralPath $source -Algorithm SHA256).Hash.Substring(0, 16)
            $compiled = Join-Path ([IO.Path]::GetTempPath()) "leanly-secretmanagement-double-$hash.dll"
            if (-not (Test-Path -LiteralPath $compiled)) {
                $fresh = Join-Path ([IO.Path]::GetTempPath()) "leanly-secretmanagement-double-$hash-$([guid]::NewGuid().ToString('N')).dll"
                Add-Type -Path $source -OutputAssembly $fresh
                Move-Item -LiteralPath $fresh -Destination $compiled -Force
            }
            $assembly = [Reflection.Assembly]::LoadFrom($compiled)
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
