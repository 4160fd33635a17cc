# Invoke-LeanlyQuery -ThrottleLimit and -All's page ahead, proven from the server's side (its counters and request log).
param([ValidateSet('http', 'https')] [string] $Transport = 'http')  # run over http and HTTPS by tests/Invoke-PesterRun.ps1

BeforeAll {
    . (Join-Path $PSScriptRoot 'Scripts/Open-FlowSuite.ps1')

    function Get-Traffic { Invoke-ServerControl -Server $server -Path traffic }
    $script:echo = 'query($i: String!) { echo(text: $i) }'
    $script:pageQuery = 'query($after: String) { items(first: 10, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }'
}

AfterAll { Close-LeanlyTestFile $server }

Describe "Invoke-LeanlyQuery -ThrottleLimit (over $Transport)" {
    BeforeEach {
        Reset-LeanlyTestServer $server
        Disconnect-Leanly
        Connect-TestLeanly -Server $server -Extra @{ RetryMaxWaitSec = 30 }
        Reset-LeanlyTestServer $server
    }

    It 'outputs in input order under random latency, with no more than N requests in flight' {
        Set-LeanlyTestServer $server @{ graphqlLatencyMs = 5; graphqlJitterMs = 60 }
        $inputs = 1..60 | ForEach-Object { @{ i = "$_" } }
        $out = $inputs | Invoke-LeanlyQuery $echo -ThrottleLimit 8
        $out.echo | Should -Be (1..60 | ForEach-Object { "$_" })
        $traffic = Get-Traffic
        $traffic.maxInFlight | Should -BeLessOrEqual 8
        $traffic.maxInFlight | Should -BeGreaterThan 1
    }

    It 'keeps -Raw in input order' {
        Set-LeanlyTestServer $server @{ graphqlJitterMs = 40 }
        $out = 1..20 | ForEach-Object { "{ echo(text: `"$_`") }" } | Invoke-LeanlyQuery -Raw -ThrottleLimit 6
        ($out | ForEach-Object { ($_ | ConvertFrom-Json).data.echo }) | Should -Be (1..20 | ForEach-Object { "$_" })
    }

    It 'writes each input''s GraphQL errors at its turn, non-terminating, with the input as TargetObject' {
        Set-LeanlyTestServer $server @{ graphqlJitterMs = 40 }
        $inputs = 1..12 | ForEach-Object { if ($_ % 4 -eq 0) { "{ failing n$_`: echo(text: `"$_`") }" } else { "{ echo(text: `"$_`") }" } }
        $stream = $inputs | Invoke-LeanlyQuery -ThrottleLimit 5 -ErrorAction Continue 2>&1
        $labels = $stream | ForEach-Object {
            if ($_ -is [System.Management.Automation.ErrorRecord]) { "error:$($_.TargetObject)" }
            elseif ($_.PSObject.Properties['echo']) { $_.echo }
            else { $_.PSObject.Properties.Name | Where-Object { $_ -like 'n*' } | ForEach-Object { "data:$_" } }
        }
        $expected = foreach ($i in 1..12) {
            if ($i % 4 -eq 0) { "data:n$i"; "error:$($inputs[$i - 1])" } else { "$i" }
        }
        $labels | Should -Be $expected
        ($stream | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })[0].FullyQualifiedErrorId | Should -Be 'LeanlyGraphQLError,Leanly.Commands.InvokeLeanlyQueryCommand'
    }

    It 'says in Verbose how many requests were in flight at most' {
        $verbose = 1..6 | ForEach-Object { @{ i = "$_" } } | Invoke-LeanlyQuery $echo -ThrottleLimit 3 -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $verbose.Message | Where-Object { $_ -match '^-ThrottleLimit 3: at most [1-3] request\(s\) were in flight' } | Should -HaveCount 1
    }

    It 'Select-Object -First 3 over 1,000 slow inputs stops after about 2N requests' {
        Set-LeanlyTestServer $server @{ graphqlLatencyMs = 100 }
        $out = 1..1000 | ForEach-Object { @{ i = "$_" } } | Invoke-LeanlyQuery $echo -ThrottleLimit 4 | Select-Object -First 3
        $out.echo | Should -Be @('1', '2', '3')
        Start-Sleep -Milliseconds 500   # anything still sent would show up now
        (Get-LeanlyTestServerStats $server).graphqlRequests | Should -BeLessOrEqual 10
        (Get-Traffic).inFlight | Should -Be 0
    }

    It 'a terminating error of one input stops the others: nothing more is sent' {
        Set-LeanlyTestServer $server @{ graphqlLatencyMs = 100 }
        Add-LeanlyTestServerFault $server -Endpoint graphql -Kind status -Options @{ status = 400; body = 'not json'; contentType = 'text/plain' }
        { 1..200 | ForEach-Object { @{ i = "$_" } } | Invoke-LeanlyQuery $echo -ThrottleLimit 4 -ErrorAction Stop } | Should -Throw
        Start-Sleep -Milliseconds 500
        (Get-LeanlyTestServerStats $server).graphqlRequests | Should -BeLessOrEqual 10
    }

    It 'a 429 with Retry-After seen by one request holds every other sender until it passes' {
        Set-LeanlyTestServer $server @{ graphqlLatencyMs = 150 }
        Add-LeanlyTestServerFault $server -Endpoint graphql -Kind status -Options @{ status = 429; retryAfter = '3' }
        $out = 1..24 | ForEach-Object { @{ i = "$_" } } | Invoke-LeanlyQuery $echo -ThrottleLimit 4
        $out.echo | Should -Be (1..24 | ForEach-Object { "$_" })
        $requests = (Get-Traffic).requests | Where-Object endpoint -EQ 'graphql'
        $throttled = $requests | Where-Object status -EQ 429
        $throttled | Should -HaveCount 1
        # Without the shared pause the other three senders would start about 10 requests in this window.
        $window = $requests | Where-Object { $_.startMs -gt $throttled.endMs + 500 -and $_.startMs -lt $throttled.endMs + 2500 }
        @($window) | Should -HaveCount 0
    }

    It 'renews an expiring token once for a whole batch and replays only the requests that got a 401' {
        Set-LeanlyTestServer $server @{ graphqlLatencyMs = 80 }
        $count = 0
        $out = 1..40 | ForEach-Object { @{ i = "$_" } } | Invoke-LeanlyQuery $echo -ThrottleLimit 8 | ForEach-Object {
            $count++
            if ($count -eq 10) { Invoke-ServerControl -Server $server -Path expire-access -Method Post | Out-Null }
            $_
        }
        $out.echo | Should -Be (1..40 | ForEach-Object { "$_" })
        $stats = Get-LeanlyTestServerStats $server
        $stats.unauthorized | Should -BeGreaterThan 0
        $stats.tokenRequests.total | Should -Be 1
        $stats.graphqlRequests | Should -Be (40 + $stats.unauthorized)
    }
}

Describe "Invoke-LeanlyQuery -All, one page ahead (over $Transport)" {
    BeforeEach {
        Reset-LeanlyTestServer $server
        Disconnect-Leanly
        Connect-TestLeanly -Server $server
        Set-LeanlyTestServer $server @{ itemCount = 50 }
        Invoke-ServerControl -Server $server -Path reset -Method Post | Out-Null
        Set-LeanlyTestServer $server @{ itemCount = 50 }
    }

    It 'sends the request for page n+1 while page n is still flowing downstream, and never a second page ahead' {
        $during = [Collections.Generic.List[object]]::new()
        $items = Invoke-LeanlyQuery -All $pageQuery | ForEach-Object -Begin { $n = 0 } -Process {
            $n++
            if ($n % 10 -eq 0) {
                # The last item of page p: page p+1 (if any) must reach the server without this page being finished.
                $page = $n / 10
                $expected = [Math]::Min($page + 1, 5)
                $deadline = [DateTime]::UtcNow.AddSeconds(10)
                do { $seen = (Get-LeanlyTestServerStats $server).graphqlRequests } while ($seen -lt $expected -and [DateTime]::UtcNow -lt $deadline -and -not (Start-Sleep -Milliseconds 20))
                Start-Sleep -Milliseconds 200
                $during.Add([pscustomobject]@{ Page = $page; Requests = (Get-LeanlyTestServerStats $server).graphqlRequests; Expected = $expected })
            }
            $_
        }
        $items | Should -HaveCount 50
        $during | ForEach-Object { $_.Requests | Should -Be $_.Expected -Because "while page $($_.Page) flows, exactly the next page is requested" }
        # One input's pages never overlap: each request starts after the one before it ended.
        $requests = @((Get-Traffic).requests | Where-Object endpoint -EQ 'graphql')
        $requests | Should -HaveCount 5
        for ($k = 1; $k -lt $requests.Count; $k++) { $requests[$k].startMs | Should -BeGreaterOrEqual $requests[$k - 1].endMs }
    }

    It 'requests nothing more once the pipeline stops' {
        Set-LeanlyTestServer $server @{ itemCount = 1000; graphqlLatencyMs = 50 }
        $first = Invoke-LeanlyQuery -All $pageQuery | Select-Object -First 15
        $first | Should -HaveCount 15
        Start-Sleep -Milliseconds 500
        (Get-LeanlyTestServerStats $server).graphqlRequests | Should -BeLessOrEqual 3
    }

    It 'keeps each input''s pages in order with -ThrottleLimit, inputs paging at the same time' {
        Set-LeanlyTestServer $server @{ graphqlJitterMs = 30 }
        $queries = 1..4 | ForEach-Object { 'query($after: String) { items(first: 10, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }' }
        $items = $queries | Invoke-LeanlyQuery -All -ThrottleLimit 4
        $ids = @(Invoke-LeanlyQuery -All $pageQuery).id
        $items.id | Should -Be ($ids + $ids + $ids + $ids)
        (Get-Traffic).maxInFlight | Should -BeLessOrEqual 4
    }
}
