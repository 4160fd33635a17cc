# Connects from the vault, then rotates the secret in the vault and on the server and makes the server refuse the held
# tokens: the next query must sign in again with the secret read again from the vault.
. (Join-Path $PSScriptRoot 'Initialize-Vault.ps1')
Import-Module (Join-Path $PSScriptRoot '../../TestHelpers.psm1')

Set-Secret -Name Leanly -Secret $client -Vault LeanlyStore
$first = Invoke-Connect @{ SecretName = 'Leanly'; Vault = 'LeanlyStore' }

$rotated = ConvertTo-SecureString $env:LEANLY_IT_ROTATED_SECRET -AsPlainText -Force
Set-Secret -Name Leanly -Secret ([pscredential]::new($client.UserName, $rotated)) -Vault LeanlyStore
$server = [pscustomobject]@{ BaseUri = $env:LEANLY_IT_BASE_URI }
Set-LeanlyTestServer $server @{ clients = @(@{ clientId = $client.UserName; clientSecret = $env:LEANLY_IT_ROTATED_SECRET; scopes = @('read', 'write') }) }
Invoke-ServerControl -Server $server -Path revoke -Method Post -Body @{ refresh = $true; access = $true } | Out-Null
Invoke-ServerControl -Server $server -Path expire-refresh -Method Post | Out-Null

Write-Outcome @{
    First            = $first
    Viewer           = (Invoke-LeanlyQuery '{ viewer { clientId } }').viewer.clientId
    CredentialSource = (Get-LeanlyConnection).CredentialSource
}
