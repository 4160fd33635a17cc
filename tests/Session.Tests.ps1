param([ValidateSet('http', 'https')] [string] $Transport = 'http')  # run over http and HTTPS by tests/Invoke-PesterRun.ps1

BeforeAll { . (Join-Path $PSScriptRoot 'Scripts/Open-FlowSuite.ps1') }

AfterAll { Close-LeanlyTestFile $server }

Describe "Connections and runspaces (over $Transport)" {
    BeforeEach { Disconnect-Leanly }

    It 'a connection made here is not the default of a ForEach-Object -Parallel runspace, but works there through -Connection' {
        $connection = Connect-TestLeanly -Server $server -PassThru
        $module = $env:LEANLY_TEST_MODULE
        $results = 1..3 | ForEach-Object -ThrottleLimit 3 -Parallel {
            Import-Module $using:module
            $default = Get-LeanlyConnection
            $notConnected = $null
            try { Invoke-LeanlyQuery '{ viewer { clientId } }' -ErrorAction Stop } catch { $notConnected = $_.FullyQualifiedErrorId }
            [pscustomobject]@{
                HasDefault   = $null -ne $default
                NotConnected = $notConnected
                ClientId     = (Invoke-LeanlyQuery '{ viewer { clientId } }' -Connection $using:connection).viewer.clientId
            }
        }
        $results | Should -HaveCount 3
        $results.HasDefault | Should -Not -Contain $true
        $results.NotConnected | Should -Be (@('LeanlyNotConnected,Leanly.Commands.InvokeLeanlyQueryCommand') * 3)
        $results.ClientId | Should -Be (@($connection.ClientId) * 3)
        [object]::ReferenceEquals((Get-LeanlyConnection), $connection) | Should -BeTrue
    }

    It 'Get-LeanlyConnection shows the connection and never token text' {
        Connect-TestLeanly -Server $server
        $connection = Get-LeanlyConnection
        $tokens = Invoke-ServerControl -Server $server -Path tokens
        $shown = ($connection | Format-List * -Force | Out-String) + ($connection | Format-Table | Out-String) +
            ($connection | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue) + $connection.ToString()
        foreach ($token in @($tokens.accessTokens) + @($tokens.refreshTokens)) {
            $shown | Should -Not -BeLike "*$token*"
        }
        $connection.PSObject.Properties.Name | Should -Contain 'ExpiresOn'
        $connection.PSObject.Properties.Name | Should -Contain 'HasRefreshToken'
    }

    It 'Disconnect-Leanly forgets the default connection' {
        Connect-TestLeanly -Server $server
        Disconnect-Leanly
        Get-LeanlyConnection | Should -BeNullOrEmpty
        { Invoke-LeanlyQuery '{ viewer { clientId } }' -ErrorAction Stop } | Should -Throw -ErrorId 'LeanlyNotConnected,Leanly.Commands.InvokeLeanlyQueryCommand'
    }
}
