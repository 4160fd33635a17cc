param([ValidateSet('http', 'https')] [string] $Transport = 'http')  # run over http and HTTPS by tests/Invoke-PesterRun.ps1

BeforeAll {
    . (Join-Path $PSScriptRoot 'Scripts/Open-FlowSuite.ps1')
    $script:scratch = Join-Path ([IO.Path]::GetTempPath()) "leanly-schema-$([guid]::NewGuid().ToString('N'))"
    New-Item -ItemType Directory -Path $scratch | Out-Null

    # Tab in a pwsh of its own on a vault connection whose token expired (Scripts/Schema/Complete-ExpiredVaultToken.ps1):
    # its outcome, and every other line it printed on stdout or stderr (a host write, a prompt, an error).
    function script:Invoke-ExpiredVaultTab([ValidateSet('Refresh', 'Refused')] [string] $Scenario) {
        $environment = @{
            LEANLY_SECRETDOUBLE_STORE = Join-Path $scratch "vault-$Scenario-$([guid]::NewGuid().ToString('N')).json"
            LEANLY_IT_SCENARIO        = $Scenario
            LEANLY_IT_BASE_URI        = $server.BaseUri
            LEANLY_IT_TOKEN_URI       = $server.TokenUri
            LEANLY_IT_API_URI         = $server.ApiUri
        }
        $run = Invoke-ChildPwsh -Script "& '$(Join-Path $PSScriptRoot 'Scripts/Schema/Complete-ExpiredVaultToken.ps1')'" -Environment $environment
        $other = @($run.Output -split "`r?`n" | Where-Object { $_.Trim() -and $_ -notlike '{*' }) + @($run.Error -split "`r?`n" | Where-Object { $_.Trim() })
        [pscustomobject]@{ Outcome = Read-ChildJson $run; Other = $other }
    }
}

AfterAll {
    Close-LeanlyTestFile $server
    Remove-Item $scratch -Recurse -Force -ErrorAction SilentlyContinue
}

Describe "Get-LeanlySchema, Get-LeanlyType and Export-LeanlySchema (over $Transport)" {
    BeforeEach { Reset-LeanlyTestFile $server }

    It 'fetches the schema once per connection, and again with -Force' {
        Connect-TestLeanly -Server $server
        $schema = Get-LeanlySchema
        $schema.QueryType | Should -Be 'Query'
        $schema.MutationType | Should -Be 'Mutation'
        $schema.Source | Should -Be $server.ApiUri
        $schema.Types.Name | Should -Contain 'SearchResult'
        Get-LeanlySchema | Should -Be $schema
        Get-LeanlyType Issue | Out-Null
        (Get-LeanlyTestServerStats $server).graphqlRequests | Should -Be 1
        Get-LeanlySchema -Force | Should -Not -Be $schema
        (Get-LeanlyTestServerStats $server).graphqlRequests | Should -Be 2
    }

    It 'gives types by name, wildcard and kind, with SDL types and deprecations, and a field table as the default view' {
        Connect-TestLeanly -Server $server
        $issue = Get-LeanlyType issue
        $issue.Kind | Should -Be 'Object'
        $issue.Interfaces | Should -Be @('Node', 'Entry')
        ($issue.Fields | Where-Object Name -EQ labels).Type | Should -Be '[String!]!'
        ($issue.Fields | Where-Object Name -EQ status).IsDeprecated | Should -BeTrue
        ($issue.Fields | Where-Object Name -EQ comments).Arguments.Name | Should -Contain 'first'
        (Get-LeanlyType -Kind Enum).Name | Should -Be @('IssueState', 'OrderDirection', 'Priority')
        (Get-LeanlyType Issue*).Name | Should -Contain 'IssueFilter'
        (Get-LeanlyType *).Name | Should -Not -Contain '__Type'
        (Get-LeanlyType __Type).Name | Should -Be '__Type'
        $view = Get-LeanlyType Issue | Out-String -Width 120
        $view | Should -Match 'TypeName: Issue \(Object\)'
        $view | Should -Match '(?m)^labels\s+\[String!\]!'
        $view | Should -Match 'deprecated: '
    }

    It 'says which type name was meant when one is not found, and goes on with the others' {
        Connect-TestLeanly -Server $server
        $found = Get-LeanlyType Isue, Priority -ErrorVariable problems -ErrorAction SilentlyContinue
        $found.Name | Should -Be 'Priority'
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'LeanlyTypeNotFound*'
        $problems[0].Exception.Message | Should -Match "Did you mean 'Issue'"
    }

    It 'exports SDL and JSON that read back as the same schema, offline' {
        Connect-TestLeanly -Server $server
        $sdl = Join-Path $scratch 'schema.graphql'
        $json = Join-Path $scratch 'schema.json'
        Export-LeanlySchema -Path $sdl
        Get-LeanlySchema | Export-LeanlySchema -Path $json -PassThru | Should -BeOfType [IO.FileInfo]
        Disconnect-Leanly
        $fromSdl = Get-LeanlySchema -Schema $sdl
        $fromJson = Get-LeanlySchema -Schema $json
        $fromSdl.Source | Should -Be $sdl
        ($fromSdl.Types.Name | Sort-Object) | Should -Be ($fromJson.Types.Name | Sort-Object)
        (Get-LeanlyType -Schema $sdl Issue).Fields.Name | Should -Be (Get-LeanlyType -Schema $json Issue).Fields.Name
        $again = Join-Path $scratch 'again.graphql'
        Export-LeanlySchema -Schema $json -Path $again
        Get-Content -Raw $again | Should -BeExactly (Get-Content -Raw $sdl)
    }

    It 'refuses an unknown extension and an existing file under -NoClobber, and keeps the old file' {
        Connect-TestLeanly -Server $server
        $file = Join-Path $scratch 'keep.graphql'
        Set-Content -Path $file -Value 'old'
        { Export-LeanlySchema -Path $file -NoClobber -ErrorAction Stop } | Should -Throw -ErrorId 'LeanlySchemaExportFailed*'
        Get-Content $file | Should -Be 'old'
        { Export-LeanlySchema -Path (Join-Path $scratch 'schema.txt') -ErrorAction Stop } | Should -Throw -ErrorId 'LeanlySchemaExportFailed*'
        { Get-LeanlySchema -Schema (Join-Path $scratch 'missing.json') -ErrorAction Stop } | Should -Throw -ErrorId 'LeanlySchemaFileNotFound*'
        Set-Content -Path (Join-Path $scratch 'bad.graphql') -Value 'type Query { id: Nope }'
        { Get-LeanlySchema -Schema (Join-Path $scratch 'bad.graphql') -ErrorAction Stop } | Should -Throw -ErrorId 'LeanlySchemaFileInvalid*'
    }

    It 'says so when the server refuses introspection, and a schema file still works' {
        Connect-TestLeanly -Server $server
        Export-LeanlySchema -Path (Join-Path $scratch 'off.graphql')
        Connect-TestLeanly -Server $server
        Set-LeanlyTestServer $server @{ introspection = $false }
        { Get-LeanlySchema -ErrorAction Stop } | Should -Throw -ErrorId 'LeanlyIntrospectionDisabled*'
        (Invoke-LeanlyQuery '{ viewer { clientId } }').viewer.clientId | Should -Not -BeNullOrEmpty
        Test-LeanlyQuery -Schema (Join-Path $scratch 'off.graphql') '{ viewer { clientId } }' -Quiet | Should -BeTrue
        (TabExpansion2 -inputScript "Invoke-LeanlyQuery '{ vie" -cursorColumn 24).CompletionMatches | Should -BeNullOrEmpty
    }
}

Describe "Test-LeanlyQuery, completion and deprecation warnings (over $Transport)" {
    BeforeEach { Reset-LeanlyTestFile $server }

    It 'reports problems with graphql-js locations and did-you-mean, warnings for deprecations, nothing for a valid document' {
        Connect-TestLeanly -Server $server
        $problem = Test-LeanlyQuery '{ issues { id titel } }'
        $problem.Rule | Should -Be 'FieldsOnCorrectType'
        $problem.Severity | Should -Be 'Error'
        "$($problem.Line):$($problem.Column)" | Should -Be '1:15'
        $problem.Message | Should -Match "Did you mean 'title'"
        (Test-LeanlyQuery '{ issue(id: "1") { status } }').Severity | Should -Be 'Warning'
        Test-LeanlyQuery '{ viewer { clientId } }' | Should -BeNullOrEmpty
        Test-LeanlyQuery '{ issues { titel } }' -Quiet | Should -BeFalse
        (Test-LeanlyQuery '{ issues {' ).Rule | Should -Be 'Syntax'
    }

    It 'checks files from -Path wildcards and from Get-ChildItem, going on after a missing file' {
        Connect-TestLeanly -Server $server
        $folder = Join-Path $scratch 'queries'
        New-Item -ItemType Directory -Path $folder -Force | Out-Null
        Set-Content -Path (Join-Path $folder 'good.graphql') -Value '{ viewer { clientId } }'
        Set-Content -Path (Join-Path $folder 'bad.graphql') -Value "query {`n  issues { nope }`n}"
        $problems = Test-LeanlyQuery -Path (Join-Path $folder '*.graphql')
        $problems.Path | Should -Be (Join-Path $folder 'bad.graphql')
        $problems.Line | Should -Be 2
        (Get-ChildItem $folder -Filter *.graphql | Test-LeanlyQuery).Rule | Should -Be 'FieldsOnCorrectType'
        $found = Test-LeanlyQuery -LiteralPath (Join-Path $folder 'none.graphql'), (Join-Path $folder 'bad.graphql') -ErrorVariable missing -ErrorAction SilentlyContinue
        $found.Rule | Should -Be 'FieldsOnCorrectType'
        $missing[0].FullyQualifiedErrorId | Should -BeLike 'LeanlyQueryFileNotFound*'
    }

    It 'completes fields, arguments, enum values and type names at the prompt through TabExpansion2' {
        Connect-TestLeanly -Server $server
        $line = "Invoke-LeanlyQuery '{ iss"
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain "'{ issues"
        $line = "Test-LeanlyQuery '{ issues(state: CL"
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain "'{ issues(state: CLOSED"
        $line = 'Get-LeanlyType IssueS'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain 'IssueState'
        $line = "Invoke-LeanlyQuery -Query 'query Mine { viewer { clientId } }' -OperationName "
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain 'Mine'
    }

    It 'completes nothing and writes no error without a connection' {
        Disconnect-Leanly -ErrorAction SilentlyContinue
        $Error.Clear()
        $line = "Invoke-LeanlyQuery '{ iss"
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | Should -BeNullOrEmpty
        $Error.Count | Should -Be 0
    }

    It 'completes with an expired token of a vault connection by renewing it with the refresh token: no prompt, no error, nothing on the host' {
        $run = Invoke-ExpiredVaultTab Refresh
        $outcome = $run.Outcome
        $outcome.Expired | Should -BeTrue
        $run.Other | Should -BeNullOrEmpty
        $outcome.Tab | Should -Contain "'{ issues"
        @($outcome.ErrorsAfterTab) | Should -HaveCount 0 -Because "completion must not record errors; got: $($outcome.ErrorsAfterTab -join ' | ')"
        $outcome.GrantsAfterTab.RefreshToken | Should -Be 1
        $outcome.GrantsAfterTab.ClientCredentials | Should -Be 1
        $outcome.Viewer | Should -Be $client.ClientId
    }

    It 'completes nothing, and reads no vault, when only the vault could renew an expired token; the next query renews and Tab works again' {
        $run = Invoke-ExpiredVaultTab Refused
        $outcome = $run.Outcome
        $outcome.Expired | Should -BeTrue
        $run.Other | Should -BeNullOrEmpty
        $outcome.Tab | Should -BeNullOrEmpty
        @($outcome.ErrorsAfterTab) | Should -HaveCount 0 -Because "completion must not record errors; got: $($outcome.ErrorsAfterTab -join ' | ')"
        # The refused refresh token, and no sign-in: the rotated secret was not read from the vault by Tab.
        $outcome.GrantsAfterTab.RefreshToken | Should -Be 1
        $outcome.GrantsAfterTab.ClientCredentials | Should -Be 1
        # The query reads the vault again and signs in with the rotated secret; then Tab fetches the schema.
        $outcome.Viewer | Should -Be $client.ClientId
        $outcome.GrantsAfterQuery.ClientCredentials | Should -Be 2
        $outcome.TabAfterQuery | Should -Contain "'{ issues"
        @($outcome.Errors) | Should -HaveCount 0 -Because "got: $($outcome.Errors -join ' | ')"
    }

    It 'warns once per session about a deprecated field or argument, only when the schema is held' {
        # Warned once per runspace: the http and https runs of this file may share one process, so each uses its own.
        $document, $coordinate = if ($Transport -eq 'http') { '{ issue(id: "1") { status } }', 'Issue\.status' } else { '{ issues(state: OPEN) { id } }', 'state' }
        Connect-TestLeanly -Server $server
        Invoke-LeanlyQuery $document -WarningVariable before | Out-Null
        $before | Should -BeNullOrEmpty
        (Get-LeanlyTestServerStats $server).graphqlRequests | Should -Be 1
        Get-LeanlySchema | Out-Null
        Invoke-LeanlyQuery $document -WarningVariable first | Out-Null
        "$first" | Should -Match $coordinate
        Invoke-LeanlyQuery $document -WarningVariable second | Out-Null
        $second | Should -BeNullOrEmpty
    }
}

Describe 'Loading the schema libraries' {
    It 'loads no schema assembly for import, connect and a query, and loads them for Test-LeanlyQuery' {
        $script = @'
Import-Module '{0}'
Connect-Leanly -ClientId '{1}' -ClientSecret (ConvertTo-SecureString '{2}' -AsPlainText -Force) -TokenUri '{3}' -ApiUri '{4}' {5}
$null = Invoke-LeanlyQuery '{{ viewer {{ clientId }} }}'
$names = {{ @([AppDomain]::CurrentDomain.GetAssemblies().GetName().Name | Where-Object {{ $_ -in 'Leanly.Schema', 'GraphQL', 'GraphQLParser' }}) }}
$before = & $names
$null = Test-LeanlyQuery '{{ viewer {{ clientId }} }}'
@{{ Before = $before; After = & $names }} | ConvertTo-Json -Compress
'@
        # Its own loopback http server: the point is what the child process loads, not the transport.
        $plain = Start-LeanlyTestServer
        try {
            $run = Invoke-ChildPwsh -Script ($script -f $env:LEANLY_TEST_MODULE, $client.ClientId, $client.ClientSecret, $plain.TokenUri, $plain.ApiUri, '')
        }
        finally {
            Stop-LeanlyTestServer $plain
        }
        $result = Read-ChildJson $run
        @($result.Before) | Should -BeNullOrEmpty
        @($result.After | Sort-Object) | Should -Be @('GraphQL', 'GraphQLParser', 'Leanly.Schema')
    }
}
