# Invoke-LeanlyQuery -ThrottleLimit and -All's page ahead, proven from the server's side (its counters and request log).
param([ValidateSet('http', 'https')] [string] $Transport = 'http')  # run over http and HTTPS by tests/Invoke-PesterRun.ps1

BeforeAll {
    . (Join-Path $PSScriptRoot 'Scripts/Open-FlowSuite.ps1')

    function Get-Traffic { Invoke-ServerControl -Server $server -Path traffic }
    # One label per record of an output stream merged with 2>&1: an answer's echo, an item's id, an error's id.
    filter ConvertTo-Label {
        if ($_ -is [System.Management.Automation.ErrorRecord]) { 'error:' + $_.FullyQualifiedErrorId.Split(',')[0] }
        elseif ($_.PSObject.Properties['echo']) { $_.echo }
        else { $_.id }
    }
    # A fault for the one request whose body holds $Text (a batch sends many at once, in any order).
    function Add-FaultFor([string] $Text, [string] $Kind, [hashtable] $Options = @{}, [int] $Count = 1) {
        Add-LeanlyTestServerFault $server -Endpoint graphql -Kind $Kind -Count $Count -Options (@{ bodyContains = $Text } + $Options)
    }
    $script:http500 = @{ status = 500; body = 'Internal Server Error'; contentType = 'text/plain' }
    $script:queryId = 'Leanly.Commands.InvokeLeanlyQueryCommand'
    $script:echo = 'query($i: String!) { echo(text: $i) }'
    $script:pageQuery = 'query($after: String) { items(first: 10, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }'
    # 20 inputs, 4 in flight, errors let through: a failure of one input would be collected and the batch would go on.
    # Error is what ended the batch; InputErrors the errors of single inputs written before that (-ErrorVariable holds
    # the terminating error as the exception that carried it, an input's error as an ErrorRecord).
    function Invoke-BatchThatShouldEnd {
        $caught = $null
        try { $null = 1..20 | ForEach-Object { @{ i = "$_" } } | Invoke-LeanlyQuery $echo -ThrottleLimit 4 -ErrorAction SilentlyContinue -ErrorVariable problems -WarningAction SilentlyContinue }
        catch { $caught = $_ }
        [pscustomobject]@{ Error = $caught; InputErrors = @($problems | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }) }
    }
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

    It 'writes a 500 of one input as a non-terminating error at its turn, with the input as TargetObject, and answers every other input in order' {
        Set-LeanlyTestServer $server @{ graphqlJitterMs = 40 }
        Add-FaultFor '"i":"5"' status $http500
        $inputs = 1..12 | ForEach-Object { @{ i = "$_" } }
        $stream = $inputs | Invoke-LeanlyQuery $echo -ThrottleLimit 4 -ErrorAction Continue 2>&1
        $succeeded = $?
        $stream | ConvertTo-Label | Should -Be @('1', '2', '3', '4', 'error:LeanlyGraphQLHttpError', '6', '7', '8', '9', '10', '11', '12')
        $problems = @($stream | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $problems | Should -HaveCount 1
        $problems[0].FullyQualifiedErrorId | Should -Be "LeanlyGraphQLHttpError,$queryId"
        [object]::ReferenceEquals($problems[0].TargetObject, $inputs[4]) | Should -BeTrue -Because 'the error names the input that failed'
        $problems[0].Exception.StatusCode | Should -Be 500
        $succeeded | Should -BeFalse -Because '$? tells a script that one input failed'
        (Get-LeanlyTestServerStats $server).graphqlRequests | Should -Be 12
    }

    It 'leaves $? true when no input failed' {
        $null = 1..6 | ForEach-Object { @{ i = "$_" } } | Invoke-LeanlyQuery $echo -ThrottleLimit 4
        $? | Should -BeTrue
    }

    It 'goes on after per-input failures of every kind: timeout, throttled, unavailable, network, invalid answer' {
        Disconnect-Leanly
        Connect-TestLeanly -Server $server -Extra @{ TimeoutSec = 2; MaxRetries = 1; RetryMaxWaitSec = 1 }
        Reset-LeanlyTestServer $server
        Add-FaultFor '"i":"2"' hang @{ delayMs = 30000 }
        Add-FaultFor '"i":"3"' status @{ status = 429; retryAfter = '60' } # asks for longer than -RetryMaxWaitSec allows
        Add-FaultFor '"i":"4"' status @{ status = 502 } -Count 2
        Add-FaultFor '"i":"5"' drop @{ afterExecute = $true } -Count 2
        Add-FaultFor '"i":"6"' malformed
        $stream = 1..7 | ForEach-Object { @{ i = "$_" } } | Invoke-LeanlyQuery $echo -ThrottleLimit 8 -ErrorAction Continue 2>&1
        $stream | ConvertTo-Label | Should -Be @('1', 'error:LeanlyTimeout', 'error:LeanlyThrottled', 'error:LeanlyServiceUnavailable', 'error:LeanlyNetworkError', 'error:LeanlyInvalidGraphQLResponse', '7')
        ($stream | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).TargetObject.i | Should -Be @('2', '3', '4', '5', '6')
    }

    It 'with -ErrorAction Stop, a failing input ends the command at its turn, after the answers before it, warning of the requests in flight' {
        # Input 3's 500 is served once inputs 4-6 reached the server; input 7 waits for a free slot, so is never sent.
        Add-FaultFor '"i":"3"' status ($http500 + @{ waitForRequests = 6 })
        $seen = [Collections.Generic.List[string]]::new()
        $caught = $null
        try {
            1..200 | ForEach-Object { @{ i = "$_" } } |
                Invoke-LeanlyQuery $echo -ThrottleLimit 4 -ErrorAction Stop -WarningVariable warnings -WarningAction SilentlyContinue |
                ForEach-Object { $seen.Add($_.echo) }
        }
        catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -Be "LeanlyGraphQLHttpError,$queryId"
        $caught.TargetObject.i | Should -Be '3'
        $seen | Should -Be @('1', '2')
        @($warnings).Message | Should -Be @('3 request(s) already sent were stopped; their results are not shown; mutations among them may have been applied.')
        Start-Sleep -Milliseconds 500   # anything still sent would show up now
        (Get-LeanlyTestServerStats $server).graphqlRequests | Should -Be 6
    }

    It 'with -ErrorAction Inquire, the question at a failing input comes after a warning of the requests in flight; Halt ends the batch there' {
        Add-FaultFor '"i":"3"' status ($http500 + @{ waitForRequests = 6 })
        $child = @'
Import-Module $env:LEANLY_TEST_MODULE
Connect-Leanly -ErrorAction Stop
$seen = [Collections.Generic.List[string]]::new()
$id = $null
try {
    1..200 | ForEach-Object { @{ i = "$_" } } |
        Invoke-LeanlyQuery 'query($i: String!) { echo(text: $i) }' -ThrottleLimit 4 -ErrorAction Inquire -WarningVariable warnings -WarningAction SilentlyContinue |
        ForEach-Object { $seen.Add($_.echo) }
}
catch { $id = $_.FullyQualifiedErrorId }
@{ Seen = @($seen); Warnings = @($warnings | ForEach-Object Message); Caught = $id } | ConvertTo-Json -Compress
'@
        $run = Invoke-ChildPwsh -Script $child -Environment (New-LeanlyProxyEnvironment -Server $server) -Interactive -StandardInput "H`n" -TimeoutSec 120
        $result = Read-ChildJson $run
        $run.Output | Should -BeLike '*`[H`] Halt Command*' -Because 'PowerShell asked what to do about input 3'
        $result.Seen | Should -Be @('1', '2')
        $result.Warnings | Should -Be @('3 request(s) already sent are in flight: if you halt, their results are not shown; mutations among them may have been applied.')
        $result.Caught | Should -BeLike 'ActionPreferenceStop*'
        Start-Sleep -Milliseconds 500   # anything still sent would show up now
        (Get-LeanlyTestServerStats $server).graphqlRequests | Should -Be 6
    }

    It 'ends the batch on a failure of the whole connection, warning first how many requests already sent are not shown' {
        # Input 1's redirect is served once inputs 2-4 reached the server; input 5 waits for a free slot, so is never sent.
        Add-FaultFor '"i":"1"' redirect @{ waitForRequests = 4 }
        $inputs = 1..8 | ForEach-Object { @{ i = "$_" } }
        $caught = $null
        try {
            $out = $inputs | Invoke-LeanlyQuery $echo -ThrottleLimit 4 -WarningVariable warnings -WarningAction SilentlyContinue
        }
        catch { $caught = $_ }
        $out | Should -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -Be "LeanlyRedirectRefused,$queryId"
        [object]::ReferenceEquals($caught.TargetObject, $inputs[0]) | Should -BeTrue
        @($warnings).Message | Should -Be @('3 request(s) already sent were stopped; their results are not shown; mutations among them may have been applied.')
        (Get-LeanlyTestServerStats $server).graphqlRequests | Should -Be 4
    }

    It 'ends the batch on a <Status> (the endpoint is wrong for every input), not one error per input' -TestCases @(@{ Status = 404 }, @{ Status = 405 }) {
        Add-LeanlyTestServerFault $server -Endpoint graphql -Kind status -Count 100 -Options @{ status = $Status; body = 'Not here'; contentType = 'text/plain' }
        $batch = Invoke-BatchThatShouldEnd
        $batch.Error.FullyQualifiedErrorId | Should -Be "LeanlyGraphQLHttpError,$queryId"
        $batch.Error.Exception.StatusCode | Should -Be $Status
        $batch.InputErrors | Should -BeNullOrEmpty -Because 'no input got an error of its own before the batch ended'
        (Get-LeanlyTestServerStats $server).graphqlRequests | Should -BeLessThan 20
    }

    It 'ends the batch when the API cannot be reached at all (connection refused after the retries), not one error per input' {
        $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $closedPort = $listener.LocalEndpoint.Port
        $listener.Stop()
        Disconnect-Leanly
        Connect-TestLeanly -Server $server -Extra @{ ApiUri = "http://127.0.0.1:$closedPort/graphql"; MaxRetries = 1; RetryMaxWaitSec = 1 }
        $batch = Invoke-BatchThatShouldEnd
        $batch.Error.FullyQualifiedErrorId | Should -Be "LeanlyNetworkError,$queryId"
        $batch.Error.Exception.Message | Should -BeLike '*connection refused*'
        $batch.InputErrors | Should -BeNullOrEmpty -Because 'no input got an error of its own before the batch ended'
    }

    It 'ends the batch when renewing the token fails (the token endpoint answers 503), not one error per input' {
        Disconnect-Leanly
        Connect-TestLeanly -Server $server -Extra @{ MaxRetries = 1; RetryMaxWaitSec = 1 }
        Invoke-ServerControl -Server $server -Path revoke -Method Post -Body @{ access = $true } | Out-Null
        Add-LeanlyTestServerFault $server -Endpoint token -Kind status -Count 1000 -Options @{ status = 503; retryAfter = '0' }
        $batch = Invoke-BatchThatShouldEnd
        $batch.Error.FullyQualifiedErrorId | Should -Be "LeanlyServiceUnavailable,$queryId"
        $batch.Error.Exception.RequestUri | Should -Be ([uri]$server.TokenUri)
        $batch.InputErrors | Should -BeNullOrEmpty -Because 'no input got an error of its own before the batch ended'
        # Connecting, then one renewal (a try and a retry) shared by the requests in flight; an input sent after it failed,
        # before the batch ended, may try once more. Renewing again for each input in turn would be 9 or more.
        (Get-LeanlyTestServerStats $server).tokenRequests.total | Should -BeLessOrEqual 5
    }

    It 'names the failing input as the TargetObject of a terminating error with -ThrottleLimit <Limit>' -TestCases @(@{ Limit = 1 }, @{ Limit = 4 }) {
        Add-FaultFor '"i":"3"' redirect
        $inputs = 1..5 | ForEach-Object { @{ i = "$_" } }
        $caught = $null
        try { $null = $inputs | Invoke-LeanlyQuery $echo -ThrottleLimit $Limit -WarningAction SilentlyContinue }
        catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -Be "LeanlyRedirectRefused,$queryId"
        [object]::ReferenceEquals($caught.TargetObject, $inputs[2]) | Should -BeTrue
    }

    It 'names the failing input as the TargetObject of a 500 with -ThrottleLimit 1 (terminating) as with -ThrottleLimit 4 (not)' {
        Add-FaultFor '"i":"3"' status $http500
        $inputs = 1..5 | ForEach-Object { @{ i = "$_" } }
        $caught = $null
        try { $null = $inputs | Invoke-LeanlyQuery $echo -ThrottleLimit 1 }
        catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -Be "LeanlyGraphQLHttpError,$queryId"
        [object]::ReferenceEquals($caught.TargetObject, $inputs[2]) | Should -BeTrue

        Add-FaultFor '"i":"3"' status $http500
        $null = $inputs | Invoke-LeanlyQuery $echo -ThrottleLimit 4 -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems | Should -HaveCount 1
        $problems[0].FullyQualifiedErrorId | Should -Be "LeanlyGraphQLHttpError,$queryId"
        [object]::ReferenceEquals($problems[0].TargetObject, $inputs[2]) | Should -BeTrue
    }

    It 'writes an input refused before sending (a SecureString in its variables) at its turn, after the answers before it' {
        Set-LeanlyTestServer $server @{ graphqlLatencyMs = 150 }
        $secure = ConvertTo-SecureString 'never-sent' -AsPlainText -Force
        $inputs = 1..6 | ForEach-Object { if ($_ -eq 3) { @{ i = $secure } } else { @{ i = "$_" } } }
        $stream = $inputs | Invoke-LeanlyQuery $echo -ThrottleLimit 4 -ErrorAction Continue 2>&1
        $stream | ConvertTo-Label | Should -Be @('1', '2', 'error:LeanlyInvalidVariables', '4', '5', '6')
        [object]::ReferenceEquals($stream[2].TargetObject, $inputs[2]) | Should -BeTrue
        (Get-LeanlyTestServerStats $server).graphqlRequests | Should -Be 5
    }

    It 'names the piped row itself as the TargetObject of a refused input, with -ThrottleLimit <Limit> (a retry list can be built from it)' -TestCases @(@{ Limit = 1 }, @{ Limit = 4 }) {
        $secure = ConvertTo-SecureString 'never-sent' -AsPlainText -Force
        $rows = 1..3 | ForEach-Object { [pscustomobject]@{ i = $(if ($_ -eq 2) { $secure } else { "$_" }) } }
        $stream = $rows | Invoke-LeanlyQuery $echo -ThrottleLimit $Limit -ErrorAction Continue 2>&1
        $stream | ConvertTo-Label | Should -Be @('1', 'error:LeanlyInvalidVariables', '3')
        [object]::ReferenceEquals($stream[1].TargetObject, $rows[1]) | Should -BeTrue
    }

    It 'writes an unreadable -Path at the turn of the inputs it fails, after the answers before them' {
        Set-LeanlyTestServer $server @{ graphqlLatencyMs = 150 }
        $file = Join-Path $TestDrive 'echo.graphql'
        Set-Content -LiteralPath $file -Value $echo
        $labels = 1..4 | ForEach-Object { if ($_ -eq 3) { Remove-Item -LiteralPath $file }; @{ i = "$_" } } |
            Invoke-LeanlyQuery -Path $file -ThrottleLimit 4 -ErrorAction Continue 2>&1 | ConvertTo-Label
        $labels | Should -Be @('1', '2', 'error:LeanlyQueryFileNotFound', 'error:LeanlyQueryFileNotFound')
    }

    It 'refuses -ThrottleLimit <Limit>, outside 1..64, before anything is sent' -TestCases @(@{ Limit = 0 }, @{ Limit = 65 }) {
        { Invoke-LeanlyQuery $echo -Variables @{ i = '1' } -ThrottleLimit $Limit } | Should -Throw -ErrorId "ParameterArgumentValidationError,$queryId"
        (Get-LeanlyTestServerStats $server).graphqlRequests | Should -Be 0
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

    It 'writes -All''s refusal of a query without the cursor variable at its turn, with -ThrottleLimit' {
        $ids = @(Invoke-LeanlyQuery -All $pageQuery).id
        Set-LeanlyTestServer $server @{ graphqlLatencyMs = 100 }
        $noCursor = '{ items(first: 10) { nodes { id } pageInfo { hasNextPage endCursor } } }'
        $labels = $pageQuery, $noCursor, $pageQuery | Invoke-LeanlyQuery -All -ThrottleLimit 3 -ErrorAction Continue 2>&1 | ConvertTo-Label
        $labels | Should -Be (@($ids) + 'error:LeanlyPagingNoCursorVariable' + @($ids))
    }

    It 'writes a 500 on one input''s third page at its turn, after that input''s first two pages, and pages the other inputs to the end' {
        $ids = @(Invoke-LeanlyQuery -All $pageQuery).id
        Set-LeanlyTestServer $server @{ graphqlJitterMs = 30 }
        $second = "$pageQuery # second"
        # The third page's request: the second input's query with the cursor after item 20 (base64 of "20").
        Add-FaultFor '# second","variables":{"after":"MjA' status $http500
        $stream = $pageQuery, $second, $pageQuery | Invoke-LeanlyQuery -All -ThrottleLimit 3 -ErrorAction Continue 2>&1
        $stream | ConvertTo-Label | Should -Be (@($ids) + @($ids[0..19]) + 'error:LeanlyGraphQLHttpError' + @($ids))
        [object]::ReferenceEquals(($stream | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).TargetObject, $second) | Should -BeTrue
        (Get-LeanlyTestServerStats $server).faultsServed | Should -Be 1
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
