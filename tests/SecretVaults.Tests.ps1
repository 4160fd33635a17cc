# The vault scenarios: one set, run with the same assertions against the test double (-Backend Double) and against the
# real Microsoft.PowerShell.SecretManagement + SecretStore (-Backend Real); tests/Invoke-PesterRun.ps1 runs the two as
# containers side by side. Each scenario is a script in tests/Scripts/Secrets, run in a child pwsh with a HOME of its own.
param([ValidateSet('Double', 'Real')] [string] $Backend = 'Double')

BeforeDiscovery {
    if ($Backend -eq 'Double') { return }
    # The real SecretManagement + SecretStore: the folder tests/Invoke-PesterRun.ps1 names (the project's shared modules),
    # else whatever is installed, ignoring the test double (which has the real module's name).
    $path = $env:PSModulePath
    if ($env:LEANLY_SECRETMANAGEMENT_MODULES) { $env:PSModulePath = $env:LEANLY_SECRETMANAGEMENT_MODULES + [IO.Path]::PathSeparator + $path }
    try {
        $realSecretManagement = Get-Module -ListAvailable Microsoft.PowerShell.SecretManagement |
            Where-Object { $_.Description -notmatch 'TEST DOUBLE' -and $_.ModuleBase -notmatch 'SecretManagementDouble' } |
            Select-Object -First 1
        $realSecretStore = Get-Module -ListAvailable Microsoft.PowerShell.SecretStore | Select-Object -First 1
    }
    finally { $env:PSModulePath = $path }
    $script:realModulesMissing = -not ($realSecretManagement -and $realSecretStore)
    $script:realModulesNote = if ($realModulesMissing) {
        ' - SKIPPED: the real Microsoft.PowerShell.SecretManagement and Microsoft.PowerShell.SecretStore were found neither in the shared modules folder beside the repository (../shared/modules) nor on PSModulePath (Install-PSResource Microsoft.PowerShell.SecretManagement, Microsoft.PowerShell.SecretStore to run them)'
    }
    else {
        " (real: SecretManagement $($realSecretManagement.Version), SecretStore $($realSecretStore.Version))"
    }
}

BeforeAll {
    Import-Module $env:LEANLY_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:server = Start-LeanlyTestServer
    $script:client = Get-TestClient
    $script:doubleRoot = Join-Path $PSScriptRoot 'SecretManagementDouble'
    $script:realModulesPath = $env:LEANLY_SECRETMANAGEMENT_MODULES
    $script:ConnectId = ',Leanly.Commands.ConnectLeanlyCommand'

    # PSModulePath for a child pwsh without the test double.
    function script:Get-PathWithoutDouble {
        ($env:PSModulePath -split [IO.Path]::PathSeparator | Where-Object { $_ -and $_.TrimEnd('/', '\') -ne $doubleRoot.TrimEnd('/', '\') }) -join [IO.Path]::PathSeparator
    }
}

AfterAll {
    Stop-LeanlyTestServer $server
}

Describe 'Vault scenarios against the <Backend> SecretManagement<Note>' -ForEach @(
    if ($Backend -eq 'Double') { @{ Backend = 'Double'; Missing = $false; Note = ' (the test double)' } }
    else { @{ Backend = 'Real'; Missing = $realModulesMissing; Note = $realModulesNote } }
) {
    BeforeAll {
        $script:scenarios = Join-Path $PSScriptRoot 'Scripts/Secrets'
        $script:modulePath = if ($Backend -eq 'Double') { $env:PSModulePath }
        else { (@($realModulesPath | Where-Object { $_ }) + (Get-PathWithoutDouble)) -join [IO.Path]::PathSeparator }

        # Runs scenario scripts one after the other in child pwsh processes sharing one new HOME; the last JSON outcome.
        function script:Invoke-VaultScenario([string[]] $Script, [string] $Scenario, [hashtable] $Extra = @{}) {
            $storeHome = Join-Path ([IO.Path]::GetTempPath()) "leanly-vault-$([guid]::NewGuid().ToString('N'))"
            New-Item -ItemType Directory -Path $storeHome | Out-Null
            try {
                $environment = @{
                    HOME                      = $storeHome
                    PSModulePath              = $modulePath
                    LEANLY_SECRETDOUBLE_STORE = $null
                    LEANLY_VAULT_BACKEND      = $Backend
                    LEANLY_SCENARIO           = $Scenario
                    LEANLY_IT_ID              = $client.ClientId
                    LEANLY_IT_SECRET          = $client.ClientSecret
                    LEANLY_IT_TOKEN_URI       = $server.TokenUri
                    LEANLY_IT_API_URI         = $server.ApiUri
                    LEANLY_IT_BASE_URI        = $server.BaseUri
                } + $Extra
                foreach ($file in $Script) {
                    $result = Invoke-ChildPwsh -Script "& '$(Join-Path $scenarios $file)'" -Environment $environment -TimeoutSec 180
                    $result.ExitCode | Should -Be 0 -Because "$file failed: $($result.Output) $($result.Error)"
                    $outcome = Read-ChildJson $result
                    $outcome.SecretManagement | Should -BeLike "$Backend *"
                }
                $outcome
            }
            finally {
                Remove-Item $storeHome -Recurse -Force -ErrorAction SilentlyContinue
            }
        }
    }

    BeforeEach {
        Reset-LeanlyTestServer $server
    }

    It "connects with a <Kind> from the vault" -Skip:$Missing -ForEach @(
        @{ Kind = 'PSCredential'; Returned = 'PSCredential' }
        @{ Kind = 'Hashtable'; Returned = 'Hashtable' }
        @{ Kind = 'String'; Returned = 'SecureString' }
        @{ Kind = 'SecureString'; Returned = 'SecureString' }
    ) {
        $outcome = Invoke-VaultScenario 'Connect-WithSecret.ps1' $Kind
        $outcome.StoredAs | Should -Be $Kind
        $outcome.GetSecret.Returned | Should -Be $Returned
        $outcome.Connected | Should -BeTrue -Because ($outcome | ConvertTo-Json)
        $outcome.CredentialSource | Should -Be 'SecretManagement'
        $outcome.ClientId | Should -Be $client.ClientId
        $outcome.Viewer | Should -Be $client.ClientId
        (Get-LeanlyTestServerStats $server).tokenRequests.client_credentials | Should -Be 1
    }

    It "picks up a secret rotated in the vault and on the server when it signs in again" -Skip:$Missing {
        $outcome = Invoke-VaultScenario 'Connect-Rotated.ps1' -Extra @{ LEANLY_IT_ROTATED_SECRET = 'rotated-secret-!&=+ü-9' }
        $outcome.First.Connected | Should -BeTrue -Because ($outcome | ConvertTo-Json)
        $outcome.Viewer | Should -Be $client.ClientId
        $outcome.CredentialSource | Should -Be 'SecretManagement'
        # The first sign-in and exactly one more, with the secret read again from the vault.
        (Get-LeanlyTestServerStats $server).tokenRequests.client_credentials | Should -Be 2
    }

    It "fails with LeanlySecretNotFound for a missing secret" -Skip:$Missing {
        $outcome = Invoke-VaultScenario 'Connect-Failure.ps1' 'MissingSecret'
        $outcome.GetSecret.Id | Should -Be 'GetSecretNotFound,Microsoft.PowerShell.SecretManagement.GetSecretCommand'
        $outcome.GetSecret.Type | Should -Be 'System.Management.Automation.ItemNotFoundException'
        $outcome.GetSecret.Message | Should -BeExactly 'The secret Absent was not found.'
        $outcome.GetSecret.Terminating | Should -BeFalse
        $outcome.Connect.Id | Should -Be "LeanlySecretNotFound$ConnectId"
        $outcome.Connect.Category | Should -Be 'ObjectNotFound'
        $outcome.Connect.Action | Should -BeLike '*Get-SecretInfo -Vault LeanlyStore*'
        (Get-LeanlyTestServerStats $server).tokenRequests.total | Should -Be 0
    }

    It "fails with LeanlyVaultNotFound for an unknown -Vault" -Skip:$Missing {
        $outcome = Invoke-VaultScenario 'Connect-Failure.ps1' 'UnknownVault'
        $outcome.GetSecret.Id | Should -Be 'GetSecretVaultNotFound,Microsoft.PowerShell.SecretManagement.GetSecretCommand'
        $outcome.GetSecret.Type | Should -Be 'System.Management.Automation.PSInvalidOperationException'
        $outcome.GetSecret.Message | Should -BeExactly 'Vault not found in registry: NoSuchVault'
        $outcome.GetSecret.Terminating | Should -BeTrue
        $outcome.Connect.Id | Should -Be "LeanlyVaultNotFound$ConnectId"
        $outcome.Connect.Message | Should -BeLike "*'NoSuchVault'*"
        $outcome.Connect.Action | Should -BeLike '*Get-SecretVault*'
        (Get-LeanlyTestServerStats $server).tokenRequests.total | Should -Be 0
    }

    It "says a store locked by a password is locked and how to unlock it, in a new process" -Skip:$Missing {
        $outcome = Invoke-VaultScenario 'Lock-Store.ps1', 'Read-LockedStore.ps1' -Extra @{ LEANLY_VAULT_PASSWORD = 'Store-Pa55-Only-For-Tests' }
        $outcome.GetSecretWithVault.Id | Should -Be 'GetSecretException,Microsoft.PowerShell.SecretManagement.GetSecretCommand'
        $outcome.GetSecretWithVault.Terminating | Should -BeFalse
        $outcome.GetSecretWithVault.Category | Should -Be 'InvalidOperation'
        $outcome.GetSecretWithoutVault.Terminating | Should -BeTrue
        $outcome.GetSecretWithoutVault.Id | Should -Be 'Microsoft.PowerShell.SecretManagement.PasswordRequiredException,Microsoft.PowerShell.SecretManagement.GetSecretCommand'
        foreach ($get in $outcome.GetSecretWithVault, $outcome.GetSecretWithoutVault) {
            $get.Type | Should -Be 'Microsoft.PowerShell.SecretManagement.PasswordRequiredException'
            $get.Message | Should -BeLike 'A valid password is required to access the Microsoft.PowerShell.SecretStore vault.*'
        }
        foreach ($connect in $outcome.ConnectWithVault, $outcome.ConnectWithoutVault) {
            $connect.Id | Should -Be "LeanlyVaultLocked$ConnectId"
            $connect.Category | Should -Be 'PermissionDenied'
            $connect.Message | Should -BeLike '*locked*'
            $connect.Action | Should -BeLike '*Unlock-SecretVault*'
        }
        $outcome.ConnectWithVault.Action | Should -BeLike '*Unlock-SecretVault -Name LeanlyStore*'
        $outcome.ConnectUnlocked.Connected | Should -BeTrue -Because ($outcome | ConvertTo-Json)
        $outcome.ConnectUnlocked.Viewer | Should -Be $client.ClientId
        (Get-LeanlyTestServerStats $server).tokenRequests.client_credentials | Should -Be 1
    }

    It "completes -Vault and -SecretName with the registered vaults and their secrets" -Skip:$Missing {
        $outcome = Invoke-VaultScenario 'Complete-Vault.ps1'
        $outcome.Vaults | Should -Be @('LeanlyStore', "'Team Vault'")
        $outcome.VaultsLe | Should -Be @('LeanlyStore')
        $outcome.Secrets | Should -Be @('Leanly-Prod', 'Leanly-Test')
        # Every SecretStore vault is a name for the one store.
        $outcome.SecretsInTeam | Should -Be @('Leanly-Prod', 'Leanly-Test')
        @($outcome.Errors) | Should -HaveCount 0 -Because "completion must not record errors; got: $($outcome.Errors -join ' | ')"
    }
}
