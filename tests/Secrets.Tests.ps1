# Credentials from SecretManagement vaults, the environment and (never) a prompt where nobody can type; tab completion
# of -Vault and -SecretName. In-process tests use the SecretManagement test double in tests/SecretManagementDouble (on
# PSModulePath through tests/Invoke-PesterRun.ps1). The vault scenarios, against both the double and the real modules,
# are in SecretVaults.Tests.ps1.

BeforeAll {
    Import-Module $env:LEANLY_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:server = Start-LeanlyTestServer
    $script:client = Get-TestClient
    $script:doubleRoot = Join-Path $PSScriptRoot 'SecretManagementDouble'

    # This file's own store for the double: never a developer's $HOME.
    $script:previousStore = $env:LEANLY_SECRETDOUBLE_STORE
    $env:LEANLY_SECRETDOUBLE_STORE = Join-Path ([IO.Path]::GetTempPath()) "leanly-secrets-$([guid]::NewGuid().ToString('N')).json"

    $script:ConnectId = ',Leanly.Commands.ConnectLeanlyCommand'
    $script:Canary = 'Canary-S3cret-Never-Shown-7f3a'

    function script:Secure([string] $Text) { ConvertTo-SecureString $Text -AsPlainText -Force }

    # An empty store with two vaults: LeanlyStore (SecretStore, the default) and Other. Every SecretStore vault is a name
    # for the one store, as for real, so Other stands for a second extension vault (the double loads no vault module).
    function script:Reset-Vaults {
        Remove-Item $env:LEANLY_SECRETDOUBLE_STORE -ErrorAction SilentlyContinue
        Register-SecretVault -Name LeanlyStore -ModuleName Microsoft.PowerShell.SecretStore -DefaultVault
        Register-SecretVault -Name Other -ModuleName Leanly.OtherVault
    }

    function script:Connect-FromVault([hashtable] $Parameters) {
        Connect-Leanly @Parameters -TokenUri $server.TokenUri -ApiUri $server.ApiUri -ErrorAction Stop
    }

    # The terminating error Connect-Leanly gives, or a failed assertion when it succeeds.
    function script:Get-ConnectError([hashtable] $Parameters) {
        try { Connect-FromVault $Parameters }
        catch { return $_ }
        throw 'Connect-Leanly succeeded where it should have failed.'
    }

    # Everything a user could see of an error, to check that no secret is in it.
    function script:Get-ErrorText($ErrorRecord) {
        $text = ($ErrorRecord | Format-List * -Force | Out-String) + $ErrorRecord.ToString() + [string]$ErrorRecord.ErrorDetails.RecommendedAction
        for ($e = $ErrorRecord.Exception; $e; $e = $e.InnerException) {
            $text += ($e | Format-List * -Force | Out-String) + $e.Message
        }
        $text
    }

    # PSModulePath for a child pwsh without the test double.
    function script:Get-PathWithoutDouble {
        ($env:PSModulePath -split [IO.Path]::PathSeparator | Where-Object { $_ -and $_.TrimEnd('/', '\') -ne $doubleRoot.TrimEnd('/', '\') }) -join [IO.Path]::PathSeparator
    }

}

AfterAll {
    Disconnect-Leanly
    Stop-LeanlyTestServer $server
    Remove-Item $env:LEANLY_SECRETDOUBLE_STORE -ErrorAction SilentlyContinue
    if ($null -eq $previousStore) { Remove-Item env:LEANLY_SECRETDOUBLE_STORE -ErrorAction SilentlyContinue } else { $env:LEANLY_SECRETDOUBLE_STORE = $previousStore }
}

Describe 'The SecretManagement test double' {
    BeforeEach { Reset-Vaults }

    It 'is the double (named like the real module, version 1.1.2, saying so) and its cmdlets carry the real class names' {
        $module = Get-Module -ListAvailable Microsoft.PowerShell.SecretManagement | Select-Object -First 1
        $module.ModuleBase | Should -BeLike "$doubleRoot*"
        $module.Version | Should -Be ([version]'1.1.2')
        $module.Description | Should -Match 'TEST DOUBLE'
        (Get-Command Microsoft.PowerShell.SecretManagement\Get-Secret).ImplementingType.FullName | Should -Be 'Microsoft.PowerShell.SecretManagement.GetSecretCommand'
        'Microsoft.PowerShell.SecretManagement.PasswordRequiredException' -as [type] | Should -Not -BeNullOrEmpty
    }

    It 'returns <Expected> (with -AsPlainText <ExpectedPlain>) for a secret stored as <Kind>' -ForEach @(
        @{ Kind = 'PSCredential'; Expected = 'PSCredential'; ExpectedPlain = 'PSCredential'; Make = { [pscredential]::new('id', (Secure 'x')) } }
        @{ Kind = 'Hashtable'; Expected = 'Hashtable'; ExpectedPlain = 'Hashtable'; Make = { @{ ClientId = 'id'; ClientSecret = 'x' } } }
        @{ Kind = 'SecureString'; Expected = 'SecureString'; ExpectedPlain = 'String'; Make = { Secure 'x' } }
        @{ Kind = 'String'; Expected = 'SecureString'; ExpectedPlain = 'String'; Make = { 'x' } }
        @{ Kind = 'byte[]'; Expected = 'Byte[]'; ExpectedPlain = 'Byte[]'; Make = { , [byte[]](1, 2, 3) } }
    ) {
        Set-Secret -Name Shape -Secret (& $Make)
        (Get-Secret -Name Shape).GetType().Name | Should -Be $Expected
        (Get-Secret -Name Shape -AsPlainText).GetType().Name | Should -Be $ExpectedPlain
    }

    It 'returns a Hashtable whose every value is a SecureString, or a String with -AsPlainText' {
        Set-Secret -Name Table -Secret @{ ClientId = 'id'; ClientSecret = (Secure 'x') }
        (Get-Secret -Name Table).Values | ForEach-Object { $_ | Should -BeOfType ([securestring]) }
        $plain = Get-Secret -Name Table -AsPlainText
        $plain.ClientId | Should -BeExactly 'id'
        $plain.ClientSecret | Should -BeExactly 'x'
    }

    It 'searches every vault, the default first, without -Vault' {
        Set-Secret -Name OnlyInOther -Secret 'from-other' -Vault Other
        Set-Secret -Name InBoth -Secret 'from-other' -Vault Other
        Set-Secret -Name InBoth -Secret 'from-default' -Vault LeanlyStore
        Get-Secret -Name OnlyInOther -AsPlainText | Should -BeExactly 'from-other'
        Get-Secret -Name InBoth -AsPlainText | Should -BeExactly 'from-default'
        Get-Secret -Name InBoth -Vault Other -AsPlainText | Should -BeExactly 'from-other'
    }

    It 'reports a missing secret as a non-terminating GetSecretNotFound (ObjectNotFound)' {
        $found = Get-Secret -Name Missing -ErrorAction SilentlyContinue -ErrorVariable errors
        $found | Should -BeNullOrEmpty
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'GetSecretNotFound,Microsoft.PowerShell.SecretManagement.GetSecretCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].Exception | Should -BeOfType ([System.Management.Automation.ItemNotFoundException])
        $errors[0].Exception.Message | Should -BeExactly 'The secret Missing was not found.'
    }

    It 'reports an unknown vault as a terminating GetSecretVaultNotFound' {
        $err = { Get-Secret -Name Any -Vault NoSuchVault -ErrorAction SilentlyContinue } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be 'GetSecretVaultNotFound,Microsoft.PowerShell.SecretManagement.GetSecretCommand'
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err.Exception | Should -BeOfType ([System.Management.Automation.PSInvalidOperationException])
        $err.Exception.Message | Should -BeExactly 'Vault not found in registry: NoSuchVault'
    }

    It 'reports a locked vault as a PasswordRequiredException, with -Vault (<WithVault>) terminating: <Terminating>' -ForEach @(
        @{ WithVault = $true; Terminating = $false; Id = 'GetSecretException,Microsoft.PowerShell.SecretManagement.GetSecretCommand' }
        @{ WithVault = $false; Terminating = $true; Id = 'Microsoft.PowerShell.SecretManagement.PasswordRequiredException,Microsoft.PowerShell.SecretManagement.GetSecretCommand' }
    ) {
        Register-SecretVault -Name Locked -ModuleName Leanly.LockedVault -VaultParameters @{ Locked = $true }
        $parameters = @{ Name = 'NotInUnlockedVaults'; ErrorAction = 'SilentlyContinue' }
        if ($WithVault) { $parameters.Vault = 'Locked' }
        if ($Terminating) { $err = { Get-Secret @parameters } | Should -Throw -PassThru }
        else {
            Get-Secret @parameters -ErrorVariable errors | Should -BeNullOrEmpty
            $errors | Should -HaveCount 1
            $err = $errors[0]
        }
        $err.FullyQualifiedErrorId | Should -Be $Id
        $err.Exception.GetType().FullName | Should -Be 'Microsoft.PowerShell.SecretManagement.PasswordRequiredException'
        $err.Exception.Message | Should -BeLike 'A valid password is required to access the Microsoft.PowerShell.SecretStore vault.*'

        Unlock-SecretVault -Name Locked -Password (Secure 'any')
        Get-Secret @parameters -ErrorVariable afterUnlock | Should -BeNullOrEmpty
        $afterUnlock.FullyQualifiedErrorId | Should -Be 'GetSecretNotFound,Microsoft.PowerShell.SecretManagement.GetSecretCommand'
    }

    It 'warns and reports not found when no vault is registered at all' {
        Remove-Item $env:LEANLY_SECRETDOUBLE_STORE
        Get-SecretVault -ErrorVariable vaultErrors | Should -BeNullOrEmpty
        $vaultErrors | Should -BeNullOrEmpty
        Get-Secret -Name Any -ErrorAction SilentlyContinue -ErrorVariable errors -WarningVariable warnings -WarningAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -Be 'GetSecretNotFound,Microsoft.PowerShell.SecretManagement.GetSecretCommand'
        "$warnings" | Should -BeLike '*no extension vaults registered*'
    }

    It 'lists vaults (Name, ModuleName, IsDefault) and secrets (Name, Type, VaultName, Metadata; wildcards; nothing for a missing name)' {
        $vaults = Get-SecretVault
        $vaults.Name | Should -Be @('LeanlyStore', 'Other')
        ($vaults | Where-Object IsDefault).Name | Should -Be 'LeanlyStore'
        $vaults[0].ModuleName | Should -Be 'Microsoft.PowerShell.SecretStore'

        Set-Secret -Name Leanly-A -Secret ([byte[]](1)) -Metadata @{ Purpose = 'test' }
        Set-Secret -Name Leanly-B -Secret (Secure 'x') -Vault Other
        Set-Secret -Name Unrelated -Secret @{ a = 'b' }
        $info = Get-SecretInfo -Name 'Leanly-*'
        $info.Name | Should -Be @('Leanly-A', 'Leanly-B')
        $info.Type | ForEach-Object ToString | Should -Be @('ByteArray', 'SecureString')
        $info.VaultName | Should -Be @('LeanlyStore', 'Other')
        $info[0].Metadata['Purpose'] | Should -Be 'test'
        (Get-SecretInfo -Vault Other).Name | Should -Be 'Leanly-B'
        Get-SecretInfo -Name Absent -ErrorVariable infoErrors | Should -BeNullOrEmpty
        $infoErrors | Should -BeNullOrEmpty

        Unregister-SecretVault -Name Other
        (Get-SecretVault).Name | Should -Be 'LeanlyStore'
    }

    It 'keeps its state in the store file, so a fresh runspace and a child process see the same secrets' {
        Set-Secret -Name Shared -Secret 'shared-value'
        $powerShell = [powershell]::Create()
        try {
            $powerShell.AddCommand('Microsoft.PowerShell.SecretManagement\Get-Secret').AddParameter('Name', 'Shared').AddParameter('AsPlainText') | Out-Null
            $powerShell.Invoke() | Should -BeExactly 'shared-value'
        }
        finally { $powerShell.Dispose() }
        $child = Invoke-ChildPwsh -Script 'Get-Secret -Name Shared -AsPlainText' -TimeoutSec 120
        $child.ExitCode | Should -Be 0 -Because $child.Error
        $child.Output.Trim() | Should -BeExactly 'shared-value'
    }
}

Describe 'Connect-Leanly -SecretName' {
    BeforeEach {
        Reset-LeanlyTestServer $server
        Disconnect-Leanly
        Reset-Vaults
    }

    It 'connects with a PSCredential (user name = client id), with -Vault <WithVault>' -ForEach @(@{ WithVault = $true }, @{ WithVault = $false }) {
        Set-Secret -Name Leanly -Secret $client.Credential -Vault Other
        $parameters = @{ SecretName = 'Leanly' }
        if ($WithVault) { $parameters.Vault = 'Other' }
        Connect-FromVault $parameters
        $connection = Get-LeanlyConnection
        $connection.ClientId | Should -Be $client.ClientId
        $connection.CredentialSource | Should -Be 'SecretManagement'
        $connection.CredentialSourceDetail | Should -BeLike "*secret 'Leanly'*"
        (Invoke-LeanlyQuery '{ viewer { clientId } }').viewer.clientId | Should -Be $client.ClientId
        (Get-LeanlyTestServerStats $server).tokenRequests.client_credentials | Should -Be 1
    }

    It 'names the vault and the secret in CredentialSourceDetail' {
        Set-Secret -Name Leanly -Secret $client.Credential -Vault Other
        Connect-FromVault @{ SecretName = 'Leanly'; Vault = 'Other' }
        $connection = Get-LeanlyConnection
        $connection.CredentialSource | Should -Be 'SecretManagement'
        $connection.CredentialSourceDetail | Should -BeLike "*vault 'Other'*"
        $connection.CredentialSourceDetail | Should -BeLike "*secret 'Leanly'*"
        $connection.CredentialSourceDetail | Should -Not -BeLike "*$($client.ClientSecret)*"
    }

    It 'connects with a Hashtable @{ClientId; ClientSecret} whose values are <Values>, with -Vault <WithVault>' -ForEach @(
        @{ Values = 'SecureStrings'; WithVault = $true }
        @{ Values = 'SecureStrings'; WithVault = $false }
        @{ Values = 'Strings'; WithVault = $true }
        @{ Values = 'Strings'; WithVault = $false }
    ) {
        $table = if ($Values -eq 'Strings') { @{ ClientId = $client.ClientId; ClientSecret = $client.ClientSecret } }
        else { @{ ClientId = (Secure $client.ClientId); ClientSecret = $client.SecureSecret } }
        Set-Secret -Name LeanlyTable -Secret $table -Vault LeanlyStore
        $parameters = @{ SecretName = 'LeanlyTable' }
        if ($WithVault) { $parameters.Vault = 'LeanlyStore' }
        Connect-FromVault $parameters
        (Get-LeanlyConnection).ClientId | Should -Be $client.ClientId
        (Invoke-LeanlyQuery '{ viewer { clientId } }').viewer.clientId | Should -Be $client.ClientId
    }

    It 'connects with a <Kind> secret (read back as a SecureString) and -ClientId, with -Vault <WithVault>' -ForEach @(
        @{ Kind = 'SecureString'; WithVault = $true }
        @{ Kind = 'SecureString'; WithVault = $false }
        @{ Kind = 'String'; WithVault = $true }
        @{ Kind = 'String'; WithVault = $false }
    ) {
        $secret = if ($Kind -eq 'String') { $client.ClientSecret } else { $client.SecureSecret }
        Set-Secret -Name LeanlySecret -Secret $secret -Vault Other
        Get-Secret -Name LeanlySecret | Should -BeOfType ([securestring])
        $parameters = @{ SecretName = 'LeanlySecret'; ClientId = $client.ClientId }
        if ($WithVault) { $parameters.Vault = 'Other' }
        Connect-FromVault $parameters
        (Get-LeanlyConnection).ClientId | Should -Be $client.ClientId
        (Get-LeanlyConnection).CredentialSource | Should -Be 'SecretManagement'
        (Invoke-LeanlyQuery '{ viewer { clientId } }').viewer.clientId | Should -Be $client.ClientId
    }

    It 'fails with LeanlySecretNotFound when the secret is missing, with -Vault <WithVault>' -ForEach @(@{ WithVault = $true }, @{ WithVault = $false }) {
        Set-Secret -Name Present -Secret $client.Credential
        $parameters = @{ SecretName = 'Absent' }
        if ($WithVault) { $parameters.Vault = 'LeanlyStore' }
        $err = Get-ConnectError $parameters
        $err.FullyQualifiedErrorId | Should -Be "LeanlySecretNotFound$ConnectId"
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err.Exception.Message | Should -BeLike "*'Absent'*"
        $err.ErrorDetails.RecommendedAction | Should -BeLike '*Get-SecretInfo*'
        Get-LeanlyConnection | Should -BeNullOrEmpty
        (Get-LeanlyTestServerStats $server).tokenRequests.total | Should -Be 0
    }

    It 'fails with LeanlySecretNotFound when no vault is registered at all' {
        Remove-Item $env:LEANLY_SECRETDOUBLE_STORE
        $WarningPreference = 'SilentlyContinue'   # Get-Secret warns that no vault is registered, as the real one does.
        $err = Get-ConnectError @{ SecretName = 'Leanly' }
        $err.FullyQualifiedErrorId | Should -Be "LeanlySecretNotFound$ConnectId"
    }

    It 'fails with LeanlyVaultNotFound for an unknown vault' {
        Set-Secret -Name Leanly -Secret $client.Credential
        $err = Get-ConnectError @{ SecretName = 'Leanly'; Vault = 'NoSuchVault' }
        $err.FullyQualifiedErrorId | Should -Be "LeanlyVaultNotFound$ConnectId"
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err.Exception.Message | Should -BeLike "*'NoSuchVault'*"
        $err.ErrorDetails.RecommendedAction | Should -BeLike '*Get-SecretVault*'
    }

    It 'fails with LeanlyVaultLocked for a locked vault, with -Vault <WithVault>, and connects once it is unlocked' -ForEach @(@{ WithVault = $true }, @{ WithVault = $false }) {
        Register-SecretVault -Name Locked -ModuleName Leanly.LockedVault -VaultParameters @{ Locked = $true }
        Unlock-SecretVault -Name Locked -Password (Secure 'any')
        Set-Secret -Name LockedLeanly -Secret $client.Credential -Vault Locked
        Register-SecretVault -Name Locked -ModuleName Leanly.LockedVault -VaultParameters @{ Locked = $true } -AllowClobber
        $parameters = @{ SecretName = 'LockedLeanly' }
        if ($WithVault) { $parameters.Vault = 'Locked' }

        $err = Get-ConnectError $parameters
        $err.FullyQualifiedErrorId | Should -Be "LeanlyVaultLocked$ConnectId"
        $err.CategoryInfo.Category | Should -Be 'PermissionDenied'
        $err.ErrorDetails.RecommendedAction | Should -BeLike '*Unlock-SecretVault*'
        $err.ErrorDetails.RecommendedAction | Should -BeLike '*-Authentication None -Interaction None*'
        if ($WithVault) { $err.ErrorDetails.RecommendedAction | Should -BeLike '*Unlock-SecretVault -Name Locked*' }
        Get-ErrorText $err | Should -Not -BeLike "*$($client.ClientSecret)*"
        (Get-LeanlyTestServerStats $server).tokenRequests.total | Should -Be 0

        Unlock-SecretVault -Name Locked -Password (Secure 'any')
        Connect-FromVault $parameters
        (Get-LeanlyConnection).CredentialSource | Should -Be 'SecretManagement'
    }

    It 'gives back the runspace that read the vault again when Disconnect-Leanly closes the connection' {
        Set-Secret -Name Leanly -Secret $client.Credential -Vault LeanlyStore
        Connect-FromVault @{ SecretName = 'Leanly'; Vault = 'LeanlyStore' }
        $before = @(Get-Runspace).Count
        Invoke-ServerControl -Server $server -Path revoke -Method Post -Body @{ refresh = $true; access = $true } | Out-Null
        Invoke-ServerControl -Server $server -Path expire-refresh -Method Post | Out-Null
        Invoke-LeanlyQuery '{ viewer { clientId } }' | Out-Null
        # Re-authentication read the vault in a runspace of its own (it may run on any thread).
        @(Get-Runspace).Count | Should -Be ($before + 1)

        Disconnect-Leanly

        @(Get-Runspace).Count | Should -Be $before
    }

    It 'fails with LeanlySecretInvalidShape for a <Kind>, naming what it accepts, without the secret' -ForEach @(
        @{ Kind = 'byte[]'; Expect = '*ByteArray*'; Make = { , [Text.Encoding]::UTF8.GetBytes($Canary) } }
        @{ Kind = 'Hashtable without ClientSecret'; Expect = '*ClientId and ClientSecret*'; Make = { @{ ClientId = $client.ClientId; Secret = $Canary } } }
        @{ Kind = 'Hashtable without ClientId (and no -ClientId)'; Expect = '*ClientId and ClientSecret*'; Make = { @{ ClientSecret = $Canary } } }
    ) {
        Set-Secret -Name Misshapen -Secret (& $Make)
        $err = Get-ConnectError @{ SecretName = 'Misshapen'; Vault = 'LeanlyStore' }
        $err.FullyQualifiedErrorId | Should -Be "LeanlySecretInvalidShape$ConnectId"
        $err.CategoryInfo.Category | Should -Be 'InvalidData'
        $err.Exception.Message | Should -BeLike $Expect
        $err.Exception.Message | Should -BeLike '*PSCredential*'
        $err.ErrorDetails.RecommendedAction | Should -BeLike '*Set-Secret*'
        Get-ErrorText $err | Should -Not -BeLike "*$Canary*"
        (Get-LeanlyTestServerStats $server).tokenRequests.total | Should -Be 0
    }

    It 'fails with LeanlyClientIdMissing for a <Kind> secret without -ClientId' -ForEach @(@{ Kind = 'SecureString' }, @{ Kind = 'String' }) {
        $secret = if ($Kind -eq 'String') { $Canary } else { Secure $Canary }
        Set-Secret -Name OnlySecret -Secret $secret
        $err = Get-ConnectError @{ SecretName = 'OnlySecret' }
        $err.FullyQualifiedErrorId | Should -Be "LeanlyClientIdMissing$ConnectId"
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.ErrorDetails.RecommendedAction | Should -BeLike '*-ClientId*'
        Get-ErrorText $err | Should -Not -BeLike "*$Canary*"
        (Get-LeanlyTestServerStats $server).tokenRequests.total | Should -Be 0
    }

    It 'fails with LeanlySecretManagementNotInstalled where the module is missing, advising Install-PSResource' {
        $script = "& '$(Join-Path $PSScriptRoot 'Scripts/Secrets/Connect-WithoutSecretManagement.ps1')'"
        $environment = @{ PSModulePath = (Get-PathWithoutDouble); LEANLY_IT_TOKEN_URI = $server.TokenUri; LEANLY_IT_API_URI = $server.ApiUri }
        $result = Invoke-ChildPwsh -Script $script -Environment $environment -TimeoutSec 120
        $outcome = Read-ChildJson $result
        $outcome.Available | Should -Be 0
        $outcome.Id | Should -Be "LeanlySecretManagementNotInstalled$ConnectId"
        # Only the module's own error is left in $Error: no raw CommandNotFoundException from looking for Get-Secret.
        $outcome.Errors | Should -Be @("LeanlySecretManagementNotInstalled$ConnectId")
        $outcome.Category | Should -Be 'NotInstalled'
        "$($outcome.Message) $($outcome.Action)" | Should -BeLike '*Install-PSResource Microsoft.PowerShell.SecretManagement*'
        (Get-LeanlyTestServerStats $server).tokenRequests.total | Should -Be 0
    }
}

Describe 'A SecretManagement module that is installed but cannot load' {
    It 'says it is installed but could not be loaded, and how to see why' {
        $script = "& '$(Join-Path $PSScriptRoot 'Scripts/Secrets/Connect-BrokenSecretManagement.ps1')'"
        $environment = @{ PSModulePath = (Get-PathWithoutDouble); LEANLY_IT_TOKEN_URI = $server.TokenUri; LEANLY_IT_API_URI = $server.ApiUri }
        $result = Invoke-ChildPwsh -Script $script -Environment $environment -TimeoutSec 120
        $outcome = Read-ChildJson $result
        $outcome.Id | Should -Be "LeanlySecretManagementNotInstalled$ConnectId"
        $outcome.Message | Should -BeLike '*installed but could not be loaded*'
        $outcome.Action | Should -BeLike '*Import-Module Microsoft.PowerShell.SecretManagement*'
        (Get-LeanlyTestServerStats $server).tokenRequests.total | Should -Be 0
    }
}

Describe 'A rotated secret is read again on re-authentication' {
    BeforeEach {
        Reset-LeanlyTestServer $server
        Disconnect-Leanly
        Reset-Vaults
    }

    It 'signs in with the new secret from the vault after the refresh token is refused' {
        Set-Secret -Name Leanly -Secret $client.Credential -Vault LeanlyStore
        Connect-FromVault @{ SecretName = 'Leanly'; Vault = 'LeanlyStore' }
        (Get-LeanlyTestServerStats $server).tokenRequests.client_credentials | Should -Be 1

        $rotated = 'rotated-secret-!&=+ü-2'
        Set-Secret -Name Leanly -Secret ([pscredential]::new($client.ClientId, (Secure $rotated))) -Vault LeanlyStore
        Set-LeanlyTestServer $server @{ clients = @(@{ clientId = $client.ClientId; clientSecret = $rotated; scopes = @('read', 'write') }) }
        Invoke-ServerControl -Server $server -Path revoke -Method Post -Body @{ refresh = $true; access = $true } | Out-Null
        Invoke-ServerControl -Server $server -Path expire-refresh -Method Post | Out-Null

        (Invoke-LeanlyQuery '{ viewer { clientId } }').viewer.clientId | Should -Be $client.ClientId
        $stats = Get-LeanlyTestServerStats $server
        # Exactly one new grant: the secret was read again before signing in, not after a refusal of the old one.
        $stats.tokenRequests.client_credentials | Should -Be 2
        $stats.tokenRequests.refresh_token | Should -BeGreaterOrEqual 1
        (Get-LeanlyConnection).CredentialSource | Should -Be 'SecretManagement'
    }

    It 'reads the vault again when the token endpoint refuses the old secret and no refresh token is held (strict server)' {
        Set-LeanlyTestServer $server @{ strict = $true }
        Set-Secret -Name Leanly -Secret @{ ClientId = $client.ClientId; ClientSecret = $client.SecureSecret } -Vault Other
        Connect-FromVault @{ SecretName = 'Leanly' }
        (Get-LeanlyConnection).HasRefreshToken | Should -BeFalse

        $rotated = 'rotated-secret-strict-3'
        Set-Secret -Name Leanly -Secret @{ ClientId = $client.ClientId; ClientSecret = (Secure $rotated) } -Vault Other
        Set-LeanlyTestServer $server @{ clients = @(@{ clientId = $client.ClientId; clientSecret = $rotated; scopes = @('read', 'write') }) }
        Invoke-ServerControl -Server $server -Path revoke -Method Post -Body @{ access = $true } | Out-Null

        (Invoke-LeanlyQuery '{ viewer { clientId } }').viewer.clientId | Should -Be $client.ClientId
        # The first sign-in, the one refused with the old secret, and the one with the secret read again.
        (Get-LeanlyTestServerStats $server).tokenRequests.client_credentials | Should -Be 3
    }
}

Describe 'Credentials from the environment (the pipeline pattern)' {
    BeforeEach { Reset-LeanlyTestFile $server }

    AfterEach {
        Remove-Item env:LEANLY_CLIENT_ID, env:LEANLY_CLIENT_SECRET -ErrorAction SilentlyContinue
    }

    It 'connects with LEANLY_CLIENT_ID and LEANLY_CLIENT_SECRET' {
        $env:LEANLY_CLIENT_ID = $client.ClientId
        $env:LEANLY_CLIENT_SECRET = $client.ClientSecret
        Connect-Leanly -TokenUri $server.TokenUri -ApiUri $server.ApiUri -ErrorAction Stop
        $connection = Get-LeanlyConnection
        $connection.CredentialSource | Should -Be 'Environment'
        $connection.ClientId | Should -Be $client.ClientId
        (Invoke-LeanlyQuery '{ viewer { clientId } }').viewer.clientId | Should -Be $client.ClientId
    }

    It 'fails with LeanlyCredentialMissing naming <Missing> when only <Present> is set' -ForEach @(
        @{ Present = 'LEANLY_CLIENT_ID'; Missing = 'LEANLY_CLIENT_SECRET' }
        @{ Present = 'LEANLY_CLIENT_SECRET'; Missing = 'LEANLY_CLIENT_ID' }
    ) {
        Set-Item "env:$Present" -Value $Canary
        $err = $null
        try { Connect-Leanly -TokenUri $server.TokenUri -ApiUri $server.ApiUri -ErrorAction Stop } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -Be "LeanlyCredentialMissing$ConnectId"
        $err.Exception.Message | Should -BeLike "*$Missing*"
        $err.ErrorDetails.RecommendedAction | Should -BeLike "*$Missing*"
        Get-ErrorText $err | Should -Not -BeLike "*$Canary*"
        (Get-LeanlyTestServerStats $server).tokenRequests.total | Should -Be 0
    }

    It 'fails at once with LeanlyCredentialMissing in pwsh -NonInteractive with no credentials, and exits non-zero' {
        $script = "& '$(Join-Path $PSScriptRoot 'Scripts/Secrets/Connect-NonInteractiveNoCredential.ps1')'"
        # Invoke-ChildPwsh runs pwsh -NonInteractive with stdin closed, and throws if the child outlives the bound.
        $result = Invoke-ChildPwsh -Script $script -Environment @{ LEANLY_CLIENT_ID = $null; LEANLY_CLIENT_SECRET = $null; LEANLY_IT_TOKEN_URI = $server.TokenUri; LEANLY_IT_API_URI = $server.ApiUri } -TimeoutSec 60
        $result.ExitCode | Should -Not -Be 0
        $result.Output | Should -Not -Match 'CONNECTED'
        $outcome = Read-ChildJson $result
        $outcome.Id | Should -Be "LeanlyCredentialMissing$ConnectId"
        $outcome.Message | Should -BeLike '*NonInteractive*'
        foreach ($way in '-Credential', '-ClientId', '-ClientSecret', '-SecretName', 'LEANLY_CLIENT_ID', 'LEANLY_CLIENT_SECRET') {
            $outcome.Action | Should -BeLike "*$way*"
        }
        (Get-LeanlyTestServerStats $server).tokenRequests.total | Should -Be 0
    }
}

Describe 'Tab completion of -Vault and -SecretName' {
    BeforeAll {
        Reset-Vaults
        Register-SecretVault -Name 'Team Vault' -ModuleName Microsoft.PowerShell.SecretStore
        Set-Secret -Name Leanly-Prod -Secret $client.Credential -Vault LeanlyStore
        Set-Secret -Name Leanly-Test -Secret $client.Credential -Vault Other
        Set-Secret -Name Unrelated -Secret 'x' -Vault Other

        function script:Complete([string] $Line) {
            (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches
        }
    }

    It 'completes -Vault with the registered vault names, quoting where needed' {
        $offered = Complete 'Connect-Leanly -Vault '
        $offered.ListItemText | Should -Be @('LeanlyStore', 'Other', 'Team Vault')
        ($offered | Where-Object ListItemText -EQ 'Team Vault').CompletionText | Should -Be "'Team Vault'"
        (Complete 'Connect-Leanly -Vault Le').CompletionText | Should -Be @('LeanlyStore')
    }

    It 'completes -SecretName with the secrets of every vault, or of the -Vault given' {
        (Complete 'Connect-Leanly -SecretName ').CompletionText | Should -Be @('Leanly-Prod', 'Leanly-Test', 'Unrelated')
        (Complete 'Connect-Leanly -SecretName Leanly-').CompletionText | Should -Be @('Leanly-Prod', 'Leanly-Test')
        (Complete 'Connect-Leanly -Vault Other -SecretName ').CompletionText | Should -Be @('Leanly-Test', 'Unrelated')
        (Complete 'Connect-Leanly -Vault LeanlyStore -SecretName ').CompletionText | Should -Be @('Leanly-Prod')
    }

    It 'offers nothing, and leaves $Error empty, in a pwsh without SecretManagement' {
        $script = "& '$(Join-Path $PSScriptRoot 'Scripts/Secrets/Complete-WithoutSecretManagement.ps1')'"
        $result = Invoke-ChildPwsh -Script $script -Environment @{ PSModulePath = (Get-PathWithoutDouble) } -TimeoutSec 120
        $outcome = Read-ChildJson $result
        @($outcome.Matches) | Should -HaveCount 0
        @($outcome.Errors) | Should -HaveCount 0 -Because "completion must not record errors; got: $($outcome.Errors -join ' | ')"
    }
}
