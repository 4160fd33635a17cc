# Stores the test client as LEANLY_SCENARIO (PSCredential, Hashtable, String or SecureString) and connects with it.
. (Join-Path $PSScriptRoot 'Initialize-Vault.ps1')

$secret = switch ($env:LEANLY_SCENARIO) {
    'PSCredential' { $client }
    'Hashtable' { @{ ClientId = $client.UserName; ClientSecret = $client.Password } }
    'String' { $client.GetNetworkCredential().Password }
    'SecureString' { $client.Password }
    default { throw "Unknown scenario '$env:LEANLY_SCENARIO'." }
}
Set-Secret -Name Leanly -Secret $secret -Vault LeanlyStore
$parameters = @{ SecretName = 'Leanly' }
# Without -Vault the default vault is searched; with it, only that one.
if ($env:LEANLY_SCENARIO -ne 'PSCredential') { $parameters.Vault = 'LeanlyStore' }
if ($env:LEANLY_SCENARIO -in 'String', 'SecureString') { $parameters.ClientId = $client.UserName }

$outcome = Invoke-Connect $parameters
$outcome.StoredAs = "$((Get-SecretInfo -Name Leanly -Vault LeanlyStore).Type)"
$outcome.GetSecret = Invoke-GetSecret @{ Name = 'Leanly'; Vault = 'LeanlyStore' }
Write-Outcome $outcome
