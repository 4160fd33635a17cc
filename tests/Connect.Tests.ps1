param([ValidateSet('http', 'https')] [string] $Transport = 'http')  # run over http and HTTPS by tests/Invoke-PesterRun.ps1

BeforeAll { . (Join-Path $PSScriptRoot 'Scripts/Open-FlowSuite.ps1') }

AfterAll { Close-LeanlyTestFile $server }

Describe "Connect-Leanly (over $Transport)" {
    BeforeEach { Reset-LeanlyTestFile $server }

    It 'connects with -ClientId and a SecureString -ClientSecret' {
        Connect-Leanly -ClientId $client.ClientId -ClientSecret $client.SecureSecret -TokenUri $server.TokenUri -ApiUri $server.ApiUri
        $connection = Get-LeanlyConnection
        $connection.ClientId | Should -Be $client.ClientId
        $connection.CredentialSource | Should -Be 'ClientSecret'
        $connection.HasRefreshToken | Should -BeTrue
        $connection.ExpiresOn | Should -BeGreaterThan ([DateTimeOffset]::UtcNow)
        (Get-LeanlyTestServerStats $server).tokenRequests.client_credentials | Should -Be 1
    }

    It 'binds a client id and a SecureString given by position to -ClientId and -ClientSecret, as the help says' {
        Connect-Leanly $client.ClientId $client.SecureSecret -TokenUri $server.TokenUri -ApiUri $server.ApiUri
        (Get-LeanlyConnection).CredentialSource | Should -Be 'ClientSecret'
        (Get-LeanlyConnection).ClientId | Should -Be $client.ClientId
    }

    It 'takes the secret from LEANLY_CLIENT_SECRET when only -ClientId is given, the id given winning over LEANLY_CLIENT_ID' {
        $env:LEANLY_CLIENT_ID = 'some-other-client'
        $env:LEANLY_CLIENT_SECRET = $client.ClientSecret
        try {
            Connect-Leanly -ClientId $client.ClientId -TokenUri $server.TokenUri -ApiUri $server.ApiUri
        }
        finally {
            Remove-Item env:LEANLY_CLIENT_ID, env:LEANLY_CLIENT_SECRET -ErrorAction SilentlyContinue
        }
        $connection = Get-LeanlyConnection
        $connection.ClientId | Should -Be $client.ClientId
        $connection.CredentialSource | Should -Be 'Environment'
        $connection.CredentialSourceDetail | Should -BeLike '*-ClientId*LEANLY_CLIENT_SECRET*'
        (Invoke-LeanlyQuery '{ viewer { clientId } }').viewer.clientId | Should -Be $client.ClientId
    }

    It 'says which secret is missing when only -ClientId is given and nobody can be asked' {
        $script = "Import-Module `$env:LEANLY_TEST_MODULE; try { Connect-Leanly -ClientId reporting-app -TokenUri '$($server.TokenUri)' -ApiUri '$($server.ApiUri)' } catch { @{ Id = `$_.FullyQualifiedErrorId; Message = `$_.Exception.Message } | ConvertTo-Json -Compress }"
        $result = Invoke-ChildPwsh -Script $script -Environment @{ LEANLY_CLIENT_ID = $null; LEANLY_CLIENT_SECRET = $null } -TimeoutSec 120
        $outcome = Read-ChildJson $result
        $outcome.Id | Should -Be 'LeanlyCredentialMissing,Leanly.Commands.ConnectLeanlyCommand'
        $outcome.Message | Should -BeLike "*client id 'reporting-app' but no client secret (LEANLY_CLIENT_SECRET is not set)*"
        (Get-LeanlyTestServerStats $server).tokenRequests.total | Should -Be 0
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
        # A secret given once is sent once: only a vault's secret is worth reading again after a refusal.
        (Get-LeanlyTestServerStats $server).tokenRequests.total | Should -Be 1
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

    It 'refuses a LEANLY_API_URI that is not a URI as an invalid argument, not as an insecure endpoint' {
        $env:LEANLY_API_URI = 'leanly-api'
        try {
            $err = $null
            try { Connect-Leanly -Credential $client.Credential -TokenUri $server.TokenUri -ErrorAction Stop }
            catch { $err = $_ }
            $err.FullyQualifiedErrorId | Should -Be 'LeanlyInvalidEndpointUri,Leanly.Commands.ConnectLeanlyCommand'
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err.Exception.Message | Should -BeLike '*LEANLY_API_URI*not an absolute URI*'
            $err.ErrorDetails.RecommendedAction | Should -BeLike '*LEANLY_API_URI*https://*'
            Get-LeanlyConnection | Should -BeNullOrEmpty
        }
        finally {
            Remove-Item env:LEANLY_API_URI -ErrorAction SilentlyContinue
        }
    }

    It 'refuses a relative -TokenUri as an invalid argument' {
        $err = $null
        try { Connect-Leanly -Credential $client.Credential -TokenUri 'token' -ApiUri $server.ApiUri -ErrorAction Stop }
        catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be 'LeanlyInvalidEndpointUri,Leanly.Commands.ConnectLeanlyCommand'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -BeLike "*TokenUri 'token' is not an absolute URI*"
        (Get-LeanlyTestServerStats $server).tokenRequests.total | Should -Be 0
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

# A pipeline step runs a script; the step must fail, naming the cause, at the first failed Leanly command run with
# -ErrorAction Stop, as it does for any PowerShell command. (A terminating error from a compiled cmdlet would end
# only its statement: the script would go on and exit 0.)
Describe "-ErrorAction Stop ends the script at a failed command (over $Transport)" {
    BeforeAll {
        $script:stepEnvironment = @{
            LEANLY_CLIENT_ID     = $client.ClientId
            LEANLY_CLIENT_SECRET = 'wrong-Secret-8aa1'
            LEANLY_TOKEN_URI     = $server.TokenUri
            LEANLY_API_URI       = $server.ApiUri
            NO_COLOR             = '1'
        }
    }

    It 'when <Case>' -ForEach @(
        @{ Case = 'Connect-Leanly is refused (wrong secret)'; Step = 'Connect-Leanly -ErrorAction Stop'; Cause = '*invalid_client*' }
        @{ Case = 'Invoke-LeanlyQuery runs with no connection'; Step = 'Invoke-LeanlyQuery ''{ viewer { clientId } }'' -ErrorAction Stop'; Cause = '*not connected*' }
        @{ Case = 'the API cannot be reached'; Step = 'Connect-Leanly -ClientId $env:LEANLY_CLIENT_ID -ClientSecret (ConvertTo-SecureString $env:RIGHT_SECRET -AsPlainText -Force) -ApiUri http://127.0.0.1:9/graphql -MaxRetries 0; Invoke-LeanlyQuery ''{ viewer { clientId } }'' -ErrorAction Stop'; Cause = '*127.0.0.1:9*' }
    ) {
        $environment = $stepEnvironment.Clone()
        $environment.RIGHT_SECRET = $client.ClientSecret
        $result = Invoke-ChildPwsh -Script "Import-Module `$env:LEANLY_TEST_MODULE; $Step; 'STEP CONTINUED'" -Environment $environment -TimeoutSec 120
        $result.ExitCode | Should -Not -Be 0
        $result.Output | Should -Not -Match 'STEP CONTINUED'
        # The error view wraps long messages; the cause is looked for in the text without the wrapping.
        ($result.Error -replace '\s*\|\s*', ' ' -replace '\s+', ' ') | Should -BeLike $Cause
        $result.Output + $result.Error | Should -Not -Match ([regex]::Escape($client.ClientSecret))
        $result.Output + $result.Error | Should -Not -Match 'wrong-Secret-8aa1'
    }

    It 'try/catch sees the same error record with or without -ErrorAction Stop' {
        $secret = ConvertTo-SecureString 'wrong-Secret-8aa1' -AsPlainText -Force
        $records = foreach ($stop in $false, $true) {
            try {
                if ($stop) { Connect-Leanly -ClientId $client.ClientId -ClientSecret $secret -TokenUri $server.TokenUri -ApiUri $server.ApiUri -ErrorAction Stop }
                else { Connect-Leanly -ClientId $client.ClientId -ClientSecret $secret -TokenUri $server.TokenUri -ApiUri $server.ApiUri }
                $null
            }
            catch { $_ }
        }
        $records.Count | Should -Be 2
        foreach ($record in $records) {
            $record.FullyQualifiedErrorId | Should -Be 'LeanlyAuthenticationFailed,Leanly.Commands.ConnectLeanlyCommand'
            $record.Exception | Should -BeOfType ([Leanly.Errors.LeanlyException])
            $record.ErrorDetails.RecommendedAction | Should -BeLike '*secret*'
        }
    }

    It 'without -ErrorAction Stop a failed command still ends only its own statement, as PowerShell''s own terminating errors do' {
        $result = Invoke-ChildPwsh -Script "Import-Module `$env:LEANLY_TEST_MODULE; Connect-Leanly; 'STEP CONTINUED'" -Environment $stepEnvironment -TimeoutSec 120
        $result.Output | Should -Match 'STEP CONTINUED'
        ($result.Error -replace '\s*\|\s*', ' ' -replace '\s+', ' ') | Should -BeLike '*invalid_client*'
    }
}
