# Dot-sourced by every vault scenario, which runs in a child pwsh with a HOME of its own. Loads the SecretManagement the
# test asked for (LEANLY_VAULT_BACKEND: Double or Real) and, unless -Existing, makes a SecretStore vault LeanlyStore
# (the default): without a password, or locked by LEANLY_VAULT_PASSWORD (unlocked in this process). Then imports
# Leanly and defines what the scenarios share.
param([switch] $Existing)

$ErrorActionPreference = 'Stop'
Import-Module Microsoft.PowerShell.SecretManagement
$secretManagement = Get-Module Microsoft.PowerShell.SecretManagement
$isDouble = $secretManagement.Description -match 'TEST DOUBLE'
if ($isDouble -ne ($env:LEANLY_VAULT_BACKEND -eq 'Double')) {
    throw "The scenario asked for the $env:LEANLY_VAULT_BACKEND SecretManagement but loaded $($secretManagement.ModuleBase)."
}
$password = if ($env:LEANLY_VAULT_PASSWORD) { ConvertTo-SecureString $env:LEANLY_VAULT_PASSWORD -AsPlainText -Force }

if (-not $Existing) {
    if ($isDouble) {
        # The double stages a password-protected store with VaultParameters; like the real one it is locked in every new process.
        $vaultParameters = if ($password) { @{ Locked = $true; Password = $env:LEANLY_VAULT_PASSWORD } } else { @{} }
        Register-SecretVault -Name LeanlyStore -ModuleName Microsoft.PowerShell.SecretStore -DefaultVault -VaultParameters $vaultParameters
        if ($password) { Unlock-SecretVault -Name LeanlyStore -Password $password }
    }
    else {
        Import-Module Microsoft.PowerShell.SecretStore
        # Set-SecretStoreConfiguration on a new store asks for its password; Reset-SecretStore does not.
        $reset = @{ Scope = 'CurrentUser'; Interaction = 'None'; Force = $true; Confirm = $false; WarningAction = 'SilentlyContinue' }
        if ($password) { Reset-SecretStore @reset -Authentication Password -Password $password }
        else { Reset-SecretStore @reset -Authentication None }
        Register-SecretVault -Name LeanlyStore -ModuleName Microsoft.PowerShell.SecretStore -DefaultVault
    }
}

Import-Module $env:LEANLY_TEST_MODULE
$client = [pscredential]::new($env:LEANLY_IT_ID, (ConvertTo-SecureString $env:LEANLY_IT_SECRET -AsPlainText -Force))
$endpoints = @{ TokenUri = $env:LEANLY_IT_TOKEN_URI; ApiUri = $env:LEANLY_IT_API_URI }

function Get-ErrorOutcome($ErrorRecord) {
    @{
        Id       = $ErrorRecord.FullyQualifiedErrorId
        Category = "$($ErrorRecord.CategoryInfo.Category)"
        Type     = $ErrorRecord.Exception.GetType().FullName
        Message  = $ErrorRecord.Exception.Message
        Action   = [string]$ErrorRecord.ErrorDetails.RecommendedAction
    }
}

# Connect-Leanly's outcome: the connection, or the error it gave.
function Invoke-Connect([hashtable] $Parameters) {
    try {
        Connect-Leanly @Parameters @endpoints -ErrorAction Stop
        $connection = Get-LeanlyConnection
        @{ Connected = $true; CredentialSource = $connection.CredentialSource; ClientId = $connection.ClientId; Viewer = (Invoke-LeanlyQuery '{ viewer { clientId } }').viewer.clientId }
    }
    catch { Get-ErrorOutcome $_ }
}

# Get-Secret's own outcome: the type it returned, or its first error and whether that error was terminating.
function Invoke-GetSecret([hashtable] $Parameters) {
    try {
        $secret = Get-Secret @Parameters -ErrorAction SilentlyContinue -ErrorVariable failures
        if (-not $failures) { return @{ Returned = $secret.GetType().Name } }
        $outcome = Get-ErrorOutcome $failures[0]
        $outcome.Terminating = $false
    }
    catch {
        $outcome = Get-ErrorOutcome $_
        $outcome.Terminating = $true
    }
    $outcome
}

# The one JSON line the test reads (Read-ChildJson), naming the module that answered.
function Write-Outcome([hashtable] $Outcome) {
    $Outcome.SecretManagement = "$(if ($isDouble) { 'Double' } else { 'Real' }) $($secretManagement.Version)"
    $Outcome | ConvertTo-Json -Compress -Depth 5
}
