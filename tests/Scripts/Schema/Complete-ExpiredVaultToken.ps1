# Tab inside a query, in a pwsh of its own (-NonInteractive, so a prompt would fail and a host write would show in its
# output), for a connection whose secret came from a vault (the SecretManagement test double) once its access token has
# expired. LEANLY_IT_SCENARIO Refresh: the refresh token still works. Refused: the server refuses the refresh token and
# the secret was rotated in the vault and on the server, so only a new read of the vault could sign in again.
# Prints one JSON line; anything else on stdout or stderr was written by someone else.
Import-Module $env:LEANLY_TEST_MODULE
Import-Module (Join-Path $PSScriptRoot '../../TestHelpers.psm1')
$server = [pscustomobject]@{ BaseUri = $env:LEANLY_IT_BASE_URI }
$client = Get-TestClient

function Complete([string] $Line) {
    @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches | ForEach-Object CompletionText)
}

function Get-Grants {
    $tokens = (Get-LeanlyTestServerStats $server).tokenRequests
    @{ ClientCredentials = $tokens.client_credentials; RefreshToken = $tokens.refresh_token }
}

Register-SecretVault -Name LeanlyStore -ModuleName Microsoft.PowerShell.SecretStore -DefaultVault
Set-Secret -Name Leanly -Secret $client.Credential -Vault LeanlyStore
# A one-second token to connect with; the renewed ones live long, so nothing else expires during the scenario.
Set-LeanlyTestServer $server @{ accessTokenLifetime = 1 }
Connect-Leanly -SecretName Leanly -Vault LeanlyStore -TokenUri $env:LEANLY_IT_TOKEN_URI -ApiUri $env:LEANLY_IT_API_URI -ErrorAction Stop
Set-LeanlyTestServer $server @{ accessTokenLifetime = 3600 }
if ($env:LEANLY_IT_SCENARIO -eq 'Refused') {
    $rotated = 'rotated-secret-tab-!&=+ü-4'
    Set-Secret -Name Leanly -Secret ([pscredential]::new($client.ClientId, (ConvertTo-SecureString $rotated -AsPlainText -Force))) -Vault LeanlyStore
    Set-LeanlyTestServer $server @{ clients = @(@{ clientId = $client.ClientId; clientSecret = $rotated; scopes = @('read', 'write') }) }
    Invoke-ServerControl -Server $server -Path revoke -Method Post -Body @{ refresh = $true } | Out-Null
}
for ($wait = 0; (Get-LeanlyConnection).ExpiresOn -gt [DateTimeOffset]::UtcNow -and $wait -lt 50; $wait++) { Start-Sleep -Milliseconds 100 }
$expired = (Get-LeanlyConnection).ExpiresOn -le [DateTimeOffset]::UtcNow

$Error.Clear()
$line = "Invoke-LeanlyQuery '{ iss"
$tab = Complete $line
$outcome = [ordered]@{
    Expired        = $expired
    Tab            = $tab
    ErrorsAfterTab = @($Error | ForEach-Object { "$_" })
    GrantsAfterTab = Get-Grants
}
$outcome.Viewer = (Invoke-LeanlyQuery '{ viewer { clientId } }' -ErrorAction Continue).viewer.clientId
$outcome.GrantsAfterQuery = Get-Grants
$outcome.TabAfterQuery = Complete $line
$outcome.Errors = @($Error | ForEach-Object { "$_" })
$outcome | ConvertTo-Json -Compress -Depth 5
