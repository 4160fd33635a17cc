BeforeAll {
    Import-Module $env:LEANLY_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:server = Start-LeanlyTestServer
    # A second server: the redirect target that must never be reached, and the forward proxy.
    $script:other = Start-LeanlyTestServer
    $script:client = Get-TestClient

    function script:Get-ErrorOf([scriptblock] $Script) {
        try { & $Script; return $null } catch { return $_ }
    }

    # Everything the second server was sent, whatever its path: token and GraphQL requests and proxied ones.
    function script:Get-RequestsSeen($Server) {
        $stats = Get-LeanlyTestServerStats $Server
        [pscustomobject]@{
            Token   = $stats.tokenRequests.total
            GraphQL = $stats.graphqlRequests
            Proxied = $stats.proxiedRequests
            All     = $stats.tokenRequests.total + $stats.graphqlRequests + $stats.unauthorized + $stats.proxiedRequests
        }
    }

    function script:Get-IssuedTokens { Invoke-ServerControl -Server $server -Path tokens }

    function script:New-ProxyEnvironment([hashtable] $Set = @{}) { New-LeanlyProxyEnvironment -Server $server -Set $Set }

    $script:childQuery = @'
$ErrorActionPreference = 'Stop'
Import-Module $env:LEANLY_TEST_MODULE
Connect-Leanly -MaxRetries 0 -TimeoutSec 20
'viewer=' + (Invoke-LeanlyQuery '{ viewer { clientId } }').viewer.clientId
'@
}

AfterAll {
    Disconnect-Leanly
    Stop-LeanlyTestServer $script:server
    Stop-LeanlyTestServer $script:other
}

Describe 'Plain http to a host that is not loopback is refused before anything is sent' {
    BeforeEach {
        Disconnect-Leanly
        Reset-LeanlyTestServer $server
        Reset-LeanlyTestServer $other
    }

    # The second server is given as -Proxy: had the module sent anything, the proxy would have seen it.
    It 'refuses -TokenUri <Uri>' -ForEach @(
        @{ Uri = 'http://leanly.example.com/token' }
        @{ Uri = 'http://10.1.2.3/token' }
        @{ Uri = 'http://128.0.0.1/token' }
        @{ Uri = 'http://127.0.0.1.nip.io/token' }
        @{ Uri = 'http://localhost.example.com/token' }
        @{ Uri = 'ftp://127.0.0.1/token' }
    ) {
        $err = Get-ErrorOf { Connect-Leanly -Credential $client.Credential -TokenUri $Uri -ApiUri $server.ApiUri -Proxy $other.BaseUri }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -Be 'LeanlyInsecureEndpoint,Leanly.Commands.ConnectLeanlyCommand'
        $err.CategoryInfo.Category | Should -Be 'SecurityError'
        $err.Exception.Message | Should -BeLike '*TokenUri*HTTPS*'
        $err.ErrorDetails.RecommendedAction | Should -BeLike '*https://*'
        (Get-RequestsSeen $other).All | Should -Be 0
        (Get-RequestsSeen $server).All | Should -Be 0
        Get-LeanlyConnection | Should -BeNullOrEmpty
    }

    It 'refuses -ApiUri <Uri>, so neither the secret nor a token is sent' -ForEach @(
        @{ Uri = 'http://leanly.example.com/graphql' }
        @{ Uri = 'http://192.168.10.20:8080/graphql' }
    ) {
        $err = Get-ErrorOf { Connect-Leanly -Credential $client.Credential -TokenUri $server.TokenUri -ApiUri $Uri -Proxy $other.BaseUri }
        $err.FullyQualifiedErrorId | Should -Be 'LeanlyInsecureEndpoint,Leanly.Commands.ConnectLeanlyCommand'
        $err.Exception.Message | Should -BeLike '*ApiUri*HTTPS*'
        (Get-RequestsSeen $server).All | Should -Be 0
        (Get-RequestsSeen $other).All | Should -Be 0
    }

    It 'refuses a user name and password in -<Parameter> and never repeats them' -ForEach @(
        @{ Parameter = 'TokenUri' }
        @{ Parameter = 'ApiUri' }
    ) {
        $uris = @{ TokenUri = $server.TokenUri; ApiUri = $server.ApiUri }
        $uris[$Parameter] = ([Uri] $uris[$Parameter]).AbsoluteUri -replace '^http://', 'http://ops:hunter2-pw@'
        $err = Get-ErrorOf { Connect-Leanly -Credential $client.Credential -TokenUri $uris.TokenUri -ApiUri $uris.ApiUri -Proxy $other.BaseUri }
        $err.FullyQualifiedErrorId | Should -Be 'LeanlyInsecureEndpoint,Leanly.Commands.ConnectLeanlyCommand'
        $err.Exception.Message | Should -BeLike "*$Parameter*user:password@*"
        $err.ErrorDetails.RecommendedAction | Should -BeLike '*Remove the user:password@ part*'
        ($err | Format-List * -Force | Out-String) + $err.Exception.ToString() | Should -Not -BeLike '*hunter2-pw*'
        (Get-RequestsSeen $server).All | Should -Be 0
        (Get-RequestsSeen $other).All | Should -Be 0
    }

    It 'refuses <Variable> from the environment' -ForEach @(
        @{ Variable = 'LEANLY_TOKEN_URI'; Value = 'http://oauth.leanly.example.com/token' }
        @{ Variable = 'LEANLY_API_URI'; Value = 'http://graphql.leanly.example.com/graphql' }
    ) {
        $env:LEANLY_TOKEN_URI = $server.TokenUri
        $env:LEANLY_API_URI = $server.ApiUri
        Set-Item "env:$Variable" $Value
        try {
            $err = Get-ErrorOf { Connect-Leanly -Credential $client.Credential -Proxy $other.BaseUri }
        }
        finally {
            Remove-Item env:LEANLY_TOKEN_URI, env:LEANLY_API_URI -ErrorAction SilentlyContinue
        }
        $err.FullyQualifiedErrorId | Should -Be 'LeanlyInsecureEndpoint,Leanly.Commands.ConnectLeanlyCommand'
        $err.Exception.Message | Should -BeLike "*$Value*HTTPS*"
        (Get-RequestsSeen $server).All | Should -Be 0
        (Get-RequestsSeen $other).All | Should -Be 0
    }
}

Describe 'Loopback may use plain http' {
    BeforeAll { $script:port = ([uri]$server.BaseUri).Port }
    BeforeEach { Reset-LeanlyTestFile $server }

    It 'connects and queries over http://localhost' {
        Connect-Leanly -Credential $client.Credential -TokenUri "http://localhost:$port/token" -ApiUri "http://localhost:$port/graphql"
        (Invoke-LeanlyQuery '{ viewer { clientId } }').viewer.clientId | Should -Be $client.ClientId
        (Get-LeanlyConnection).TokenUri.Host | Should -Be 'localhost'
    }

    # The server listens on 127.0.0.1 alone, so these cannot connect: the point is that the policy let them try.
    It 'lets http://<Address> through the policy (the request is made, not refused as insecure)' -ForEach @(
        @{ Address = '127.0.0.5' }
        @{ Address = '[::1]' }
    ) {
        $tokenUri = "http://${Address}:$port/token"
        $err = Get-ErrorOf { Connect-Leanly -Credential $client.Credential -TokenUri $tokenUri -ApiUri $server.ApiUri -MaxRetries 0 -TimeoutSec 10 }
        if ($null -ne $err) {
            $err.FullyQualifiedErrorId | Should -Not -BeLike 'LeanlyInsecureEndpoint*'
            $err.FullyQualifiedErrorId | Should -Be 'LeanlyNetworkError,Leanly.Commands.ConnectLeanlyCommand'
        }
        else {
            (Get-LeanlyConnection).IsConnected | Should -BeTrue
        }
    }
}

Describe 'Redirects are refused and their target never receives the request' {
    BeforeEach {
        Disconnect-Leanly
        Reset-LeanlyTestServer $server
        Reset-LeanlyTestServer $other
    }

    It 'token endpoint: HTTP <Status> is LeanlyRedirectRefused naming the location' -ForEach @(
        @{ Status = 301 }, @{ Status = 302 }, @{ Status = 303 }, @{ Status = 307 }, @{ Status = 308 }
    ) {
        Add-LeanlyTestServerFault -Server $server -Endpoint token -Kind redirect -Options @{ status = $Status; location = $other.TokenUri }
        $err = Get-ErrorOf { Connect-Leanly -Credential $client.Credential -TokenUri $server.TokenUri -ApiUri $server.ApiUri }
        $err.FullyQualifiedErrorId | Should -Be 'LeanlyRedirectRefused,Leanly.Commands.ConnectLeanlyCommand'
        $err.CategoryInfo.Category | Should -Be 'SecurityError'
        $err.Exception.Message | Should -BeLike "*HTTP $Status*$($other.TokenUri)*"
        $err.Exception.StatusCode | Should -Be $Status
        $err.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        (Get-LeanlyTestServerStats $server).faultsServed | Should -Be 1
        (Get-RequestsSeen $other).All | Should -Be 0
        Get-LeanlyConnection | Should -BeNullOrEmpty
    }

    It 'GraphQL endpoint: HTTP <Status> is LeanlyRedirectRefused naming the location, and the bearer token stays home' -ForEach @(
        @{ Status = 302 }, @{ Status = 307 }, @{ Status = 308 }
    ) {
        Connect-TestLeanly -Server $server
        Add-LeanlyTestServerFault -Server $server -Endpoint graphql -Kind redirect -Options @{ status = $Status; location = $other.ApiUri }
        $err = Get-ErrorOf { Invoke-LeanlyQuery '{ viewer { clientId } }' }
        $err.FullyQualifiedErrorId | Should -Be 'LeanlyRedirectRefused,Leanly.Commands.InvokeLeanlyQueryCommand'
        $err.CategoryInfo.Category | Should -Be 'SecurityError'
        $err.Exception.Message | Should -BeLike "*HTTP $Status*$($other.ApiUri)*"
        (Get-RequestsSeen $other).All | Should -Be 0
        # The refusal is per request: the connection itself stays usable.
        (Invoke-LeanlyQuery '{ viewer { clientId } }').viewer.clientId | Should -Be $client.ClientId
        (Get-RequestsSeen $other).All | Should -Be 0
    }

    It 'names a relative location too' {
        Add-LeanlyTestServerFault -Server $server -Endpoint token -Kind redirect -Options @{ status = 307; location = '/moved/token' }
        $err = Get-ErrorOf { Connect-TestLeanly -Server $server }
        $err.FullyQualifiedErrorId | Should -Be 'LeanlyRedirectRefused,Leanly.Commands.ConnectLeanlyCommand'
        $err.Exception.Message | Should -BeLike '*/moved/token*'
        (Get-LeanlyTestServerStats $server).faultsServed | Should -Be 1
    }
}

Describe 'HTTP Basic client authentication with reserved characters (RFC 6749 2.3.1)' {
    BeforeAll {
        # Every character that form-url-encoding changes, and a colon in both halves of the Basic pair.
        $script:specialId = 'id:+&=%ü"''-client'
        $script:specialSecret = 'se:cr+et&=%ü"''-value'
    }
    BeforeEach {
        Disconnect-Leanly
        Reset-LeanlyTestServer $server
        Set-LeanlyTestServer $server @{ clients = @(@{ clientId = $specialId; clientSecret = $specialSecret; scopes = @('read', 'write') }) }
    }

    It 'connects, queries and refreshes with -ClientAuthentication Basic' {
        $secure = ConvertTo-SecureString $specialSecret -AsPlainText -Force
        Connect-Leanly -ClientId $specialId -ClientSecret $secure -ClientAuthentication Basic -TokenUri $server.TokenUri -ApiUri $server.ApiUri
        $stats = Get-LeanlyTestServerStats $server
        $stats.lastClientAuthentication | Should -Be 'basic'
        $stats.tokenFailures | Should -Be 0
        (Get-LeanlyConnection).ClientAuthentication | Should -Be 'Basic'
        (Invoke-LeanlyQuery '{ viewer { clientId } }').viewer.clientId | Should -Be $specialId
        Update-LeanlyToken
        $stats = Get-LeanlyTestServerStats $server
        $stats.tokenRequests.refresh_token | Should -Be 1
        $stats.lastClientAuthentication | Should -Be 'basic'
        $stats.tokenFailures | Should -Be 0
    }

    It 'connects with the same credentials in the form body (the default)' {
        Connect-Leanly -Credential ([pscredential]::new($specialId, (ConvertTo-SecureString $specialSecret -AsPlainText -Force))) -TokenUri $server.TokenUri -ApiUri $server.ApiUri
        (Get-LeanlyTestServerStats $server).lastClientAuthentication | Should -Be 'body'
        (Invoke-LeanlyQuery '{ viewer { clientId } }').viewer.clientId | Should -Be $specialId
    }

    It 'is refused with invalid_client when the secret is wrong (the server really checks it)' {
        $wrong = ConvertTo-SecureString ($specialSecret + 'x') -AsPlainText -Force
        $err = Get-ErrorOf { Connect-Leanly -ClientId $specialId -ClientSecret $wrong -ClientAuthentication Basic -TokenUri $server.TokenUri -ApiUri $server.ApiUri }
        $err.FullyQualifiedErrorId | Should -Be 'LeanlyAuthenticationFailed,Leanly.Commands.ConnectLeanlyCommand'
        $err.Exception.OAuthError | Should -Be 'invalid_client'
        (Get-LeanlyTestServerStats $server).lastClientAuthentication | Should -Be 'basic'
    }
}

Describe 'A disconnected connection refuses further use' {
    BeforeEach { Reset-LeanlyTestFile $server }

    It 'fails <Command> with LeanlyConnectionClosed and sends nothing' -ForEach @(
        @{ Command = 'Invoke-LeanlyQuery'; Call = { param($c) Invoke-LeanlyQuery '{ viewer { clientId } }' -Connection $c } }
        @{ Command = 'Update-LeanlyToken'; Call = { param($c) Update-LeanlyToken -Connection $c } }
        @{ Command = 'Get-LeanlyAccessToken'; Call = { param($c) Get-LeanlyAccessToken -Connection $c } }
        @{ Command = 'Get-LeanlyAccessToken'; Call = { param($c) $c | Get-LeanlyAccessToken -AsPlainText } }
    ) {
        $connection = Connect-TestLeanly -Server $server -PassThru
        Disconnect-Leanly
        $connection.IsConnected | Should -BeFalse
        $before = Get-RequestsSeen $server
        $err = Get-ErrorOf { & $Call $connection }
        $err | Should -Not -BeNullOrEmpty
        $type = (Get-Command $Command).ImplementingType.FullName
        $err.FullyQualifiedErrorId | Should -Be "LeanlyConnectionClosed,$type"
        $err.CategoryInfo.Category | Should -Be 'InvalidOperation'
        $err.Exception.Message | Should -BeLike '*closed by Disconnect-Leanly*'
        $err.ErrorDetails.RecommendedAction | Should -BeLike '*Connect-Leanly*'
        (Get-RequestsSeen $server).All | Should -Be $before.All
    }

    It 'Disconnect-Leanly -Connection closes that connection and leaves the default alone' {
        $first = Connect-TestLeanly -Server $server -PassThru
        $second = Connect-TestLeanly -Server $server -PassThru
        Disconnect-Leanly -Connection $first
        $first.IsConnected | Should -BeFalse
        [object]::ReferenceEquals((Get-LeanlyConnection), $second) | Should -BeTrue
        $err = Get-ErrorOf { Invoke-LeanlyQuery '{ viewer { clientId } }' -Connection $first }
        $err.FullyQualifiedErrorId | Should -Be 'LeanlyConnectionClosed,Leanly.Commands.InvokeLeanlyQueryCommand'
        (Invoke-LeanlyQuery '{ viewer { clientId } }').viewer.clientId | Should -Be $client.ClientId
    }

    It 'leaves no default behind: the next command is LeanlyNotConnected' {
        Connect-TestLeanly -Server $server
        Disconnect-Leanly
        Get-LeanlyConnection | Should -BeNullOrEmpty
        $err = Get-ErrorOf { Invoke-LeanlyQuery '{ viewer { clientId } }' }
        $err.FullyQualifiedErrorId | Should -Be 'LeanlyNotConnected,Leanly.Commands.InvokeLeanlyQueryCommand'
    }
}

Describe 'Get-LeanlyAccessToken' {
    BeforeEach { Reset-LeanlyTestFile $server }

    It 'returns a SecureString by default, with the expiry beside it' {
        Connect-TestLeanly -Server $server
        $result = Get-LeanlyAccessToken
        $result.Token | Should -BeOfType ([securestring])
        $result.TokenType | Should -Be 'Bearer'
        $result.ClientId | Should -Be $client.ClientId
        $result.ExpiresOn | Should -Be (Get-LeanlyConnection).ExpiresOn
        $result.ExpiresOn | Should -BeGreaterThan ([DateTimeOffset]::UtcNow)
        $issued = (Get-IssuedTokens).accessTokens
        ConvertFrom-SecureString $result.Token -AsPlainText | Should -Be $issued[-1]
        $shown = ($result | Out-String) + ($result | Format-List * -Force | Out-String) + ($result | ConvertTo-Json -Depth 10)
        $shown.Contains($issued[-1]) | Should -BeFalse
    }

    It 'returns plain text only with -AsPlainText, and it works as a bearer token for another tool' {
        Connect-TestLeanly -Server $server
        $result = Get-LeanlyAccessToken -AsPlainText
        $result.Token | Should -BeOfType ([string])
        $result.Token | Should -Be (Get-IssuedTokens).accessTokens[-1]
        $result.ExpiresOn | Should -Be (Get-LeanlyConnection).ExpiresOn
        # Even now the default view does not print it: it must be asked for by property.
        ($result | Out-String).Contains($result.Token) | Should -BeFalse
        $answer = Invoke-RestMethod -Uri $server.ApiUri -Method Post -NoProxy -ContentType 'application/json' `
            -Headers @{ Authorization = "Bearer $($result.Token)" } -Body '{"query":"{ viewer { clientId } }"}'
        $answer.data.viewer.clientId | Should -Be $client.ClientId
    }

    It 'refreshes first when the token is inside the refresh window' {
        Set-LeanlyTestServer $server @{ accessTokenLifetime = 2 }
        Connect-TestLeanly -Server $server
        $first = (Get-IssuedTokens).accessTokens[-1]
        # A 2-second token is renewed from 1 s before its expiry.
        Start-Sleep -Milliseconds 1200
        $result = Get-LeanlyAccessToken -AsPlainText
        (Get-LeanlyTestServerStats $server).tokenRequests.refresh_token | Should -Be 1
        $result.Token | Should -Not -Be $first
        $result.Token | Should -Be (Get-IssuedTokens).accessTokens[-1]
        $result.ExpiresOn | Should -BeGreaterThan ([DateTimeOffset]::UtcNow)
    }

    It 'does not refresh outside the refresh window' {
        Connect-TestLeanly -Server $server
        $first = Get-LeanlyAccessToken -AsPlainText
        $second = Get-LeanlyAccessToken -AsPlainText
        $second.Token | Should -Be $first.Token
        (Get-LeanlyTestServerStats $server).tokenRequests.refresh_token | Should -Be 0
    }
}

Describe 'Proxies' {
    BeforeEach {
        Disconnect-Leanly
        Reset-LeanlyTestServer $server
        Reset-LeanlyTestServer $other
    }

    It 'names the proxy when the proxy cannot be reached' {
        $err = Get-ErrorOf { Connect-Leanly -Credential $client.Credential -TokenUri $server.TokenUri -ApiUri $server.ApiUri -Proxy 'http://127.0.0.1:9/' -MaxRetries 0 }
        $err.FullyQualifiedErrorId | Should -Be 'LeanlyNetworkError,Leanly.Commands.ConnectLeanlyCommand'
        $err.Exception.Message | Should -BeLike "*$($server.TokenUri) (through the proxy http://127.0.0.1:9) failed*"
        (Get-RequestsSeen $server).All | Should -Be 0
    }

    It 'Connect-Leanly -Proxy sends the token and GraphQL requests through the proxy' {
        $proxy = "http://127.0.0.1:$(([uri]$other.BaseUri).Port)"
        Connect-TestLeanly -Server $server -Extra @{ Proxy = $proxy }
        (Get-RequestsSeen $other).Proxied | Should -Be 1
        (Invoke-LeanlyQuery '{ viewer { clientId } }').viewer.clientId | Should -Be $client.ClientId
        (Get-RequestsSeen $other).Proxied | Should -Be 2
        Update-LeanlyToken
        (Get-RequestsSeen $other).Proxied | Should -Be 3
        $stats = Get-LeanlyTestServerStats $server
        $stats.tokenRequests.total | Should -Be 2
        $stats.graphqlRequests | Should -Be 1
        (Get-LeanlyConnection).Proxy | Should -Be ([uri]$proxy)
    }

    It 'accepts -ProxyCredential, and the proxy password shows nowhere on the connection' {
        $password = 'Pr0xy-Pa55-Only-Here'
        $credential = [pscredential]::new('proxy-user', (ConvertTo-SecureString $password -AsPlainText -Force))
        $connection = Connect-TestLeanly -Server $server -PassThru -Extra @{ Proxy = $other.BaseUri; ProxyCredential = $credential }
        (Invoke-LeanlyQuery '{ viewer { clientId } }').viewer.clientId | Should -Be $client.ClientId
        (Get-RequestsSeen $other).Proxied | Should -Be 2
        $shown = ($connection | Format-List * -Force | Out-String) + ($connection | ConvertTo-Json -Depth 10)
        $shown.Contains($password) | Should -BeFalse
    }

    It 'honours HTTP_PROXY from the environment when -Proxy is not given (child pwsh)' {
        $result = Invoke-ChildPwsh -Script $childQuery -Environment (New-ProxyEnvironment @{ HTTP_PROXY = $other.BaseUri })
        $result.ExitCode | Should -Be 0 -Because $result.Error
        $result.Output | Should -BeLike "*viewer=$($client.ClientId)*"
        (Get-RequestsSeen $other).Proxied | Should -Be 2
        (Get-LeanlyTestServerStats $server).graphqlRequests | Should -Be 1
    }

    It 'honours NO_PROXY from the environment (child pwsh)' {
        $result = Invoke-ChildPwsh -Script $childQuery -Environment (New-ProxyEnvironment @{ HTTP_PROXY = $other.BaseUri; NO_PROXY = '127.0.0.1' })
        $result.ExitCode | Should -Be 0 -Because $result.Error
        $result.Output | Should -BeLike "*viewer=$($client.ClientId)*"
        (Get-RequestsSeen $other).Proxied | Should -Be 0
        (Get-LeanlyTestServerStats $server).graphqlRequests | Should -Be 1
    }

    It '-Proxy wins over HTTP_PROXY (child pwsh, HTTP_PROXY points at a closed port)' {
        $script = $childQuery -replace 'Connect-Leanly ', "Connect-Leanly -Proxy '$($other.BaseUri)' "
        $result = Invoke-ChildPwsh -Script $script -Environment (New-ProxyEnvironment @{ HTTP_PROXY = 'http://127.0.0.1:9' })
        $result.ExitCode | Should -Be 0 -Because $result.Error
        $result.Output | Should -BeLike "*viewer=$($client.ClientId)*"
        (Get-RequestsSeen $other).Proxied | Should -Be 2
    }
}

Describe 'Certificate validation is never switched off' {
    BeforeAll {
        $script:pattern = 'ServerCertificateCustomValidationCallback|ServerCertificateValidationCallback|DangerousAcceptAnyServerCertificateValidator|RemoteCertificateValidationCallback|CheckCertificateRevocationList\s*=\s*false|SkipCertificateCheck'
    }

    It 'no source file under src/ touches certificate validation' {
        $root = Join-Path (Split-Path $PSScriptRoot -Parent) 'src'
        $files = Get-ChildItem $root -Recurse -File -Include *.cs, *.ps1, *.psm1, *.csproj, *.props |
            Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' }
        $files.Count | Should -BeGreaterThan 20
        # The pattern itself must be able to match, or an empty result proves nothing.
        'handler.ServerCertificateCustomValidationCallback = null' | Should -Match $pattern
        $hits = $files | Select-String -Pattern $pattern
        ($hits | ForEach-Object { "$($_.Path):$($_.LineNumber)" }) | Should -BeNullOrEmpty
    }

    It 'the built module assemblies reference no certificate validation override' {
        $moduleDir = Split-Path $env:LEANLY_TEST_MODULE -Parent
        # Every DLL beside Leanly.dll: the module's own and the schema libraries it ships (GraphQL, GraphQLParser).
        $dlls = Get-ChildItem $moduleDir -Filter '*.dll'
        $dlls.Count | Should -Be 5
        # A member the core does use is found the same way, so a miss below means absence, not a blind scan.
        $core = [Text.Encoding]::Latin1.GetString([IO.File]::ReadAllBytes((Join-Path $moduleDir 'Leanly.Core.dll')))
        $core.Contains('set_AllowAutoRedirect') | Should -BeTrue
        foreach ($dll in $dlls) {
            # Member references are stored by name in the metadata string heap.
            $text = [Text.Encoding]::Latin1.GetString([IO.File]::ReadAllBytes($dll.FullName))
            $text | Should -Not -Match $pattern -Because $dll.Name
        }
    }}


Describe 'Proxy credentials given in the -Proxy URI' {
    It 'moves user:password out of the URI so the connection never shows it' {
        $proxyServer = Start-LeanlyTestServer
        try {
            $port = ([uri]$proxyServer.BaseUri).Port
            $connection = Connect-TestLeanly -Server $server -PassThru -Extra @{ Proxy = [uri]"http://proxyuser:Pr0xy-Pa55word@127.0.0.1:$port" }
            $connection.Proxy.UserInfo | Should -BeNullOrEmpty
            ($connection | Format-List * -Force | Out-String) + ($connection | ConvertTo-Json -WarningAction SilentlyContinue) | Should -Not -BeLike '*Pr0xy-Pa55word*'
            (Invoke-LeanlyQuery '{ viewer { clientId } }' -Connection $connection).viewer.clientId | Should -Not -BeNullOrEmpty
            (Get-LeanlyTestServerStats $proxyServer).proxiedRequests | Should -BeGreaterThan 0
        }
        finally {
            Disconnect-Leanly
            Stop-LeanlyTestServer $proxyServer
        }
    }
}
