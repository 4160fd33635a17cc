# Tab completion of -Vault and -SecretName (TabExpansion2) over two SecretStore vaults: LeanlyStore and 'Team Vault',
# which SecretStore makes two names for one store.
. (Join-Path $PSScriptRoot 'Initialize-Vault.ps1')
Register-SecretVault -Name 'Team Vault' -ModuleName Microsoft.PowerShell.SecretStore
Set-Secret -Name Leanly-Prod -Secret $client -Vault LeanlyStore
Set-Secret -Name Leanly-Test -Secret $client -Vault 'Team Vault'

function Complete([string] $Line) {
    @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches | ForEach-Object CompletionText)
}
$Error.Clear()
Write-Outcome @{
    Vaults        = Complete 'Connect-Leanly -Vault '
    VaultsLe      = Complete 'Connect-Leanly -Vault Le'
    Secrets       = Complete 'Connect-Leanly -SecretName '
    SecretsInTeam = Complete "Connect-Leanly -Vault 'Team Vault' -SecretName Leanly-"
    Errors        = @($Error | ForEach-Object { "$_" })
}
