param([ValidateSet('http', 'https')] [string] $Transport = 'http')  # run over http and HTTPS by tests/Invoke-PesterRun.ps1

BeforeAll {
    . (Join-Path $PSScriptRoot 'Scripts/Open-FlowSuite.ps1')

    function script:Connect-Fast {
        param([hashtable] $Extra = @{})
        # Short backoff keeps the suite quick; the policy itself is the same.
        $parameters = @{ RetryMaxWaitSec = 20 }
        foreach ($key in $Extra.Keys) { $parameters[$key] = $Extra[$key] }
        Connect-TestLeanly -Server $server -Extra $parameters
    }

    function script:Get-ErrorOf([scriptblock] $Script) {
        try { & $Script; return $null } catch { return $_ }
    }
}

AfterAll { Close-LeanlyTestFile $server }

Describe "Bad answers from the token endpoint get clear errors (over $Transport)" {
    BeforeEach { Disconnect-Leanly; Reset-LeanlyTestServer $server }

    It '<Name>' -ForEach @(
        @{ Name = 'an HTML proxy page'; Kind = 'html'; Options = @{}; Id = 'LeanlyInvalidTokenResponse'; Like = '*text/html*' }
        @{ Name = 'malformed JSON'; Kind = 'malformed'; Options = @{}; Id = 'LeanlyInvalidTokenResponse'; Like = '*not JSON*' }
        @{ Name = 'truncated JSON'; Kind = 'truncated'; Options = @{}; Id = 'LeanlyInvalidTokenResponse'; Like = '*not JSON*' }
        @{ Name = 'a 200 without access_token'; Kind = 'body'; Options = @{ status = 200; contentType = 'application/json'; body = '{"token_type":"Bearer","expires_in":3600}' }; Id = 'LeanlyInvalidTokenResponse'; Like = '*without an access_token*' }
        @{ Name = 'a token_type other than Bearer'; Kind = 'body'; Options = @{ status = 200; contentType = 'application/json'; body = '{"access_token":"abc","token_type":"mac","expires_in":3600}' }; Id = 'LeanlyInvalidTokenResponse'; Like = "*type 'mac'*" }
        @{ Name = 'expires_in as a word'; Kind = 'body'; Options = @{ status = 200; contentType = 'application/json'; body = '{"access_token":"abc","token_type":"Bearer","expires_in":"soon"}' }; Id = 'LeanlyInvalidTokenResponse'; Like = '*expires_in*' }
        @{ Name = 'expires_in zero'; Kind = 'body'; Options = @{ status = 200; contentType = 'application/json'; body = '{"access_token":"abc","token_type":"Bearer","expires_in":0}' }; Id = 'LeanlyInvalidTokenResponse'; Like = '*expires_in 0*' }
        @{ Name = 'expires_in negative'; Kind = 'body'; Options = @{ status = 200; contentType = 'application/json'; body = '{"access_token":"abc","token_type":"Bearer","expires_in":-5}' }; Id = 'LeanlyInvalidTokenResponse'; Like = '*expires_in -5*' }
        @{ Name = 'an empty body'; Kind = 'body'; Options = @{ status = 200; contentType = 'application/json'; body = '' }; Id = 'LeanlyInvalidTokenResponse'; Like = '*empty body*' }
        @{ Name = 'a body of many megabytes'; Kind = 'big'; Options = @{ sizeBytes = 5000000 }; Id = 'LeanlyInvalidTokenResponse'; Like = '*larger than 1 MiB*' }
        @{ Name = 'a redirect'; Kind = 'redirect'; Options = @{ location = 'https://evil.example/steal' }; Id = 'LeanlyRedirectRefused'; Like = '*https://evil.example/steal*' }
        @{ Name = 'a 404 page'; Kind = 'status'; Options = @{ status = 404; body = 'Not here'; contentType = 'text/plain' }; Id = 'LeanlyTokenEndpointError'; Like = '*404*Not here*' }
    ) {
        Add-LeanlyTestServerFault -Server $server -Endpoint token -Kind $Kind -Options $Options
        $err = Get-ErrorOf { Connect-Fast }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -Be "$Id,Leanly.Commands.ConnectLeanlyCommand"
        $err.Exception.Message | Should -BeLike $Like
        $err.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        $err.Exception.GetType().FullName | Should -Be 'Leanly.Errors.LeanlyException'
    }

    It 'accepts an answer without expires_in and relies on 401 replay' {
        Add-LeanlyTestServerFault -Server $server -Endpoint token -Kind body -Options @{ status = 200; contentType = 'application/json'; body = '{"access_token":"not-issued-by-server","token_type":"Bearer"}' }
        Connect-Fast
        (Get-LeanlyConnection).ExpiresOn | Should -BeNullOrEmpty
        # The token is unknown to the server: the 401 makes the module sign in again and replay.
        (Invoke-LeanlyQuery '{ viewer { clientId } }').viewer.clientId | Should -Be $client.ClientId
        (Get-LeanlyTestServerStats $server).unauthorized | Should -Be 1
    }
}

Describe "Transient faults are retried (over $Transport)" {
    BeforeEach { Disconnect-Leanly; Reset-LeanlyTestServer $server }

    It 'recovers from 503 on the token endpoint and says so in Verbose' {
        Add-LeanlyTestServerFault -Server $server -Endpoint token -Kind status -Options @{ status = 503 }
        $verbose = Connect-Fast -Extra @{ Verbose = $true } 4>&1 | Out-String
        $verbose | Should -BeLike '*Retrying the token request*503*'
        # The server counts the faulted request too: one 503, one success.
        (Get-LeanlyTestServerStats $server).tokenRequests.client_credentials | Should -Be 2
        (Get-LeanlyConnection).IsConnected | Should -BeTrue
    }

    It 'honours Retry-After in seconds on 429' {
        Connect-Fast
        Add-LeanlyTestServerFault -Server $server -Endpoint graphql -Kind status -Options @{ status = 429; retryAfter = '1' }
        $verbose = Invoke-LeanlyQuery '{ viewer { clientId } }' -Verbose 4>&1
        ($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | Out-String) | Should -BeLike '*in 1.0 s (Retry-After*'
        ($verbose | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }).viewer.clientId | Should -Be $client.ClientId
    }

    It 'honours Retry-After as an HTTP date' {
        Connect-Fast
        $date = [DateTimeOffset]::UtcNow.AddSeconds(2).ToString('r')
        Add-LeanlyTestServerFault -Server $server -Endpoint graphql -Kind status -Options @{ status = 503; retryAfter = $date }
        $verbose = Invoke-LeanlyQuery '{ viewer { clientId } }' -Verbose 4>&1 | Out-String
        $verbose | Should -BeLike '*(Retry-After*'
    }

    It 'retries 502, 504 and a dropped connection on a query' {
        Connect-Fast
        Add-LeanlyTestServerFault -Server $server -Endpoint graphql -Kind status -Options @{ status = 502 }
        Add-LeanlyTestServerFault -Server $server -Endpoint graphql -Kind drop
        Add-LeanlyTestServerFault -Server $server -Endpoint graphql -Kind status -Options @{ status = 504 }
        (Invoke-LeanlyQuery '{ viewer { clientId } }').viewer.clientId | Should -Be $client.ClientId
        (Get-LeanlyTestServerStats $server).graphqlRequests | Should -Be 4
    }

    It 'gives up after -MaxRetries with LeanlyServiceUnavailable' {
        Connect-Fast -Extra @{ MaxRetries = 1 }
        Add-LeanlyTestServerFault -Server $server -Endpoint graphql -Kind status -Count 5 -Options @{ status = 503; body = 'down for maintenance'; contentType = 'text/plain' }
        $err = Get-ErrorOf { Invoke-LeanlyQuery '{ viewer { clientId } }' }
        $err.FullyQualifiedErrorId | Should -Be 'LeanlyServiceUnavailable,Leanly.Commands.InvokeLeanlyQueryCommand'
        $err.Exception.Message | Should -BeLike '*2 attempt*down for maintenance*'
        (Get-LeanlyTestServerStats $server).graphqlRequests | Should -Be 2
    }

    It 'reports throttling with LeanlyThrottled when Retry-After exceeds the wait budget' {
        Connect-Fast -Extra @{ RetryMaxWaitSec = 2 }
        Add-LeanlyTestServerFault -Server $server -Endpoint graphql -Kind status -Options @{ status = 429; retryAfter = '120' }
        $err = Get-ErrorOf { Invoke-LeanlyQuery '{ viewer { clientId } }' }
        $err.FullyQualifiedErrorId | Should -Be 'LeanlyThrottled,Leanly.Commands.InvokeLeanlyQueryCommand'
        $err.CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $err.Exception.Message | Should -BeLike '*asked to wait 120 s*'
    }

    It 'says when the wait budget (-RetryMaxWaitSec), not -MaxRetries, ended the retries' {
        Connect-Fast -Extra @{ RetryMaxWaitSec = 2; MaxRetries = 3 }
        Add-LeanlyTestServerFault -Server $server -Endpoint graphql -Kind status -Count 5 -Options @{ status = 503; retryAfter = '1' }
        $err = Get-ErrorOf { Invoke-LeanlyQuery '{ viewer { clientId } }' }
        $err.FullyQualifiedErrorId | Should -Be 'LeanlyServiceUnavailable,Leanly.Commands.InvokeLeanlyQueryCommand'
        $err.Exception.Message | Should -BeLike '*3 attempt*stopped retrying early*2 s allowed (-RetryMaxWaitSec)*'
        (Get-LeanlyTestServerStats $server).graphqlRequests | Should -Be 3
    }

    It 'never replays a mutation after a dropped connection once the server may have applied it' {
        Connect-Fast
        Add-LeanlyTestServerFault -Server $server -Endpoint graphql -Kind drop -Options @{ afterExecute = $true }
        $err = Get-ErrorOf { Invoke-LeanlyQuery 'mutation { increment(by: 1) }' }
        $err.FullyQualifiedErrorId | Should -Be 'LeanlyNetworkError,Leanly.Commands.InvokeLeanlyQueryCommand'
        $err.Exception.Message | Should -BeLike '*not sent again*'
        $stats = Get-LeanlyTestServerStats $server
        $stats.graphqlRequests | Should -Be 1
        $stats.mutations | Should -Be 1
        (Invoke-LeanlyQuery '{ counter }').counter | Should -Be 1
    }

    It 'replays a mutation the server did not process (503)' {
        Connect-Fast
        Add-LeanlyTestServerFault -Server $server -Endpoint graphql -Kind status -Options @{ status = 503 }
        (Invoke-LeanlyQuery 'mutation { increment(by: 1) }').increment | Should -Be 1
        (Get-LeanlyTestServerStats $server).mutations | Should -Be 1
    }

    It 'does not replay a mutation answered with 502 (it may have been applied)' {
        Connect-Fast
        Add-LeanlyTestServerFault -Server $server -Endpoint graphql -Kind status -Options @{ status = 502 }
        $err = Get-ErrorOf { Invoke-LeanlyQuery 'mutation { increment(by: 1) }' }
        $err.FullyQualifiedErrorId | Should -Be 'LeanlyGraphQLHttpError,Leanly.Commands.InvokeLeanlyQueryCommand'
        (Get-LeanlyTestServerStats $server).graphqlRequests | Should -Be 1
    }
}

Describe "Bad answers from the GraphQL endpoint get clear errors (over $Transport)" {
    BeforeAll { Disconnect-Leanly; Reset-LeanlyTestServer $server; Connect-Fast }

    It '<Name>' -ForEach @(
        @{ Name = 'an HTML page with 200'; Kind = 'html'; Options = @{}; Id = 'LeanlyInvalidGraphQLResponse'; Like = '*text/html*not JSON*' }
        @{ Name = 'malformed JSON'; Kind = 'malformed'; Options = @{}; Id = 'LeanlyInvalidGraphQLResponse'; Like = '*not JSON*' }
        @{ Name = 'neither data nor errors'; Kind = 'body'; Options = @{ status = 200; contentType = 'application/json'; body = '{"result":1}' }; Id = 'LeanlyInvalidGraphQLResponse'; Like = '*neither data nor errors*' }
        @{ Name = 'errors that is not an array'; Kind = 'body'; Options = @{ status = 200; contentType = 'application/json'; body = '{"errors":"boom"}' }; Id = 'LeanlyInvalidGraphQLResponse'; Like = '*errors as a JSON String*' }
        @{ Name = 'a 500 page'; Kind = 'body'; Options = @{ status = 500; contentType = 'text/plain'; body = 'Internal oops' }; Id = 'LeanlyGraphQLHttpError'; Like = '*500*Internal oops*' }
        @{ Name = 'a redirect'; Kind = 'redirect'; Options = @{ location = 'https://evil.example/graphql' }; Id = 'LeanlyRedirectRefused'; Like = '*https://evil.example/graphql*' }
    ) {
        Add-LeanlyTestServerFault -Server $server -Endpoint graphql -Kind $Kind -Options $Options
        $err = Get-ErrorOf { Invoke-LeanlyQuery '{ viewer { clientId } }' }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -Be "$Id,Leanly.Commands.InvokeLeanlyQueryCommand"
        $err.Exception.Message | Should -BeLike $Like
        $err.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
    }

    It 'reports a second 401 after renewal with LeanlyUnauthorized' {
        Add-LeanlyTestServerFault -Server $server -Endpoint graphql -Kind status -Count 2 -Options @{ status = 401 }
        $err = Get-ErrorOf { Invoke-LeanlyQuery '{ viewer { clientId } }' }
        $err.FullyQualifiedErrorId | Should -Be 'LeanlyUnauthorized,Leanly.Commands.InvokeLeanlyQueryCommand'
        $err.Exception.Message | Should -BeLike '*401*even after it was renewed*'
    }
}

Describe "Tokens that never lapse (over $Transport)" {
    BeforeEach { Disconnect-Leanly; Reset-LeanlyTestServer $server }

    It 'refreshes ahead: 2-second tokens over a 10-second query loop, and no 401 ever reaches the server' {
        Set-LeanlyTestServer $server @{ accessTokenLifetime = 2 }
        Connect-Fast
        $connection = Get-LeanlyConnection
        $connection.NextRefreshOn | Should -Be $connection.ExpiresOn.AddSeconds(-1)
        $deadline = [DateTime]::UtcNow.AddSeconds(10)
        $count = 0
        while ([DateTime]::UtcNow -lt $deadline -and $count -lt 5000) {
            (Invoke-LeanlyQuery '{ viewer { clientId } }' -ErrorAction Stop).viewer.clientId | Should -Be $client.ClientId
            $count++
            Start-Sleep -Milliseconds 100
        }
        $stats = Get-LeanlyTestServerStats $server
        $stats.unauthorized | Should -Be 0
        $stats.tokenRequests.refresh_token | Should -BeGreaterOrEqual 5
    }

    It 'replays once after the access token was revoked' {
        Connect-Fast
        Invoke-ServerControl -Server $server -Path revoke -Method Post -Body @{ access = $true } | Out-Null
        (Invoke-LeanlyQuery '{ viewer { clientId } }').viewer.clientId | Should -Be $client.ClientId
        $stats = Get-LeanlyTestServerStats $server
        $stats.unauthorized | Should -Be 1
        $stats.tokenRequests.refresh_token | Should -Be 1
    }

    It 'falls back to client credentials when the refresh token was revoked, and says so' {
        Connect-Fast
        Invoke-ServerControl -Server $server -Path revoke -Method Post -Body @{ access = $true; refresh = $true } | Out-Null
        $out = Invoke-LeanlyQuery '{ viewer { clientId } }' -Verbose 4>&1
        ($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | Out-String) | Should -BeLike '*refresh token was refused (invalid_grant)*client credentials*'
        ($out | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }).viewer.clientId | Should -Be $client.ClientId
        (Get-LeanlyTestServerStats $server).tokenRequests.client_credentials | Should -Be 2
    }

    It 'falls back to client credentials when the refresh token expired' {
        Connect-Fast
        Invoke-ServerControl -Server $server -Path expire-refresh -Method Post | Out-Null
        Update-LeanlyToken
        (Get-LeanlyTestServerStats $server).tokenRequests.client_credentials | Should -Be 2
    }

    It 'reports the OAuth code when the fallback fails too' {
        Connect-Fast
        Set-LeanlyTestServer $server @{ clients = @(@{ clientId = $client.ClientId; clientSecret = 'rotated-elsewhere'; scopes = @('read', 'write') }) }
        Invoke-ServerControl -Server $server -Path revoke -Method Post -Body @{ refresh = $true } | Out-Null
        $err = Get-ErrorOf { Update-LeanlyToken }
        $err.FullyQualifiedErrorId | Should -Be 'LeanlyRefreshFailed,Leanly.Commands.UpdateLeanlyTokenCommand'
        $err.Exception.OAuthError | Should -Be 'invalid_client'
        $err.Exception.Message | Should -BeLike '*refresh token was refused*signing in again with client credentials failed*invalid_client*'
    }

    It 'renews in strict mode (no refresh token) with client credentials as tokens expire' {
        Set-LeanlyTestServer $server @{ strict = $true; accessTokenLifetime = 2 }
        Connect-Fast
        1..3 | ForEach-Object {
            Start-Sleep -Milliseconds 1200
            (Invoke-LeanlyQuery '{ viewer { clientId } }' -ErrorAction Stop).viewer.clientId | Should -Be $client.ClientId
        }
        $stats = Get-LeanlyTestServerStats $server
        $stats.tokenRequests.refresh_token | Should -Be 0
        $stats.tokenRequests.client_credentials | Should -BeGreaterOrEqual 3
        $stats.unauthorized | Should -Be 0
    }
}

Describe "Time limits and Ctrl+C (over $Transport)" {
    BeforeAll {
        # The server notices a closed connection a moment after the client closes it: wait for that (bounded).
        function script:Wait-HangAbandoned {
            for ($i = 0; $i -lt 100 -and (Get-LeanlyTestServerStats $server).hangsAbandoned -lt 1; $i++) { Start-Sleep -Milliseconds 100 }
            (Get-LeanlyTestServerStats $server).hangsAbandoned
        }
    }

    BeforeEach { Disconnect-Leanly; Reset-LeanlyTestServer $server }

    It '-TimeoutSec 2 against a 60-second hang fails with LeanlyTimeout and walks away from the hang' {
        Connect-Fast -Extra @{ TimeoutSec = 2; MaxRetries = 0 }
        Add-LeanlyTestServerFault -Server $server -Endpoint graphql -Kind hang -Options @{ delayMs = 60000 }
        $err = Get-ErrorOf { Invoke-LeanlyQuery '{ viewer { clientId } }' }
        # No clock needed: when the 60-s hang ends the server answers normally, so a timeout error can only come
        # from the 2-s limit; the message names that limit.
        $err.FullyQualifiedErrorId | Should -Be 'LeanlyTimeout,Leanly.Commands.InvokeLeanlyQueryCommand'
        $err.CategoryInfo.Category | Should -Be 'OperationTimeout'
        $err.Exception.Message | Should -BeLike '*within 2 s*'
        Wait-HangAbandoned | Should -Be 1
        (Invoke-LeanlyQuery '{ viewer { clientId } }').viewer.clientId | Should -Be $client.ClientId
    }

    It 'Stop (Ctrl+C) cancels <Name> and leaves the connection usable' -ForEach @(
        @{ Name = 'an in-flight request'; Endpoint = 'graphql'; Kind = 'hang'; Options = @{ delayMs = 60000 }; Revoke = $false }
        # The connection honours the server's Retry-After on its next query too, so the wait is kept short: long enough
        # that a Stop which only took effect after it would fail the bound below, and send the retry.
        @{ Name = 'a retry wait'; Endpoint = 'graphql'; Kind = 'status'; Options = @{ status = 429; retryAfter = '15' }; Revoke = $false }
        @{ Name = 'a refresh'; Endpoint = 'token'; Kind = 'hang'; Options = @{ delayMs = 60000 }; Revoke = $true }
    ) {
        $connection = Connect-Fast -Extra @{ PassThru = $true; RetryMaxWaitSec = 120 }
        if ($Revoke) { Invoke-ServerControl -Server $server -Path revoke -Method Post -Body @{ access = $true } | Out-Null }
        Add-LeanlyTestServerFault -Server $server -Endpoint $Endpoint -Kind $Kind -Options $Options
        $ps = [powershell]::Create()
        $null = $ps.AddCommand('Import-Module').AddArgument($env:LEANLY_TEST_MODULE).AddStatement()
        $null = $ps.AddCommand('Invoke-LeanlyQuery').AddParameter('Query', '{ viewer { clientId } }').AddParameter('Connection', $connection)
        $handle = $ps.BeginInvoke()
        $waited = 0
        while ((Get-LeanlyTestServerStats $server).faultsServed -lt 1 -and $waited -lt 100) { Start-Sleep -Milliseconds 100; $waited++ }
        $ps.Streams.Error.Count | Should -Be 0   # (piping the open stream would block until the command ends)
        (Get-LeanlyTestServerStats $server).faultsServed | Should -Be 1
        Start-Sleep -Milliseconds 300
        $ps.Stop()
        $handle.AsyncWaitHandle.WaitOne(10000) | Should -BeTrue   # a bound, so a broken Stop fails instead of hanging
        $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        $ps.EndInvoke($handle) | Should -BeNullOrEmpty
        # Proof from the server, no clock: a hang the client walked away from, or no retry sent after the wait.
        if ($Kind -eq 'hang') { Wait-HangAbandoned | Should -Be 1 } else { (Get-LeanlyTestServerStats $server).graphqlRequests | Should -Be 1 }
        $ps.Dispose()
        (Invoke-LeanlyQuery '{ viewer { clientId } }' -Connection $connection).viewer.clientId | Should -Be $client.ClientId
    }
}
