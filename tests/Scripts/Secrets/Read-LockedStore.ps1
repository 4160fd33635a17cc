# Second process of the locked-store scenario: the store is locked again. Get-Secret fails, Connect-Leanly says the
# vault is locked and how to unlock it; after Unlock-SecretVault it connects.
. (Join-Path $PSScriptRoot 'Initialize-Vault.ps1') -Existing

$outcome = @{
    GetSecretWithVault    = Invoke-GetSecret @{ Name = 'Leanly'; Vault = 'LeanlyStore' }
    GetSecretWithoutVault = Invoke-GetSecret @{ Name = 'Leanly' }
    ConnectWithVault      = Invoke-Connect @{ SecretName = 'Leanly'; Vault = 'LeanlyStore' }
    ConnectWithoutVault   = Invoke-Connect @{ SecretName = 'Leanly' }
}
Unlock-SecretVault -Name LeanlyStore -Password $password
$outcome.ConnectUnlocked = Invoke-Connect @{ SecretName = 'Leanly'; Vault = 'LeanlyStore' }
Write-Outcome $outcome
