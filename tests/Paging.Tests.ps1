param([ValidateSet('http', 'https')] [string] $Transport = 'http')  # run over http and HTTPS by tests/Invoke-PesterRun.ps1

BeforeAll {
    . (Join-Path $PSScriptRoot 'Scripts/Open-FlowSuite.ps1')

    function script:Get-GraphQLRequestCount { (Get-LeanlyTestServerStats $server).graphqlRequests }
    function script:Get-ItemIds([int] $From, [int] $To) { $From..$To | ForEach-Object { 'item-{0:D5}' -f $_ } }
}

AfterAll { Close-LeanlyTestFile $server }

Describe "Invoke-LeanlyQuery -All (over $Transport)" {
    BeforeAll {
        Disconnect-Leanly
        Connect-TestLeanly -Server $server
    }

    BeforeEach {
        Reset-LeanlyTestServer $server
    }

    It 'returns exactly the 2,500 items of 25 pages, distinct and in order, from nodes' {
        $items = Invoke-LeanlyQuery -All 'query($after: String) { items(first: 100, after: $after, total: 2500) { nodes { id name } pageInfo { hasNextPage endCursor } } }'
        $items | Should -HaveCount 2500
        $items.id | Should -Be (Get-ItemIds 1 2500)
        ($items.id | Sort-Object -Unique) | Should -HaveCount 2500
        $items[0] | Should -BeOfType ([pscustomobject])
        $items[0].PSObject.Properties.Name | Should -Be @('id', 'name')
        Get-GraphQLRequestCount | Should -Be 25
    }

    It 'outputs the node of each edge for edges { node }' {
        $items = Invoke-LeanlyQuery -All 'query($after: String) { items(first: 40, after: $after, total: 250) { edges { cursor node { id index } } pageInfo { hasNextPage endCursor } } }'
        $items | Should -HaveCount 250
        $items.id | Should -Be (Get-ItemIds 1 250)
        $items[0].PSObject.Properties.Name | Should -Be @('id', 'index')
        $items[249].index | Should -Be 250
    }

    It 'keeps the other variables on every page' {
        $items = Invoke-LeanlyQuery -All 'query($first: Int!, $total: Int, $after: String) { items(first: $first, after: $after, total: $total) { nodes { id } pageInfo { hasNextPage endCursor } } }' -Variables @{ first = 7; total = 30 }
        $items.id | Should -Be (Get-ItemIds 1 30)
        Get-GraphQLRequestCount | Should -Be 5
    }

    It 'finds the operation behind comments and a leading fragment' {
        $document = @'
# all the items { }
fragment Fields on Item { id }
query Paged($after: String) { items(first: 4, after: $after, total: 10) { nodes { ...Fields } pageInfo { hasNextPage endCursor } } }
'@
        (Invoke-LeanlyQuery -All $document).id | Should -Be (Get-ItemIds 1 10)
    }

    It 'outputs nothing and sends one request for an empty connection' {
        $items = Invoke-LeanlyQuery -All 'query($after: String) { items(first: 10, after: $after, total: 0) { nodes { id } pageInfo { hasNextPage endCursor } } }'
        $items | Should -BeNullOrEmpty
        Get-GraphQLRequestCount | Should -Be 1
    }

    It 'pages the connection named by -PagePath when the answer has two: an alias and viewer.items' {
        $query = 'query($after: String) { a: items(first: 10, after: $after, total: 30) { nodes { id } pageInfo { hasNextPage endCursor } } viewer { items(first: 10, after: $after, total: 25) { nodes { id } pageInfo { hasNextPage endCursor } } } }'
        (Invoke-LeanlyQuery -All $query -PagePath a).id | Should -Be (Get-ItemIds 1 30)
        (Invoke-LeanlyQuery -All $query -PagePath viewer.items).id | Should -Be (Get-ItemIds 1 25)
    }

    It 'without -PagePath, writes LeanlyPagingConnectionNotFound listing both connections, and outputs no item' {
        $query = 'query($after: String) { a: items(first: 10, after: $after, total: 30) { nodes { id } pageInfo { hasNextPage endCursor } } viewer { items(first: 10, after: $after, total: 25) { nodes { id } pageInfo { hasNextPage endCursor } } } }'
        $items = Invoke-LeanlyQuery -All $query -ErrorVariable problems -ErrorAction SilentlyContinue
        $items | Should -BeNullOrEmpty
        $problems | Should -HaveCount 1
        $problems[0].FullyQualifiedErrorId | Should -Be 'LeanlyPagingConnectionNotFound,Leanly.Commands.InvokeLeanlyQueryCommand'
        $problems[0].Exception.Message | Should -BeLike '*(a, viewer.items)*'
        $problems[0].ErrorDetails.RecommendedAction | Should -BeLike '*-PagePath*'
        Get-GraphQLRequestCount | Should -Be 1
    }

    It 'writes LeanlyPagingConnectionNotFound when -PagePath names no connection' {
        $query = 'query($after: String) { items(first: 10, after: $after, total: 30) { nodes { id } pageInfo { hasNextPage endCursor } } }'
        { Invoke-LeanlyQuery -All $query -PagePath viewer.items -ErrorAction Stop } |
            Should -Throw -ErrorId 'LeanlyPagingConnectionNotFound,Leanly.Commands.InvokeLeanlyQueryCommand'
    }

    It 'stops with LeanlyPagingLoop when the server repeats a cursor, after outputting the items it had' {
        $items = Invoke-LeanlyQuery -All 'query($after: String) { loopingItems(first: 5, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }' -ErrorVariable problems -ErrorAction SilentlyContinue
        $items.id | Should -Be (Get-ItemIds 1 5)
        $problems | Should -HaveCount 1
        $problems[0].FullyQualifiedErrorId | Should -Be 'LeanlyPagingLoop,Leanly.Commands.InvokeLeanlyQueryCommand'
        $problems[0].Exception.Message | Should -BeLike '*second time*'
        $problems[0].TargetObject | Should -Be 'loopingItems'
        Get-GraphQLRequestCount | Should -Be 2
    }

    It 'stops paging when downstream stops: Select-Object -First 5 fetches no further page' {
        $items = Invoke-LeanlyQuery -All 'query($after: String) { items(first: 10, after: $after, total: 1000) { nodes { id } pageInfo { hasNextPage endCursor } } }' | Select-Object -First 5
        $items.id | Should -Be (Get-ItemIds 1 5)
        # The first page, and at most the one fetched ahead while its items flowed.
        Get-GraphQLRequestCount | Should -BeLessOrEqual 2
    }

    It 'fetches only the pages Select-Object -First needs' {
        $items = Invoke-LeanlyQuery -All 'query($after: String) { items(first: 10, after: $after, total: 1000) { nodes { id } pageInfo { hasNextPage endCursor } } }' | Select-Object -First 15
        $items.id | Should -Be (Get-ItemIds 1 15)
        Get-GraphQLRequestCount | Should -BeLessOrEqual 3
    }

    It 'outputs the first item with at most the second page asked for (one page ahead)' {
        $script:atFirst = $null
        $count = (Invoke-LeanlyQuery -All 'query($after: String) { items(first: 50, after: $after, total: 200) { nodes { id } pageInfo { hasNextPage endCursor } } }' |
                ForEach-Object { if ($null -eq $script:atFirst) { $script:atFirst = Get-GraphQLRequestCount }; $_ } | Measure-Object).Count
        $count | Should -Be 200
        $script:atFirst | Should -BeLessOrEqual 2
        Get-GraphQLRequestCount | Should -Be 4
    }

    It 'writes LeanlyPagingNoCursorVariable, saying what -All needs, for a query without $after, and sends nothing' {
        $items = Invoke-LeanlyQuery -All 'query($first: Int) { items(first: $first) { nodes { id } pageInfo { hasNextPage endCursor } } }' -ErrorVariable problems -ErrorAction SilentlyContinue
        $items | Should -BeNullOrEmpty
        $problems | Should -HaveCount 1
        $problems[0].FullyQualifiedErrorId | Should -Be 'LeanlyPagingNoCursorVariable,Leanly.Commands.InvokeLeanlyQueryCommand'
        $problems[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $problems[0].Exception.Message | Should -BeLike '*$after*'
        $problems[0].Exception.Message | Should -BeLike '*after argument*'
        $problems[0].Exception.Message | Should -BeLike '*only $first*'
        $problems[0].ErrorDetails.RecommendedAction | Should -BeLike '*-CursorVariable*'
        Get-GraphQLRequestCount | Should -Be 0
    }

    It 'writes LeanlyPagingNoCursorVariable for the shorthand form, which has no variables' {
        { Invoke-LeanlyQuery -All '{ items(first: 10) { nodes { id } pageInfo { hasNextPage endCursor } } }' -ErrorAction Stop } |
            Should -Throw -ErrorId 'LeanlyPagingNoCursorVariable,Leanly.Commands.InvokeLeanlyQueryCommand'
    }

    It 'passes the cursor in the variable named by -CursorVariable' {
        $query = 'query($cursor: String) { items(first: 10, after: $cursor, total: 35) { nodes { id } pageInfo { hasNextPage endCursor } } }'
        (Invoke-LeanlyQuery -All $query -CursorVariable cursor).id | Should -Be (Get-ItemIds 1 35)
        $problem = $null
        try { Invoke-LeanlyQuery -All $query -ErrorAction Stop } catch { $problem = $_ }
        $problem.FullyQualifiedErrorId | Should -Be 'LeanlyPagingNoCursorVariable,Leanly.Commands.InvokeLeanlyQueryCommand'
        $problem.Exception.Message | Should -BeLike '*only $cursor*'
    }

    It 'refuses -Raw with -All' {
        { Invoke-LeanlyQuery -All -Raw 'query($after: String) { items(first: 10, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }' -ErrorAction Stop } |
            Should -Throw -ErrorId 'LeanlyRawWithAll,Leanly.Commands.InvokeLeanlyQueryCommand'
    }

    It 'reports pages and items, with totalCount, through Write-Progress' {
        $credential = $client.Credential
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                    param($ModulePath, $Credential, $TokenUri, $ApiUri)
                    Import-Module $ModulePath
                    Connect-Leanly -Credential $Credential -TokenUri $TokenUri -ApiUri $ApiUri
                    Invoke-LeanlyQuery -All 'query($after: String) { items(first: 10, after: $after, total: 30) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }'
                }).AddParameters(@{ ModulePath = $env:LEANLY_TEST_MODULE; Credential = $credential; TokenUri = $server.TokenUri; ApiUri = $server.ApiUri })
            $items = $ps.Invoke()
            $ps.Streams.Error | Should -BeNullOrEmpty
            $items | Should -HaveCount 30
            $progress = @($ps.Streams.Progress | Where-Object Activity -EQ 'Invoke-LeanlyQuery -All')
            $progress.StatusDescription | Should -Be @('Page 1: 10 of 30 items', 'Page 2: 20 of 30 items', 'Page 3: 30 of 30 items', 'Page 3: 30 of 30 items')
            $progress.PercentComplete | Should -Be @(33, 66, 100, 100)
            $progress[-1].RecordType | Should -Be 'Completed'
            @($progress | Where-Object RecordType -EQ 'Processing') | Should -HaveCount 3
        }
        finally {
            $ps.Dispose()
        }
    }

    It 'reports pages and items without a percentage when the answer has no totalCount' {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                    param($ModulePath, $Credential, $TokenUri, $ApiUri)
                    Import-Module $ModulePath
                    Connect-Leanly -Credential $Credential -TokenUri $TokenUri -ApiUri $ApiUri
                    Invoke-LeanlyQuery -All 'query($after: String) { items(first: 10, after: $after, total: 15) { nodes { id } pageInfo { hasNextPage endCursor } } }'
                }).AddParameters(@{ ModulePath = $env:LEANLY_TEST_MODULE; Credential = $client.Credential; TokenUri = $server.TokenUri; ApiUri = $server.ApiUri })
            $null = $ps.Invoke()
            $progress = @($ps.Streams.Progress | Where-Object Activity -EQ 'Invoke-LeanlyQuery -All')
            $progress.StatusDescription | Should -Be @('Page 1: 10 items', 'Page 2: 15 items', 'Page 2: 15 items')
            $progress.PercentComplete | Should -Be @(-1, -1, -1)
        }
        finally {
            $ps.Dispose()
        }
    }
}
