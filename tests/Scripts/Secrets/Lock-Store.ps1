# First process of the locked-store scenario: a store locked by LEANLY_VAULT_PASSWORD, holding the test client.
. (Join-Path $PSScriptRoot 'Initialize-Vault.ps1')
Set-Secret -Name Leanly -Secret $client -Vault LeanlyStore
Write-Outcome @{ Stored = "$((Get-SecretInfo -Name Leanly -Vault LeanlyStore).Type)" }
