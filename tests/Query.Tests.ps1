param([ValidateSet('http', 'https')] [string] $Transport = 'http')  # run over http and HTTPS by tests/Invoke-PesterRun.ps1

BeforeAll { . (Join-Path $PSScriptRoot 'Scripts/Open-FlowSuite.ps1') }

AfterAll { Close-LeanlyTestFile $server }

Describe "Invoke-LeanlyQuery (over $Transport)" {
    BeforeAll {
        Disconnect-Leanly
        Connect-TestLeanly -Server $server
    }

    It 'emits data as PSCustomObjects with properties in document order' {
        $result = Invoke-LeanlyQuery '{ echo(text: "hi") viewer { scopes clientId } }'
        $result | Should -BeOfType ([pscustomobject])
        $result.PSObject.Properties.Name | Should -Be @('echo', 'viewer')
        $result.viewer.PSObject.Properties.Name | Should -Be @('scopes', 'clientId')
        $result.echo | Should -Be 'hi'
    }

    It 'keeps strings as strings (no date guessing) and integers as Int64' {
        $result = Invoke-LeanlyQuery 'query($v: JSON) { echoJson(value: $v) }' -Variables @{ v = @{ when = '2026-01-02T03:04:05Z'; n = 42 } }
        $result.echoJson.when | Should -BeOfType ([string])
        $result.echoJson.when | Should -Be '2026-01-02T03:04:05Z'
        $result.echoJson.n | Should -BeOfType ([long])
    }

    It 'sends the bearer token: the server sees the connected client' {
        (Invoke-LeanlyQuery '{ viewer { clientId } }').viewer.clientId | Should -Be $client.ClientId
    }

    It 'passes variables and -OperationName' {
        $document = 'query A($t: String!) { echo(text: $t) } query B { viewer { clientId } }'
        (Invoke-LeanlyQuery $document -Variables @{ t = 'ünï' } -OperationName A).echo | Should -Be 'ünï'
        (Invoke-LeanlyQuery $document -OperationName B).viewer.clientId | Should -Be $client.ClientId
    }

    It 'writes each GraphQL error as a non-terminating error and still emits the partial data' {
        $result = Invoke-LeanlyQuery '{ viewer { clientId } failing }' -ErrorVariable problems -ErrorAction SilentlyContinue
        $result.viewer.clientId | Should -Be $client.ClientId
        $problems | Should -HaveCount 1
        $problems[0].FullyQualifiedErrorId | Should -Be 'LeanlyGraphQLError,Leanly.Commands.InvokeLeanlyQueryCommand'
        $problems[0].Exception.Message | Should -BeLike '*failing*'
        $problems[0].Exception.Message | Should -BeLike '*LEANLY_TEST_FAILURE*'
        $problems[0].Exception.GraphQLError.Path | Should -Be 'failing'
        $problems[0].Exception.GraphQLError.Code | Should -Be 'LEANLY_TEST_FAILURE'
        $problems[0].TargetObject | Should -Be '{ viewer { clientId } failing }'
    }

    It 'names the piped input each GraphQL error belongs to as its TargetObject, one request at a time too' {
        $rows = @{ text = 'first' }, @{ text = 'second' }
        $out = $rows | Invoke-LeanlyQuery 'query($text: String!) { echo(text: $text) failing }' -ErrorVariable problems -ErrorAction SilentlyContinue
        $out.echo | Should -Be 'first', 'second'
        $problems | Should -HaveCount 2
        $problems[0].TargetObject.text | Should -Be 'first'
        $problems[1].TargetObject.text | Should -Be 'second'
        $problems[1].Exception.GraphQLError.Path | Should -Be 'failing'
    }

    It 'surfaces a validation error answered with HTTP 400 as a GraphQL error, not a bare HTTP failure' {
        $result = Invoke-LeanlyQuery '{ noSuchField }' -ErrorVariable problems -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $problems | Should -HaveCount 1
        $problems[0].FullyQualifiedErrorId | Should -Be 'LeanlyGraphQLError,Leanly.Commands.InvokeLeanlyQueryCommand'
        $problems[0].Exception.Message | Should -BeLike '*noSuchField*'
    }

    It 'turns a GraphQL error into a terminating one with -ErrorAction Stop' {
        { Invoke-LeanlyQuery '{ failing }' -ErrorAction Stop } | Should -Throw -ErrorId 'LeanlyGraphQLError,Leanly.Commands.InvokeLeanlyQueryCommand'
    }

    It '-Raw emits the response JSON text' {
        $raw = Invoke-LeanlyQuery '{ echo(text: "raw") }' -Raw
        $raw | Should -BeOfType ([string])
        ($raw | ConvertFrom-Json).data.echo | Should -Be 'raw'
    }
}

Describe "Invoke-LeanlyQuery without a connection (over $Transport)" {
    BeforeAll { Disconnect-Leanly }

    It 'fails with LeanlyNotConnected and says to run Connect-Leanly' {
        $err = $null
        try { Invoke-LeanlyQuery '{ viewer { clientId } }' } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be 'LeanlyNotConnected,Leanly.Commands.InvokeLeanlyQueryCommand'
        $err.CategoryInfo.Category | Should -Be 'ConnectionError'
        $err.ErrorDetails.RecommendedAction | Should -BeLike '*Connect-Leanly*'
        $err.ErrorDetails.RecommendedAction | Should -BeLike '*-Connection*'
    }

    It 'refuses a connection object that was disconnected' {
        $connection = Connect-TestLeanly -Server $server -PassThru
        Disconnect-Leanly
        $connection.IsConnected | Should -BeFalse
        { Invoke-LeanlyQuery '{ viewer { clientId } }' -Connection $connection -ErrorAction Stop } |
            Should -Throw -ErrorId 'LeanlyConnectionClosed,Leanly.Commands.InvokeLeanlyQueryCommand'
        { Update-LeanlyToken -Connection $connection -ErrorAction Stop } |
            Should -Throw -ErrorId 'LeanlyConnectionClosed,Leanly.Commands.UpdateLeanlyTokenCommand'
    }
}
