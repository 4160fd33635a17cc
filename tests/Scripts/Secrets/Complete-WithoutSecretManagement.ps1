# Completion of -Vault and -SecretName in a pwsh without SecretManagement: nothing offered, nothing in $Error.
$env:PSModulePath = ($env:PSModulePath -split [IO.Path]::PathSeparator | Where-Object { $_ -and -not (Test-Path (Join-Path $_ 'Microsoft.PowerShell.SecretManagement')) }) -join [IO.Path]::PathSeparator
Import-Module $env:LEANLY_TEST_MODULE
# A folder with files: completion must not fall back to file names either.
Set-Location $PSHOME
$Error.Clear()
$found = foreach ($line in 'Connect-Leanly -Vault ', 'Connect-Leanly -SecretName ', 'Connect-Leanly -Vault LeanlyStore -SecretName ') {
    (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object CompletionText
}
@{ Matches = @($found); Errors = @($Error | ForEach-Object { "$_" }) } | ConvertTo-Json -Compress
