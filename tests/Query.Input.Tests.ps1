BeforeAll {
    Import-Module $env:LEANLY_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:server = Start-LeanlyTestServer
    $script:client = Get-TestClient
    $script:echoJson = 'query($v: JSON) { echoJson(value: $v) }'

    # The server's echoJson returns any JSON value exactly as it received it.
    function script:Invoke-Echo($Value) { (Invoke-LeanlyQuery $echoJson -Variables @{ v = $Value } -ErrorAction Stop).echoJson }
    function script:Get-GraphQLRequestCount { (Get-LeanlyTestServerStats $server).graphqlRequests }
}

AfterAll {
    Disconnect-Leanly
    Stop-LeanlyTestServer $script:server
}

Describe 'Invoke-LeanlyQuery -Query takes any GraphQL document and sends it as written' {
    BeforeAll {
        Disconnect-Leanly
        Connect-TestLeanly -Server $server
    }

    It 'takes the shorthand form { ... }' {
        (Invoke-LeanlyQuery '{ echo(text: "short") }').echo | Should -Be 'short'
    }

    It 'takes a named operation' {
        (Invoke-LeanlyQuery 'query Named { echo(text: "named") }').echo | Should -Be 'named'
    }

    It 'runs the operation named by -OperationName from a document with several' {
        $document = @'
query First { echo(text: "first") }
query Second($t: String!) { echo(text: $t) }
mutation Third { increment }
'@
        (Invoke-LeanlyQuery $document -OperationName First).echo | Should -Be 'first'
        (Invoke-LeanlyQuery $document -OperationName Second -Variables @{ t = 'second' }).echo | Should -Be 'second'
    }

    It 'leaves the choice to the server when a document with several operations has no -OperationName' {
        $result = Invoke-LeanlyQuery 'query A { echo(text: "a") } query B { echo(text: "b") }' -ErrorVariable problems -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $problems | Should -HaveCount 1
        $problems[0].FullyQualifiedErrorId | Should -Be 'LeanlyGraphQLError,Leanly.Commands.InvokeLeanlyQueryCommand'
    }

    It 'takes a document that starts with a fragment' {
        $document = @'
fragment Who on Viewer { clientId }
query { viewer { ...Who } }
'@
        (Invoke-LeanlyQuery $document).viewer.clientId | Should -Be $client.ClientId
    }

    It 'takes comments, also ones holding braces and quotes' {
        $document = @'
# A comment before the operation: { "not" a selection }
query Commented { # after the brace }
  echo(text: "# not a comment") # trailing }
}
'@
        (Invoke-LeanlyQuery $document).echo | Should -Be '# not a comment'
    }

    It 'sends a one-line block string unchanged: spaces, quotes, backslashes, braces and # survive' {
        $text = '  two  spaces   "quoted" \ backslash { brace } # hash  '
        $document = '{ echo(text: """' + $text + '""") }'
        (Invoke-LeanlyQuery $document).echo | Should -BeExactly $text
    }

    It 'sends a multi-line block string as written, so the server strips the common indentation and keeps the rest' {
        # GraphQL block strings: the indentation common to all lines but the first goes, relative indentation stays.
        $document = "{ echo(text: `"`"`"`n      first line`n        indented   by two`n      last line`n    `"`"`") }"
        (Invoke-LeanlyQuery $document).echo | Should -BeExactly "first line`n  indented   by two`nlast line"
    }

    It 'keeps tabs and Windows line endings of the document' {
        $document = "query`r`n{`r`n`techo(text: `"tab`")`r`n}`r`n"
        (Invoke-LeanlyQuery $document).echo | Should -Be 'tab'
    }
}

Describe 'Invoke-LeanlyQuery -Path' {
    BeforeAll {
        Disconnect-Leanly
        Connect-TestLeanly -Server $server
        $script:folder = Join-Path ([IO.Path]::GetTempPath()) ("leanly-query-" + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path (Join-Path $folder 'sub') -Force | Out-Null
        Set-Content -Path (Join-Path $folder 'echo.graphql') -Value 'query($t: String!) { echo(text: $t) }' -Encoding utf8NoBOM
        Set-Content -Path (Join-Path $folder 'sub/unicode.graphql') -Value "# ünïcödé`n{ echo(text: `"grüße 😀`") }" -Encoding utf8BOM
    }

    AfterAll {
        Remove-Item $script:folder -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'reads the file relative to the current PowerShell location, not the process directory' {
        Push-Location $folder
        try {
            # The test proves something only when the two differ.
            [Environment]::CurrentDirectory | Should -Not -Be (Get-Location).ProviderPath
            (Invoke-LeanlyQuery -Path echo.graphql -Variables @{ t = 'from a file' }).echo | Should -Be 'from a file'
            (Invoke-LeanlyQuery -Path ./sub/unicode.graphql).echo | Should -Be 'grüße 😀'
        }
        finally {
            Pop-Location
        }
    }

    It 'reads a PowerShell path such as TestDrive:' {
        Set-Content -Path TestDrive:/drive.graphql -Value '{ echo(text: "drive") }'
        (Invoke-LeanlyQuery -Path TestDrive:/drive.graphql).echo | Should -Be 'drive'
    }

    It 'writes LeanlyQueryFileNotFound for a missing file, says where it looked, and sends nothing' {
        Push-Location $folder
        try {
            Reset-LeanlyTestServer $server
            $result = Invoke-LeanlyQuery -Path missing.graphql -ErrorVariable problems -ErrorAction SilentlyContinue
            $result | Should -BeNullOrEmpty
            $problems | Should -HaveCount 1
            $problems[0].FullyQualifiedErrorId | Should -Be 'LeanlyQueryFileNotFound,Leanly.Commands.InvokeLeanlyQueryCommand'
            $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $problems[0].Exception.Message | Should -BeLike '*missing.graphql*'
            $problems[0].ErrorDetails.RecommendedAction | Should -BeLike '*Get-Location*'
            Get-GraphQLRequestCount | Should -Be 0
        }
        finally {
            Pop-Location
        }
    }

    It 'says a folder given to -Path is a folder, not that access is denied' {
        Push-Location $folder
        try {
            Reset-LeanlyTestServer $server
            $null = Invoke-LeanlyQuery -Path sub -ErrorVariable problems -ErrorAction SilentlyContinue
            $problems | Should -HaveCount 1
            $problems[0].FullyQualifiedErrorId | Should -Be 'LeanlyQueryFileNotFound,Leanly.Commands.InvokeLeanlyQueryCommand'
            $problems[0].Exception.Message | Should -BeLike "*'sub' is a folder*"
            $problems[0].Exception.Message | Should -Not -BeLike '*denied*'
            Get-GraphQLRequestCount | Should -Be 0
        }
        finally {
            Pop-Location
        }
    }
}

Describe 'Invoke-LeanlyQuery -Variables' {
    BeforeAll {
        Disconnect-Leanly
        Connect-TestLeanly -Server $server
    }

    It 'takes a <Kind>' -ForEach @(
        @{ Kind = 'Hashtable'; Variables = { @{ t = 'hashtable' } }; Expected = 'hashtable' }
        @{ Kind = 'ordered dictionary'; Variables = { [ordered]@{ t = 'ordered' } }; Expected = 'ordered' }
        @{ Kind = 'PSCustomObject'; Variables = { [pscustomobject]@{ t = 'custom' } }; Expected = 'custom' }
        @{ Kind = 'Dictionary[string,object]'; Variables = { $d = [Collections.Generic.Dictionary[string, object]]::new(); $d['t'] = 'generic'; $d }; Expected = 'generic' }
    ) {
        (Invoke-LeanlyQuery 'query($t: String!) { echo(text: $t) }' -Variables (& $Variables)).echo | Should -Be $Expected
    }

    It 'round-trips a string' { Invoke-Echo 'ünï "quoted" \ 😀' | Should -BeExactly 'ünï "quoted" \ 😀' }
    It 'round-trips an empty string' { Invoke-Echo '' | Should -BeExactly '' }
    It 'round-trips Int32 as Int64' {
        $value = Invoke-Echo ([int]42)
        $value | Should -Be 42
        $value | Should -BeOfType ([long])
    }
    It 'round-trips Int64 beyond double precision' {
        $value = Invoke-Echo ([long]9007199254740993)
        $value | Should -Be 9007199254740993
        $value | Should -BeOfType ([long])
    }
    It 'round-trips a decimal' { Invoke-Echo ([decimal]'12.345') | Should -Be 12.345 }
    It 'round-trips a decimal too big for Int64 as a Decimal' {
        $value = Invoke-Echo ([decimal]'79228162514264337593543950335')
        $value | Should -BeOfType ([decimal])
        $value | Should -Be ([decimal]'79228162514264337593543950335')
    }
    It 'round-trips a double' {
        $value = Invoke-Echo 1.5e300
        $value | Should -BeOfType ([double])
        $value | Should -Be 1.5e300
    }
    It 'round-trips booleans' {
        Invoke-Echo $true | Should -BeExactly $true
        Invoke-Echo $false | Should -BeExactly $false
    }
    It 'round-trips $null' {
        $result = Invoke-LeanlyQuery $echoJson -Variables @{ v = $null }
        $result.PSObject.Properties.Name | Should -Be 'echoJson'
        $result.echoJson | Should -BeNullOrEmpty
    }
    It 'round-trips arrays, empty ones included' {
        $value = Invoke-Echo @{ list = @(1, 'two', $null, $true, @(3, 4)); empty = @() }
        $value.list.Count | Should -Be 5
        $value.list[0] | Should -Be 1
        $value.list[1] | Should -Be 'two'
        $value.list[2] | Should -BeNullOrEmpty
        $value.list[3] | Should -BeTrue
        $value.list[4] | Should -Be @(3, 4)
        , $value.empty | Should -BeOfType ([object[]])
        $value.empty.Count | Should -Be 0
    }
    It 'round-trips a List[T] and an ArrayList as arrays' {
        $list = [Collections.Generic.List[int]]::new(); $list.Add(7); $list.Add(8)
        (Invoke-Echo $list) | Should -Be @(7, 8)
        (Invoke-Echo ([Collections.ArrayList]@('x', 'y'))) | Should -Be @('x', 'y')
    }
    It 'sends DateTime as ISO 8601' {
        Invoke-Echo ([datetime]::new(2026, 1, 2, 3, 4, 5, [DateTimeKind]::Utc)) | Should -BeExactly '2026-01-02T03:04:05.0000000Z'
    }
    It 'sends DateTimeOffset as ISO 8601 with its offset' {
        Invoke-Echo ([DateTimeOffset]::new(2026, 1, 2, 3, 4, 5, [TimeSpan]::FromHours(2))) | Should -BeExactly '2026-01-02T03:04:05.0000000+02:00'
    }
    It 'sends enums by name' {
        Invoke-Echo ([DayOfWeek]::Friday) | Should -BeExactly 'Friday'
        Invoke-Echo @([ConsoleColor]::Red, [IO.FileAttributes]'ReadOnly, Hidden') | Should -Be @('Red', 'ReadOnly, Hidden')
    }
    It 'keeps the order of an ordered dictionary and of a PSCustomObject' {
        (Invoke-Echo ([ordered]@{ z = 1; a = 2; m = 3 })).PSObject.Properties.Name | Should -Be @('z', 'a', 'm')
        (Invoke-Echo ([pscustomobject]@{ z = 1; a = 2; m = 3 })).PSObject.Properties.Name | Should -Be @('z', 'a', 'm')
    }
    It 'takes nested Hashtables, ordered dictionaries, PSCustomObjects and arrays to any depth' {
        $value = 'leaf'
        for ($i = 0; $i -lt 40; $i++) {
            $value = switch ($i % 4) {
                0 { @{ h = $value } }
                1 { [ordered]@{ o = $value } }
                2 { [pscustomobject]@{ p = $value } }
                3 { , @($value) }
            }
        }
        $echo = Invoke-Echo $value
        for ($i = 39; $i -ge 0; $i--) {
            $echo = switch ($i % 4) { 0 { $echo.h } 1 { $echo.o } 2 { $echo.p } 3 { $echo[0] } }
        }
        $echo | Should -BeExactly 'leaf'
    }
    It 'takes a PSCustomObject for -Variables whose values are PSCustomObjects' {
        $variables = [pscustomobject]@{ v = [pscustomobject]@{ name = 'inner'; tags = @([pscustomobject]@{ k = 1 }) } }
        $result = (Invoke-LeanlyQuery $echoJson -Variables $variables).echoJson
        $result.name | Should -Be 'inner'
        $result.tags[0].k | Should -Be 1
    }

    Context 'a SecureString' {
        BeforeAll {
            $script:secretText = 'S3cure-Var-Text-4711'
            $script:secure = ConvertTo-SecureString $secretText -AsPlainText -Force
        }

        It 'is refused with LeanlyInvalidVariables before anything is sent, naming the variable' {
            Reset-LeanlyTestServer $server
            $result = Invoke-LeanlyQuery $echoJson -Variables @{ v = @{ inner = @('ok', $secure) } } -ErrorVariable problems -ErrorAction SilentlyContinue
            $result | Should -BeNullOrEmpty
            $problems | Should -HaveCount 1
            $problems[0].FullyQualifiedErrorId | Should -Be 'LeanlyInvalidVariables,Leanly.Commands.InvokeLeanlyQueryCommand'
            $problems[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $problems[0].Exception.Message | Should -BeLike '*SecureString*'
            $problems[0].Exception.Message | Should -BeLike '*v.inner`[1`]*'
            $problems[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
            Get-GraphQLRequestCount | Should -Be 0
        }

        It 'never shows the SecureString text, in the error or anywhere in its display' {
            $null = Invoke-LeanlyQuery $echoJson -Variables @{ v = $secure } -ErrorVariable problems -ErrorAction SilentlyContinue -Verbose 4>&1 -Debug 5>&1 |
                Out-String | Should -Not -BeLike "*$secretText*"
            $problems | Should -HaveCount 1
            $shown = ($problems[0] | Format-List * -Force | Out-String) + ($problems[0].Exception | Format-List * -Force | Out-String) +
                ($problems[0].TargetObject | Out-String) + ($problems[0] | Out-String)
            $shown | Should -Not -BeLike "*$secretText*"
        }

        It 'fails only the pipeline input that holds it; the others are sent, in order' {
            Reset-LeanlyTestServer $server
            $results = @(@{ t = 'one' }, @{ t = $secure }, @{ t = 'three' } |
                    Invoke-LeanlyQuery -Query 'query($t: String!) { echo(text: $t) }' -ErrorVariable problems -ErrorAction SilentlyContinue)
            $results.echo | Should -Be @('one', 'three')
            $problems | Should -HaveCount 1
            $problems[0].FullyQualifiedErrorId | Should -Be 'LeanlyInvalidVariables,Leanly.Commands.InvokeLeanlyQueryCommand'
            Get-GraphQLRequestCount | Should -Be 2
        }
    }
}

Describe 'Invoke-LeanlyQuery pipeline input' {
    BeforeAll {
        Disconnect-Leanly
        Connect-TestLeanly -Server $server
        $script:byId = 'query($id: String!) { echo(text: $id) }'
    }

    It 'binds piped strings to -Query, one request each, results in order' {
        $results = '{ echo(text: "p1") }', '{ echo(text: "p2") }', '{ echo(text: "p3") }' | Invoke-LeanlyQuery
        $results.echo | Should -Be @('p1', 'p2', 'p3')
    }

    It 'binds Query, Variables and OperationName of piped objects by property name' {
        $document = 'query A($t: String!) { echo(text: $t) } query B { viewer { clientId } }'
        $requests = @(
            [pscustomobject]@{ Query = $document; OperationName = 'A'; Variables = @{ t = 'hashtable variables' } }
            [pscustomobject]@{ Query = $document; OperationName = 'B' }
            [pscustomobject]@{ Query = 'query($t: String!) { echo(text: $t) }'; Variables = [pscustomobject]@{ t = 'object variables' } }
            [pscustomobject]@{ Query = '{ echo(text: "no variables") }' }
        )
        $results = $requests | Invoke-LeanlyQuery -ErrorAction Stop
        $results | Should -HaveCount 4
        $results[0].echo | Should -Be 'hashtable variables'
        $results[1].viewer.clientId | Should -Be $client.ClientId
        $results[2].echo | Should -Be 'object variables'
        $results[3].echo | Should -Be 'no variables'
    }

    It 'sends one request per piped Hashtable of variables (the Import-Csv | ForEach-Object batch)' {
        $csv = Join-Path TestDrive: 'ids.csv'
        @('Id,Name', 'a-1,first', 'b-2,second', 'c-3,third', 'd-4,fourth') | Set-Content -Path $csv
        Reset-LeanlyTestServer $server
        $results = Import-Csv $csv | ForEach-Object { @{ id = $_.Id } } | Invoke-LeanlyQuery -Query $byId
        $results.echo | Should -Be @('a-1', 'b-2', 'c-3', 'd-4')
        Get-GraphQLRequestCount | Should -Be 4
    }

    It 'takes piped PSCustomObjects (such as Import-Csv rows) as variables when -Query is given' {
        $csv = Join-Path TestDrive: 'rows.csv'
        @('id,label', 'x-1,one', 'y-2,two') | Set-Content -Path $csv
        $results = Import-Csv $csv | Invoke-LeanlyQuery -Query 'query($id: String!, $label: String!) { a: echo(text: $id) b: echo(text: $label) }'
        $results.a | Should -Be @('x-1', 'y-2')
        $results.b | Should -Be @('one', 'two')
    }

    It 'takes piped ordered dictionaries and positional -Query' {
        $results = [ordered]@{ id = 'o-1' }, [ordered]@{ id = 'o-2' } | Invoke-LeanlyQuery $byId
        $results.echo | Should -Be @('o-1', 'o-2')
    }

    It 'keeps going after a GraphQL error on one input and reports it for that input' {
        $results = @(@{ id = 'ok-1' }, @{ id = $null }, @{ id = 'ok-3' } | Invoke-LeanlyQuery -Query $byId -ErrorVariable problems -ErrorAction SilentlyContinue)
        $results.echo | Should -Be @('ok-1', 'ok-3')
        $problems | Should -HaveCount 1
        $problems[0].FullyQualifiedErrorId | Should -Be 'LeanlyGraphQLError,Leanly.Commands.InvokeLeanlyQueryCommand'
    }
}

Describe 'Invoke-LeanlyQuery output' {
    BeforeAll {
        Disconnect-Leanly
        Connect-TestLeanly -Server $server
    }

    It 'reads objects as PSCustomObjects with properties in document order, aliases included' {
        $result = Invoke-LeanlyQuery '{ zeta: echo(text: "z") viewer { scopes clientId } alpha: echo(text: "a") }'
        $result | Should -BeOfType ([pscustomobject])
        $result.PSObject.Properties.Name | Should -Be @('zeta', 'viewer', 'alpha')
        $result.viewer | Should -BeOfType ([pscustomobject])
        $result.viewer.PSObject.Properties.Name | Should -Be @('scopes', 'clientId')
    }

    It 'reads integers as Int64, big integers as Decimal, fractions as Double, and strings as strings' {
        $value = Invoke-Echo ([ordered]@{ small = 1; big = [decimal]'123456789012345678901234567'; fraction = 0.25; date = '2026-01-02T03:04:05Z'; number = '42' })
        $value.small | Should -BeOfType ([long])
        $value.big | Should -BeOfType ([decimal])
        $value.fraction | Should -BeOfType ([double])
        $value.date | Should -BeOfType ([string])
        $value.number | Should -BeOfType ([string])
    }

    It 'reads unicode escapes, empty objects and arrays, and nulls' {
        $value = Invoke-Echo ([ordered]@{ text = "é😀`n`t""\"; emptyObject = @{}; emptyArray = @(); nothing = $null })
        $value.text | Should -BeExactly "é😀`n`t""\"
        $value.emptyObject | Should -BeOfType ([pscustomobject])
        @($value.emptyObject.PSObject.Properties).Count | Should -Be 0
        $value.emptyArray.Count | Should -Be 0
        $value.PSObject.Properties['nothing'] | Should -Not -BeNullOrEmpty
        $value.nothing | Should -BeNullOrEmpty
    }

    It 'reads a large answer with many objects completely' {
        $result = Invoke-LeanlyQuery '{ bulk(count: 5000, padding: 300) { id index name tags score active } }'
        $result.bulk | Should -HaveCount 5000
        $result.bulk[4999].id | Should -Be 'bulk-005000'
        $result.bulk[4999].index | Should -Be 5000
        $result.bulk[1].tags | Should -Be @('bulk', 'even')
        $result.bulk[2].active | Should -BeFalse
        $result.bulk[3].score | Should -Be 1.0
    }

    It 'declares [OutputType] on every cmdlet' {
        $commands = Get-Command -Module Leanly -CommandType Cmdlet
        $commands | Should -HaveCount (Import-PowerShellDataFile $env:LEANLY_TEST_MODULE).CmdletsToExport.Count
        foreach ($command in $commands) {
            $command.OutputType | Should -Not -BeNullOrEmpty -Because "$($command.Name) should declare what it outputs"
        }
        (Get-Command Invoke-LeanlyQuery).OutputType.Type | Should -Contain ([psobject])
        (Get-Command Invoke-LeanlyQuery).OutputType.Type | Should -Contain ([string])
        (Get-Command Connect-Leanly).OutputType.Type | Should -Contain ([Leanly.LeanlyConnection])
        (Get-Command Get-LeanlyConnection).OutputType.Type | Should -Contain ([Leanly.LeanlyConnection])
    }

    It 'shows a LeanlyConnection as a readable table' {
        $table = Get-LeanlyConnection | Format-Table | Out-String -Width 250
        foreach ($label in 'ClientId', 'Scope', 'ApiUri', 'ExpiresOn', 'Refresh', 'Source') {
            $table | Should -BeLike "*$label*"
        }
        $table | Should -BeLike "*$($client.ClientId)*"
        $table | Should -BeLike "*$($server.ApiUri)*"
        $table | Should -BeLike '*Credential*'
    }

    It 'fits the table in an 80-column console, every column but ApiUri whole' {
        $lines = @(Get-LeanlyConnection | Format-Table | Out-String -Width 80) -split "`r?`n" | Where-Object { $_.Trim() }
        $lines[0] | Should -Match '^ClientId\s+Scope\s+ExpiresOn\s+Refresh\s+Source\b'
        $scope = (Get-LeanlyConnection).Scope -join ' '
        $lines[2] | Should -Match ([regex]::Escape($client.ClientId) + '\s+' + [regex]::Escape($scope) + '\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+token\s+Credential\b')
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
    }

    It 'keeps every column but ApiUri in 80 columns with a GUID client id and long scope names' {
        $wide = [pscustomobject]@{
            PSTypeName = 'Leanly.LeanlyConnection'; ClientId = [guid]::NewGuid().ToString(); Scope = @('graphql.read', 'graphql.write')
            ExpiresOn = [DateTimeOffset]::Now; IsConnected = $true; HasRefreshToken = $true; CredentialSource = 'SecretManagement'
            ApiUri = [uri] 'https://graphql.leanly.cloud/graphql'
        }
        $lines = @($wide | Format-Table | Out-String -Width 80) -split "`r?`n" | Where-Object { $_.Trim() }
        $lines[0] | Should -Match '^ClientId\s+Scope\s+ExpiresOn\s+Refresh\s+Source\b'
        $lines[2] | Should -Match '\d{4}-\d\d-\d\d \d\d:\d\d\s+token\s+SecretManagement\b'
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
    }

    It 'shows a closed connection as disconnected, with nothing under Refresh' {
        $connection = Get-LeanlyConnection
        Disconnect-Leanly
        try {
            $row = @($connection | Format-Table | Out-String -Width 200) -split "`r?`n" | Where-Object { $_ -like "$($client.ClientId)*" }
            $row | Should -Match 'disconnected\s+Credential'
            $row | Should -Not -BeLike '*credentials*'
        }
        finally {
            Connect-TestLeanly -Server $server
        }
    }

    It 'shows a LeanlyConnection as a readable list, without any token' {
        $list = Get-LeanlyConnection | Format-List | Out-String -Width 250
        # The help says Format-List shows every property.
        $properties = [Leanly.LeanlyConnection].GetProperties().Name
        $properties.Count | Should -BeGreaterThan 10
        foreach ($label in $properties) {
            $list | Should -Match "(?m)^$label\s*:"
        }
        $token = (Get-LeanlyAccessToken -AsPlainText).Token
        $list | Should -Not -BeLike "*$token*"
    }

    Context 'in a fresh runspace, where Import-Module has not loaded the format file' {
        BeforeEach {
            $script:runspace = [runspacefactory]::CreateRunspace([initialsessionstate]::CreateDefault2())
            $runspace.Open()
            $script:fresh = [powershell]::Create()
            $fresh.Runspace = $runspace
            function script:Invoke-Fresh([string] $Script, [hashtable] $Arguments = @{}) {
                $fresh.Commands.Clear()
                $fresh.Streams.ClearStreams()
                $null = $fresh.AddScript($Script)
                foreach ($key in $Arguments.Keys) { $null = $fresh.AddParameter($key, $Arguments[$key]) }
                $output = $fresh.Invoke()
                $fresh.Streams.Error | ForEach-Object { throw "fresh runspace: $_" }
                $output
            }
            $script:connectArguments = @{ Module = $env:LEANLY_TEST_MODULE; Credential = $client.Credential; TokenUri = $server.TokenUri; ApiUri = $server.ApiUri }
        }

        AfterEach {
            $fresh.Dispose()
            $runspace.Dispose()
        }

        It 'has no Leanly views right after Import-Module, and shows the table view at the first connection it outputs' {
            Invoke-Fresh 'param($Module) Import-Module $Module; @(Get-FormatData -TypeName Leanly.LeanlyConnection).Count' @{ Module = $env:LEANLY_TEST_MODULE } |
                Should -Be 0
            # A session-wide $WhatIfPreference must not stop the views from loading.
            $table = Invoke-Fresh 'param($Module, $Credential, $TokenUri, $ApiUri)
                $WhatIfPreference = $true
                Connect-Leanly -Credential $Credential -TokenUri $TokenUri -ApiUri $ApiUri -PassThru | Format-Table | Out-String -Width 250' $connectArguments
            $table | Should -Match '(?m)^ClientId\s+Scope\s+ExpiresOn\s+Refresh\s+Source'
            $table | Should -BeLike '*Refresh*'
            $table | Should -BeLike "*$($client.ClientId)*"
            Invoke-Fresh '(Get-FormatData -TypeName Leanly.LeanlyConnection).FormatViewDefinition.Name' | Should -Be @('LeanlyConnection.Table', 'LeanlyConnection.List')
        }

        It 'loads the views once, however many objects it outputs' {
            $null = Invoke-Fresh 'param($Module, $Credential, $TokenUri, $ApiUri)
                Import-Module $Module; Connect-Leanly -Credential $Credential -TokenUri $TokenUri -ApiUri $ApiUri' $connectArguments
            $loaded = 'Where-Object { $_ -is [System.Management.Automation.DebugRecord] -and $_.Message -like "Loaded the Leanly format views*" }'
            @(Invoke-Fresh "Get-LeanlyConnection -Debug 5>&1 | $loaded").Count | Should -Be 1
            @(Invoke-Fresh "1..3 | ForEach-Object { Get-LeanlyConnection -Debug 5>&1 } | $loaded").Count | Should -Be 0
            $lists = Invoke-Fresh '1..3 | ForEach-Object { Get-LeanlyConnection | Format-List | Out-String -Width 250 }'
            $lists | Should -HaveCount 3
            $lists | ForEach-Object { $_ | Should -Match '(?m)^CredentialSource\s*:' }
            @(Invoke-Fresh 'Get-FormatData -TypeName Leanly.LeanlyConnection').Count | Should -Be 1
            (Invoke-Fresh 'Get-LeanlyAccessToken | Format-List | Out-String -Width 250') | Should -Match '(?m)^ExpiresOn\s*:'
        }
    }
}
