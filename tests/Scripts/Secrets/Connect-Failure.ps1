# A secret that is not there (LEANLY_SCENARIO = MissingSecret) or a vault that is not (UnknownVault): what Get-Secret
# itself says, and what Connect-Leanly makes of it.
. (Join-Path $PSScriptRoot 'Initialize-Vault.ps1')

Set-Secret -Name Leanly -Secret $client -Vault LeanlyStore
$secretName, $vault = switch ($env:LEANLY_SCENARIO) {
    'MissingSecret' { 'Absent', 'LeanlyStore' }
    'UnknownVault' { 'Leanly', 'NoSuchVault' }
    default { throw "Unknown scenario '$env:LEANLY_SCENARIO'." }
}
Write-Outcome @{
    GetSecret = Invoke-GetSecret @{ Name = $secretName; Vault = $vault }
    Connect   = Invoke-Connect @{ SecretName = $secretName; Vault = $vault }
}
