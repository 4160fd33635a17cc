param([ValidateSet('http', 'https')] [string] $Transport = 'http')  # run over http and HTTPS by tests/Invoke-PesterRun.ps1

BeforeAll { . (Join-Path $PSScriptRoot 'Scripts/Open-FlowSuite.ps1') }

AfterAll { Close-LeanlyTestFile $server }

Describe "Update-LeanlyToken (over $Transport)" {
    BeforeEach { Reset-LeanlyTestFile $server }

    It 'refreshes with the refresh_token grant and the next query uses the new token (the old one is revoked)' {
        Set-LeanlyTestServer $server @{ revokeAccessOnRefresh = $true }
        Connect-TestLeanly -Server $server
        (Invoke-LeanlyQuery '{ viewer { clientId } }').viewer.clientId | Should -Not -BeNullOrEmpty
        Update-LeanlyToken
        (Invoke-LeanlyQuery '{ viewer { clientId } }').viewer.clientId | Should -Not -BeNullOrEmpty
        $stats = Get-LeanlyTestServerStats $server
        $stats.tokenRequests.client_credentials | Should -Be 1
        $stats.tokenRequests.refresh_token | Should -Be 1
        # Had the module kept sending the revoked token, the server would have answered 401 and the module a second refresh.
        $stats.unauthorized | Should -Be 0
        (Get-LeanlyConnection).HasRefreshToken | Should -BeTrue
    }

    It 'keeps the refresh token when the answer has none, and rotates when it has one' {
        Connect-TestLeanly -Server $server
        Update-LeanlyToken
        Update-LeanlyToken
        (Get-LeanlyTestServerStats $server).tokenRequests.refresh_token | Should -Be 2
        Set-LeanlyTestServer $server @{ rotateRefreshTokens = $true }
        Update-LeanlyToken
        # The old refresh token is revoked by rotation: a further refresh works only with the rotated one.
        Update-LeanlyToken
        $stats = Get-LeanlyTestServerStats $server
        $stats.tokenRequests.refresh_token | Should -Be 4
        $stats.tokenRequests.client_credentials | Should -Be 1
    }

    It 'extends the expiry' {
        Set-LeanlyTestServer $server @{ accessTokenLifetime = 30 }
        Connect-TestLeanly -Server $server
        $before = (Get-LeanlyConnection).ExpiresOn
        Set-LeanlyTestServer $server @{ accessTokenLifetime = 3600 }
        Update-LeanlyToken
        (Get-LeanlyConnection).ExpiresOn | Should -BeGreaterThan $before.AddSeconds(60)
    }

    It 'uses client credentials when the server issued no refresh token (strict mode)' {
        Set-LeanlyTestServer $server @{ strict = $true }
        Connect-TestLeanly -Server $server
        (Get-LeanlyConnection).HasRefreshToken | Should -BeFalse
        Update-LeanlyToken -Verbose 4>&1 | Out-String | Should -BeLike '*no refresh token*'
        (Invoke-LeanlyQuery '{ viewer { clientId } }').viewer.clientId | Should -Not -BeNullOrEmpty
        $stats = Get-LeanlyTestServerStats $server
        $stats.tokenRequests.client_credentials | Should -Be 2
        $stats.tokenRequests.refresh_token | Should -Be 0
    }

    It '-PassThru outputs the connection' {
        Connect-TestLeanly -Server $server
        Update-LeanlyToken -PassThru | Should -BeOfType ([Leanly.LeanlyConnection])
    }
}
