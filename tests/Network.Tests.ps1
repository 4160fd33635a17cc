# The real network path: certificates, TLS versions, HTTP/2, connection reuse and proxies with CONNECT.
# The server's HTTPS listeners use this run's throw-away CA, which this process trusts through SSL_CERT_FILE
# (build.ps1 sets it up, see Initialize-LeanlyTestTls); every count comes from the server's side.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:setup = Initialize-LeanlyTestFile -Transport https
    $script:server = $setup.Server
    $script:client = $setup.Client

    function script:Get-ErrorOf([scriptblock] $Script) {
        try { & $Script; return $null } catch { return $_ }
    }

    function script:Get-Listener([string] $Name) { (Get-LeanlyTestNetworkStats $server).listeners.$Name }

    function script:Get-Proxy { (Get-LeanlyTestNetworkStats $server).proxy }

    function script:Get-IssuedTokens { Invoke-ServerControl -Server $server -Path tokens }

    # Everything secret this run could have sent: the client secret (as typed, form-encoded, in a Basic header) and every token issued.
    function script:Get-KnownSecrets {
        $issued = Get-IssuedTokens
        @($client.ClientSecret
            [uri]::EscapeDataString($client.ClientSecret)
            [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes("$($client.ClientId):$([uri]::EscapeDataString($client.ClientSecret))"))
            $issued.accessTokens
            $issued.refreshTokens) | Where-Object { $_ }
    }

    function script:New-ProxyEnvironment([hashtable] $Set = @{}) { New-LeanlyProxyEnvironment -Server $server -Set $Set }

    $script:childQuery = @'
Import-Module $env:LEANLY_TEST_MODULE
try {
    Connect-Leanly -MaxRetries 0 -TimeoutSec 20 -ErrorAction Stop
    @{ ClientId = (Invoke-LeanlyQuery '{ viewer { clientId } }' -ErrorAction Stop).viewer.clientId } | ConvertTo-Json -Compress
}
catch { @{ Id = $_.FullyQualifiedErrorId; Message = $_.Exception.Message; Action = $_.ErrorDetails.RecommendedAction } | ConvertTo-Json -Compress }
'@
}

AfterAll {
    Disconnect-Leanly
    Stop-LeanlyTestServer $script:server
}

Describe 'A certificate this machine does not accept ends the command before anything is sent' {
    BeforeEach { Disconnect-Leanly; Reset-LeanlyTestServer $server }

    It '<Name> on the <Endpoint> endpoint: LeanlyCertificateError naming the host and the reason, no retry' -ForEach @(
        foreach ($endpoint in 'token', 'graphql') {
            @{ Name = 'an untrusted issuer'; Listener = 'untrusted'; Reason = '*issued by a certificate authority that this machine does not trust*'; Endpoint = $endpoint }
            @{ Name = 'a host-name mismatch'; Listener = 'otherHost'; Reason = '*issued for a different host name, not for 127.0.0.1*'; Endpoint = $endpoint }
            @{ Name = 'an expired certificate'; Listener = 'expired'; Reason = '*has expired*'; Endpoint = $endpoint }
        }
    ) {
        $bad = $server.Https[$Listener]
        if ($Endpoint -eq 'token') {
            $err = Get-ErrorOf { Connect-Leanly -Credential $client.Credential -TokenUri "$bad/token" -ApiUri $server.ApiUri -ErrorAction Stop }
            $err.FullyQualifiedErrorId | Should -Be 'LeanlyCertificateError,Leanly.Commands.ConnectLeanlyCommand'
        }
        else {
            Connect-Leanly -Credential $client.Credential -TokenUri $server.TokenUri -ApiUri "$bad/graphql"
            $err = Get-ErrorOf { Invoke-LeanlyQuery '{ viewer { clientId } }' -ErrorAction Stop }
            $err.FullyQualifiedErrorId | Should -Be 'LeanlyCertificateError,Leanly.Commands.InvokeLeanlyQueryCommand'
        }
        Write-Host "    as the user sees it: $($err.Exception.Message) | $($err.ErrorDetails.RecommendedAction)"
        $err.CategoryInfo.Category | Should -Be 'SecurityError'
        $err.Exception.Message | Should -BeLike 'The certificate of 127.0.0.1 was not accepted:*'
        $err.Exception.Message | Should -BeLike $Reason
        $err.Exception.Message | Should -BeLike "*Nothing was sent to $bad/$Endpoint*"
        $err.ErrorDetails.RecommendedAction | Should -BeLike '*proxy or firewall that inspects TLS, add its root certificate to this machine''s trust store*'
        $err.ErrorDetails.RecommendedAction | Should -Not -Match 'SkipCertificateCheck|disable|turn off'
        $listener = Get-Listener $Listener
        $listener.handshakesStarted | Should -Be 1 -Because 'a certificate error is never retried'
        $listener.connections | Should -Be 1
        $listener.protocols.PSObject.Properties | Should -BeNullOrEmpty -Because 'no request reached the listener'
        $stats = Get-LeanlyTestServerStats $server
        if ($Endpoint -eq 'token') { $stats.tokenRequests.total | Should -Be 0 } else { $stats.graphqlRequests | Should -Be 0 }
    }
}

Describe 'TLS versions' {
    BeforeEach { Disconnect-Leanly; Reset-LeanlyTestServer $server }

    It 'the tlsOld listener really serves TLS 1.1 to a client that allows it (child pwsh with a permissive OpenSSL configuration)' {
        $endpoint = [uri]$server.Https.tlsOld
        $probe = @"
`$tcp = [Net.Sockets.TcpClient]::new('127.0.0.1', $($endpoint.Port))
`$ssl = [Net.Security.SslStream]::new(`$tcp.GetStream())
`$ssl.AuthenticateAsClient('localhost', `$null, [Security.Authentication.SslProtocols]::Tls11, `$false)
@{ Protocol = `$ssl.SslProtocol.ToString() } | ConvertTo-Json -Compress
"@
        $result = Invoke-ChildPwsh -Script $probe -Environment @{ OPENSSL_CONF = (Join-Path $env:LEANLY_TEST_TLS_DIR 'legacy-openssl.cnf') }
        (Read-ChildJson $result).Protocol | Should -Be 'Tls11'
        (Get-Listener tlsOld).tls.Tls11 | Should -Be 1
    }

    It 'refuses a server that offers only TLS 1.0/1.1: LeanlyTlsHandshakeFailed, nothing sent' {
        $old = $server.Https.tlsOld
        $err = Get-ErrorOf { Connect-Leanly -Credential $client.Credential -TokenUri "$old/token" -ApiUri $server.ApiUri -ErrorAction Stop }
        $err.FullyQualifiedErrorId | Should -Be 'LeanlyTlsHandshakeFailed,Leanly.Commands.ConnectLeanlyCommand'
        Write-Host "    as the user sees it: $($err.Exception.Message) | $($err.ErrorDetails.RecommendedAction)"
        $err.CategoryInfo.Category | Should -Be 'SecurityError'
        $err.Exception.Message | Should -BeLike 'The secure connection to 127.0.0.1 failed:*TLS versions older than 1.2*'
        $err.Exception.Message | Should -BeLike "*Nothing was sent to $old/token."
        $err.ErrorDetails.RecommendedAction | Should -BeLike '*TLS 1.2 or newer*'
        (Get-Listener tlsOld).handshakesStarted | Should -Be 1 -Because 'it is not retried'
        (Get-Listener tlsOld).handshakes | Should -Be 0
        (Get-Listener tlsOld).protocols.PSObject.Properties | Should -BeNullOrEmpty
        (Get-LeanlyTestServerStats $server).tokenRequests.total | Should -Be 0
    }
}

Describe 'HTTP/2 and one connection' {
    BeforeEach { Disconnect-Leanly; Reset-LeanlyTestServer $server }

    It 'uses HTTP/2 when the server offers it, and 20 queries plus the token request share 1 connection and 1 handshake' {
        Connect-TestLeanly -Server $server
        foreach ($i in 1..20) { (Invoke-LeanlyQuery '{ viewer { clientId } }').viewer.clientId | Should -Be $client.ClientId }
        $https = Get-Listener https
        $https.protocols.'HTTP/2' | Should -Be 21
        $https.protocols.'HTTP/1.1' | Should -BeNullOrEmpty
        $https.connections | Should -Be 1
        $https.handshakes | Should -Be 1
        Write-Host "    measured on the HTTP/2 listener: $($https | ConvertTo-Json -Compress)"
    }

    It 'stays on HTTP/1.1 when the server offers only HTTP/1.1, still on 1 connection and 1 handshake' {
        $http1 = $server.Https.httpsHttp1
        Connect-Leanly -Credential $client.Credential -TokenUri "$http1/token" -ApiUri "$http1/graphql"
        foreach ($i in 1..20) { (Invoke-LeanlyQuery '{ viewer { clientId } }').viewer.clientId | Should -Be $client.ClientId }
        $listener = Get-Listener httpsHttp1
        $listener.protocols.'HTTP/1.1' | Should -Be 21
        $listener.protocols.'HTTP/2' | Should -BeNullOrEmpty
        $listener.connections | Should -Be 1
        $listener.handshakes | Should -Be 1
        Write-Host "    measured on the HTTP/1.1-only listener: $($listener | ConvertTo-Json -Compress)"
    }
}

Describe 'A server a network round trip away (a relay delays every byte, as the internet does)' {
    BeforeEach { Disconnect-Leanly; Reset-LeanlyTestServer $server }
    AfterEach { Set-LeanlyTestRoundTrip $server 0 }

    It '-ThrottleLimit 8 keeps its requests on the one HTTPS connection, also while its handshakes take round trips: 1 connection, 1 handshake for 25 requests' {
        Set-LeanlyTestRoundTrip $server 40
        Set-LeanlyTestServer $server @{ graphqlLatencyMs = 20 }
        $far = $server.Far.https
        Connect-Leanly -Credential $client.Credential -TokenUri "$far/token" -ApiUri "$far/graphql"
        $out = 1..24 | ForEach-Object { @{ i = "$_" } } | Invoke-LeanlyQuery 'query($i: String!) { echo(text: $i) }' -ThrottleLimit 8
        $out.echo | Should -Be (1..24 | ForEach-Object { "$_" })
        (Invoke-ServerControl -Server $server -Path traffic).maxInFlight | Should -BeGreaterThan 1 -Because 'the queries were in flight together'
        $network = Get-LeanlyTestNetworkStats $server
        $network.far.roundTripMs | Should -Be 40
        $network.far.httpsFar.connections | Should -Be 1 -Because 'every new connection would cost a TCP and a TLS handshake more'
        $network.listeners.https.handshakes | Should -Be 1
        $network.listeners.https.protocols.'HTTP/2' | Should -Be 25
        Write-Host "    measured through the relay: $($network.far | ConvertTo-Json -Compress); HTTPS listener: $($network.listeners.https | ConvertTo-Json -Compress)"
    }

    It 'the relay passes every byte both ways, and the server closing the connection back to the client (a raw HTTP/1.1 request through httpFar)' {
        Set-LeanlyTestRoundTrip $server 20
        $uri = [uri]$server.Far.http
        $tcp = [Net.Sockets.TcpClient]::new('127.0.0.1', $uri.Port)
        try {
            $stream = $tcp.GetStream()
            $request = [Text.Encoding]::ASCII.GetBytes("GET /control/network HTTP/1.1`r`nHost: 127.0.0.1`r`nConnection: close`r`n`r`n")
            $stream.Write($request, 0, $request.Length)
            $answer = [IO.StreamReader]::new($stream).ReadToEnd()   # ends only once the server's close came back through the relay
        }
        finally { $tcp.Dispose() }
        $answer | Should -BeLike 'HTTP/1.1 200*'
        ($answer -split "`r`n`r`n", 2)[1] | ConvertFrom-Json | ForEach-Object { $_.far.roundTripMs } | Should -Be 20
        (Get-LeanlyTestNetworkStats $server).far.httpFar.connections | Should -Be 1
    }

    It 'refuses a round trip that is not a whole number of milliseconds from 0 to 60000, and a reset sets it back to 0' {
        foreach ($bad in -1, 60001, 'soon') {
            $err = Get-ErrorOf { Invoke-ServerControl -Server $server -Path network -Method Post -Body @{ roundTripMs = $bad } }
            $err.Exception.Response.StatusCode | Should -Be 'BadRequest'
            $err.ErrorDetails.Message | Should -BeLike '*roundTripMs must be a whole number*'
        }
        Set-LeanlyTestRoundTrip $server 25
        (Get-LeanlyTestNetworkStats $server).far.roundTripMs | Should -Be 25
        Reset-LeanlyTestServer $server
        (Get-LeanlyTestNetworkStats $server).far.roundTripMs | Should -Be 0
    }
}

Describe 'HTTPS through a proxy' {
    BeforeEach { Disconnect-Leanly; Reset-LeanlyTestServer $server }

    It '-Proxy carries HTTPS in one CONNECT tunnel, and no secret or token crosses the proxy in clear' {
        Connect-TestLeanly -Server $server -Extra @{ Proxy = $server.ProxyUri }
        foreach ($i in 1..5) { (Invoke-LeanlyQuery '{ viewer { clientId } }').viewer.clientId | Should -Be $client.ClientId }
        Update-LeanlyToken
        (Invoke-LeanlyQuery '{ viewer { clientId } }').viewer.clientId | Should -Be $client.ClientId
        $proxy = Get-Proxy
        $proxy.connects | Should -Be 1
        $proxy.forwards | Should -Be 0
        (Get-Listener https).protocols.'HTTP/2' | Should -Be 8 -Because 'HTTP/2 is negotiated inside the tunnel too'
        $relayed = Get-LeanlyTestProxyRelayed $server
        $relayed.Length | Should -Be $proxy.relayedBytes
        $relayed | Should -BeLike "CONNECT 127.0.0.1:$(([uri]$server.Https.https).Port) HTTP/1.1*"
        $secrets = @(Get-KnownSecrets)
        $secrets.Count | Should -BeGreaterOrEqual 5 -Because 'the secret in three forms, two access tokens and a refresh token'
        $seen = @($secrets | Where-Object { $relayed.Contains($_) })
        $seen.Count | Should -Be 0
        Write-Host "    measured: $($proxy.connects) CONNECT, $($proxy.relayedBytes) bytes relayed, $($seen.Count) of $($secrets.Count) secrets seen"
    }

    It 'the scan would see a secret: plain http through the same proxy shows the token in clear (control for the test above)' {
        $plain = $server.BaseUri
        Connect-Leanly -Credential $client.Credential -TokenUri "$plain/token" -ApiUri "$plain/graphql" -Proxy $server.ProxyUri
        Invoke-LeanlyQuery '{ viewer { clientId } }' | Out-Null
        (Get-Proxy).forwards | Should -BeGreaterThan 0
        $relayed = Get-LeanlyTestProxyRelayed $server
        $relayed.Contains((Get-IssuedTokens).accessTokens[-1]) | Should -BeTrue
    }

    It 'HTTPS_PROXY from the environment uses CONNECT (child pwsh)' {
        $result = Invoke-ChildPwsh -Script $childQuery -Environment (New-ProxyEnvironment @{ HTTPS_PROXY = $server.ProxyUri })
        (Read-ChildJson $result).ClientId | Should -Be $client.ClientId
        (Get-Proxy).connects | Should -Be 1
        (Get-LeanlyTestServerStats $server).graphqlRequests | Should -Be 1
    }

    It 'NO_PROXY bypasses HTTPS_PROXY (child pwsh)' {
        $result = Invoke-ChildPwsh -Script $childQuery -Environment (New-ProxyEnvironment @{ HTTPS_PROXY = $server.ProxyUri; NO_PROXY = '127.0.0.1' })
        (Read-ChildJson $result).ClientId | Should -Be $client.ClientId
        (Get-Proxy).connects | Should -Be 0
        (Get-LeanlyTestServerStats $server).graphqlRequests | Should -Be 1
    }

    It 'a proxy that answers 407 ends in LeanlyProxyAuthenticationRequired naming the proxy and -ProxyCredential' {
        Set-LeanlyTestProxyCredential $server 'proxy-user:proxy-pass'
        $err = Get-ErrorOf { Connect-Leanly -Credential $client.Credential -TokenUri $server.TokenUri -ApiUri $server.ApiUri -Proxy $server.ProxyUri -ErrorAction Stop }
        $err.FullyQualifiedErrorId | Should -Be 'LeanlyProxyAuthenticationRequired,Leanly.Commands.ConnectLeanlyCommand'
        Write-Host "    as the user sees it: $($err.Exception.Message) | $($err.ErrorDetails.RecommendedAction)"
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $err.Exception.Message | Should -BeLike "The proxy $($server.ProxyUri) asked for credentials (HTTP 407*"
        $err.ErrorDetails.RecommendedAction | Should -BeLike '*-ProxyCredential*'
        (Get-Proxy).authenticationRejected | Should -Be 1 -Because 'a 407 is not retried'
        (Get-Proxy).connects | Should -Be 0
        (Get-LeanlyTestServerStats $server).tokenRequests.total | Should -Be 0
    }

    It 'with the right -ProxyCredential the tunnel opens; with a wrong one the error says the credentials were refused' {
        Set-LeanlyTestProxyCredential $server 'proxy-user:proxy-pass'
        $right = [pscredential]::new('proxy-user', (ConvertTo-SecureString 'proxy-pass' -AsPlainText -Force))
        Connect-TestLeanly -Server $server -Extra @{ Proxy = $server.ProxyUri; ProxyCredential = $right }
        (Invoke-LeanlyQuery '{ viewer { clientId } }').viewer.clientId | Should -Be $client.ClientId
        (Get-Proxy).connects | Should -Be 1
        Disconnect-Leanly
        $wrong = [pscredential]::new('proxy-user', (ConvertTo-SecureString 'wrong' -AsPlainText -Force))
        $err = Get-ErrorOf { Connect-TestLeanly -Server $server -Extra @{ Proxy = $server.ProxyUri; ProxyCredential = $wrong; ErrorAction = 'Stop' } }
        $err.FullyQualifiedErrorId | Should -Be 'LeanlyProxyAuthenticationRequired,Leanly.Commands.ConnectLeanlyCommand'
        Write-Host "    as the user sees it: $($err.Exception.Message) | $($err.ErrorDetails.RecommendedAction)"
        $err.Exception.Message | Should -BeLike '*refused the credentials given with -ProxyCredential*'
    }

    It 'a login in the -Proxy address: the right one opens the tunnel, a wrong one is named as the address''s, never shown' {
        Set-LeanlyTestProxyCredential $server 'proxy-user:proxy-pass'
        $proxy = [UriBuilder]::new($server.ProxyUri)
        $proxy.UserName = 'proxy-user'
        $proxy.Password = 'proxy-pass'
        Connect-TestLeanly -Server $server -Extra @{ Proxy = $proxy.Uri }
        (Invoke-LeanlyQuery '{ viewer { clientId } }').viewer.clientId | Should -Be $client.ClientId
        (Get-LeanlyConnection).Proxy | Should -Be ([uri]$server.ProxyUri)
        Disconnect-Leanly

        $proxy.Password = 'Wr0ng-Addr3ss-Pa55'
        $err = Get-ErrorOf { Connect-TestLeanly -Server $server -Extra @{ Proxy = $proxy.Uri; ErrorAction = 'Stop' } }
        $err.FullyQualifiedErrorId | Should -Be 'LeanlyProxyAuthenticationRequired,Leanly.Commands.ConnectLeanlyCommand'
        Write-Host "    as the user sees it: $($err.Exception.Message) | $($err.ErrorDetails.RecommendedAction)"
        $err.Exception.Message | Should -BeLike "*refused the user name and password in the -Proxy address*"
        $err.ErrorDetails.RecommendedAction | Should -BeLike '*-Proxy address*'
        (($err | Format-List * -Force | Out-String) + ($err.Exception | Format-List * -Force | Out-String)) | Should -Not -BeLike '*Wr0ng-Addr3ss-Pa55*'
    }

    It 'HTTPS_PROXY with a user and password in it: the right ones open the tunnel (child pwsh)' {
        Set-LeanlyTestProxyCredential $server 'proxy-user:proxy-pass'
        $proxy = [UriBuilder]::new($server.ProxyUri)
        $proxy.UserName = 'proxy-user'
        $proxy.Password = 'proxy-pass'
        $result = Invoke-ChildPwsh -Script $childQuery -Environment (New-ProxyEnvironment @{ HTTPS_PROXY = $proxy.Uri.AbsoluteUri })
        (Read-ChildJson $result).ClientId | Should -Be $client.ClientId
        (Get-Proxy).connects | Should -Be 1
    }

    It 'HTTPS_PROXY with a password the proxy refuses: the error says where the credentials came from, never the password (child pwsh)' {
        Set-LeanlyTestProxyCredential $server 'proxy-user:proxy-pass'
        $password = 'Wr0ng-Pr0xy-Pa55'
        $proxy = [UriBuilder]::new($server.ProxyUri)
        $proxy.UserName = 'proxy-user'
        $proxy.Password = $password
        $script = @'
Import-Module $env:LEANLY_TEST_MODULE
$streams = [Collections.Generic.List[string]]::new()
$err = $null
try { Connect-Leanly -MaxRetries 0 -TimeoutSec 20 -Verbose -Debug -ErrorAction Stop 4>&1 5>&1 | ForEach-Object { $streams.Add(($_ | Out-String)) } }
catch { $err = $_ }
$everything = $streams -join ''
$chain = for ($e = $err.Exception; $e; $e = $e.InnerException) { $e | Format-List * -Force | Out-String }
$everything += ($err | Format-List * -Force | Out-String) + ($chain -join '') + $err.ToString() + $err.ErrorDetails.RecommendedAction
@{ Id = $err.FullyQualifiedErrorId; Message = $err.Exception.Message; Action = $err.ErrorDetails.RecommendedAction; Everything = $everything } | ConvertTo-Json -Compress
'@
        $result = Invoke-ChildPwsh -Script $script -Environment (New-ProxyEnvironment @{ HTTPS_PROXY = $proxy.Uri.AbsoluteUri })
        $answer = Read-ChildJson $result
        $answer.Id | Should -Be 'LeanlyProxyAuthenticationRequired,Leanly.Commands.ConnectLeanlyCommand'
        Write-Host "    as the user sees it: $($answer.Message) | $($answer.Action)"
        $answer.Message | Should -BeLike "The proxy $($server.ProxyUri) asked for credentials*refused the user name and password in the proxy address (HTTPS_PROXY)*"
        $answer.Action | Should -BeLike '*HTTPS_PROXY*'
        $answer.Action | Should -Not -BeLike '*given with -ProxyCredential*'
        $answer.Everything | Should -Not -BeNullOrEmpty
        $answer.Everything | Should -Not -BeLike "*$password*"
        $result.Output + $result.Error | Should -Not -Match $password
    }

    It 'HTTPS_PROXY answering 407 names that proxy too (child pwsh)' {
        Set-LeanlyTestProxyCredential $server 'proxy-user:proxy-pass'
        $result = Invoke-ChildPwsh -Script $childQuery -Environment (New-ProxyEnvironment @{ HTTPS_PROXY = $server.ProxyUri })
        $answer = Read-ChildJson $result
        $answer.Id | Should -Be 'LeanlyProxyAuthenticationRequired,Leanly.Commands.ConnectLeanlyCommand'
        $answer.Message | Should -BeLike "The proxy $($server.ProxyUri) asked for credentials*"
        $answer.Action | Should -BeLike '*-ProxyCredential*'
    }
}
