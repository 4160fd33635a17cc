BeforeAll {
    Import-Module $env:LEANLY_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:server = Start-LeanlyTestServer
    $script:client = Get-TestClient
}

AfterAll {
    Disconnect-Leanly
    Stop-LeanlyTestServer $script:server
}

Describe 'Connect-Leanly' {
    BeforeEach {
        Reset-LeanlyTestServer $server
        Disconnect-Leanly
    }

    It 'connects with -ClientId and a SecureString -ClientSecret' {
        Connect-Leanly -ClientId $client.ClientId -ClientSecret $client.SecureSecret -TokenUri $server.TokenUri -ApiUri $server.ApiUri
        $connection = Get-LeanlyConnection
        $connection.ClientId | Should -Be $client.ClientId
        $connection.CredentialSource | Should -Be 'ClientSecret'
        $connection.HasRefreshToken | Should -BeTrue
        $connection.ExpiresOn | Should -BeGreaterThan ([DateTimeOffset]::UtcNow)
        (Get-LeanlyTestServerStats $server).tokenRequests.client_credentials | Should -Be 1
    }

    It 'connects with a PSCredential (user name = client id), as Get-AutomationPSCredential gives it' {
        Connect-Leanly -Credential $client.Credential -TokenUri $server.TokenUri -ApiUri $server.ApiUri
        (Get-LeanlyConnection).CredentialSource | Should -Be 'Credential'
        (Invoke-LeanlyQuery '{ viewer { clientId } }').viewer.clientId | Should -Be $client.ClientId
    }

    It 'sends -Scope space-joined and the token carries exactly those scopes' {
        Connect-Leanly -Credential $client.Credential -Scope read, write -TokenUri $server.TokenUri -ApiUri $server.ApiUri
        (Get-LeanlyTestServerStats $server).lastScope | Should -Be 'read write'
        Connect-Leanly -Credential $client.Credential -Scope read -TokenUri $server.TokenUri -ApiUri $server.ApiUri
        (Invoke-LeanlyQuery '{ viewer { scopes } }').viewer.scopes | Should -Be @('read')
        (Get-LeanlyConnection).Scope | Should -Be @('read')
    }

    It 'refuses a scope the client may not have, keeping the OAuth code' {
        { Connect-Leanly -Credential $client.Credential -Scope admin -TokenUri $server.TokenUri -ApiUri $server.ApiUri -ErrorAction Stop } |
            Should -Throw -ErrorId 'LeanlyAuthenticationFailed,Leanly.Commands.ConnectLeanlyCommand' -ExpectedMessage '*invalid_scope*'
    }

    It 'fails on a wrong secret with invalid_client, and the secret is nowhere in the error' {
        $wrong = 'Wr0ng-S3cret-Value-42'
        $err = $null
        try {
            Connect-Leanly -ClientId $client.ClientId -ClientSecret (ConvertTo-SecureString $wrong -AsPlainText -Force) -TokenUri $server.TokenUri -ApiUri $server.ApiUri -ErrorAction Stop
        }
        catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -Be 'LeanlyAuthenticationFailed,Leanly.Commands.ConnectLeanlyCommand'
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $err.Exception.Message | Should -BeLike '*invalid_client*'
        $err.Exception.OAuthError | Should -Be 'invalid_client'
        $err.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        $everything = ($err | Format-List * -Force | Out-String) + ($err.Exception | Format-List * -Force | Out-String) + $err.ToString()
        $everything | Should -Not -BeLike "*$wrong*"
        Get-LeanlyConnection | Should -BeNullOrEmpty
    }

    It 'reads the endpoints from LEANLY_TOKEN_URI and LEANLY_API_URI' {
        $env:LEANLY_TOKEN_URI = $server.TokenUri
        $env:LEANLY_API_URI = $server.ApiUri
        try {
            Connect-Leanly -Credential $client.Credential
            (Get-LeanlyConnection).TokenUri | Should -Be ([uri]$server.TokenUri)
            (Get-LeanlyConnection).ApiUri | Should -Be ([uri]$server.ApiUri)
        }
        finally {
            Remove-Item env:LEANLY_TOKEN_URI, env:LEANLY_API_URI -ErrorAction SilentlyContinue
        }
    }

    It '-PassThru outputs the connection, which is also the default' {
        $connection = Connect-Leanly -Credential $client.Credential -TokenUri $server.TokenUri -ApiUri $server.ApiUri -PassThru
        $connection | Should -BeOfType ([Leanly.LeanlyConnection])
        [object]::ReferenceEquals($connection, (Get-LeanlyConnection)) | Should -BeTrue
    }

    It '-PassThru into Select-Object -First 1 keeps the new connection open (downstream stopping is not a failure)' {
        $connection = Connect-Leanly -Credential $client.Credential -TokenUri $server.TokenUri -ApiUri $server.ApiUri -PassThru | Select-Object -First 1
        $connection.IsConnected | Should -BeTrue
        (Get-LeanlyConnection).IsConnected | Should -BeTrue
        (Invoke-LeanlyQuery '{ viewer { clientId } }' -ErrorAction Stop).viewer.clientId | Should -Be $client.ClientId
    }

    It 'authenticates with HTTP Basic when asked' {
        Connect-Leanly -Credential $client.Credential -ClientAuthentication Basic -TokenUri $server.TokenUri -ApiUri $server.ApiUri
        (Get-LeanlyTestServerStats $server).lastClientAuthentication | Should -Be 'basic'
        (Invoke-LeanlyQuery '{ viewer { clientId } }').viewer.clientId | Should -Be $client.ClientId
    }

    It 'refuses plain http to a host that is not loopback before sending anything' {
        { Connect-Leanly -Credential $client.Credential -TokenUri 'http://leanly.example.com/token' -ApiUri $server.ApiUri -ErrorAction Stop } |
            Should -Throw -ErrorId 'LeanlyInsecureEndpoint,Leanly.Commands.ConnectLeanlyCommand'
        { Connect-Leanly -Credential $client.Credential -TokenUri $server.TokenUri -ApiUri 'http://leanly.example.com/graphql' -ErrorAction Stop } |
            Should -Throw -ErrorId 'LeanlyInsecureEndpoint,Leanly.Commands.ConnectLeanlyCommand'
        (Get-LeanlyTestServerStats $server).tokenRequests.total | Should -Be 0
    }
}
