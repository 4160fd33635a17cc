param([ValidateSet('http', 'https')] [string] $Transport = 'http')  # run over http and HTTPS by tests/Invoke-PesterRun.ps1

BeforeAll { . (Join-Path $PSScriptRoot 'Scripts/Open-FlowSuite.ps1') }

AfterAll { Close-LeanlyTestFile $server }

Describe "One connection shared by many runspaces (over $Transport)" {
    BeforeEach { Reset-LeanlyTestFile $server }

    # Flaky means broken: the same scenario runs several times.
    It 'run <_>: 8 parallel runspaces x 25 queries with 2-second tokens: no errors, one renewal per token, never one per caller' -ForEach 1, 2, 3 {
        Set-LeanlyTestServer $server @{ accessTokenLifetime = 2 }
        $connection = Connect-TestLeanly -Server $server -PassThru
        $module = $env:LEANLY_TEST_MODULE
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $results = 1..8 | ForEach-Object -ThrottleLimit 8 -Parallel {
            Import-Module $using:module
            $ok = 0
            $failures = [Collections.Generic.List[string]]::new()
            foreach ($i in 1..25) {
                try {
                    $answer = Invoke-LeanlyQuery '{ viewer { clientId } }' -Connection $using:connection -ErrorAction Stop
                    if ($answer.viewer.clientId) { $ok++ }
                }
                catch { $failures.Add($_.FullyQualifiedErrorId + ': ' + $_.Exception.Message) }
                Start-Sleep -Milliseconds 100
            }
            [pscustomobject]@{ Ok = $ok; Failures = $failures.ToArray() }
        }
        $watch.Stop()
        $stats = Get-LeanlyTestServerStats $server
        $renewals = $stats.tokenRequests.refresh_token + $stats.tokenRequests.client_credentials - 1

        ($results.Failures | Where-Object { $_ }) | Should -BeNullOrEmpty
        ($results | Measure-Object Ok -Sum).Sum | Should -Be 200
        $stats.tokenRequests.refresh_token | Should -BeGreaterThan 0
        # A 2-second token is renewed 1 second before it expires, so at most one renewal per second elapsed (plus one).
        $renewals | Should -BeLessOrEqual ([math]::Ceiling($watch.Elapsed.TotalSeconds) + 1)
        Write-Host "    $([math]::Round($watch.Elapsed.TotalSeconds, 1)) s, $renewals renewals, $($stats.unauthorized) 401s, $($stats.graphqlRequests) GraphQL requests"
    }

    It 'works from Start-ThreadJob too' -Skip:(-not (Get-Command Start-ThreadJob -ErrorAction SilentlyContinue)) {
        $connection = Connect-TestLeanly -Server $server -PassThru
        $module = $env:LEANLY_TEST_MODULE
        $jobs = 1..3 | ForEach-Object {
            Start-ThreadJob -ScriptBlock {
                Import-Module $using:module
                (Invoke-LeanlyQuery '{ viewer { clientId } }' -Connection $using:connection -ErrorAction Stop).viewer.clientId
            }
        }
        $ids = $jobs | Wait-Job -Timeout 60 | Receive-Job
        $jobs | Remove-Job -Force
        $ids | Should -Be (@($client.ClientId) * 3)
    }
}

Describe "Soak (over $Transport)" {
    BeforeAll {
        Disconnect-Leanly
        Reset-LeanlyTestServer $server
    }

    It 'about 60 s, 4 runspaces, 1-second tokens, 5% transient faults: zero failed queries' {
        Set-LeanlyTestServer $server @{ accessTokenLifetime = 1 }
        $connection = Connect-TestLeanly -Server $server -PassThru -Extra @{ MaxRetries = 6 }
        $module = $env:LEANLY_TEST_MODULE
        $helpers = Join-Path $PSScriptRoot 'TestHelpers.psm1'
        $seconds = if ($env:LEANLY_SOAK_SECONDS) { [int]$env:LEANLY_SOAK_SECONDS } else { 60 }
        $deadline = [DateTime]::UtcNow.AddSeconds($seconds)
        $faults = @(
            @{ kind = 'status'; status = 503 }
            @{ kind = 'status'; status = 429; retryAfter = '0' }
            @{ kind = 'status'; status = 502 }
            @{ kind = 'status'; status = 504 }
            @{ kind = 'drop' }
        )
        $results = 1..4 | ForEach-Object -ThrottleLimit 4 -Parallel {
            Import-Module $using:module
            Import-Module $using:helpers
            $random = [Random]::new(1000 + $_)
            $ok = 0; $injected = 0
            $failures = [Collections.Generic.List[string]]::new()
            $count = 0
            while ([DateTime]::UtcNow -lt $using:deadline -and $count -lt 20000) {
                $count++
                $endpoint = if ($random.NextDouble() -lt 0.3) { 'token' } else { 'graphql' }
                # At most one fault waits per endpoint: token requests are rare, and a backlog would fault every retry of one renewal.
                if ($random.NextDouble() -lt 0.05 -and (Invoke-ServerControl -Server $using:server -Path faults).$endpoint -lt 1) {
                    $fault = ($using:faults)[$random.Next(($using:faults).Count)]
                    $options = @{}; foreach ($key in $fault.Keys) { if ($key -ne 'kind') { $options[$key] = $fault[$key] } }
                    Add-LeanlyTestServerFault -Server $using:server -Endpoint $endpoint -Kind $fault.kind -Options $options
                    $injected++
                }
                try {
                    $answer = Invoke-LeanlyQuery '{ viewer { clientId } }' -Connection $using:connection -ErrorAction Stop
                    if ($answer.viewer.clientId) { $ok++ } else { $failures.Add('empty answer') }
                }
                catch { $failures.Add($_.FullyQualifiedErrorId + ': ' + $_.Exception.Message) }
            }
            [pscustomobject]@{ Ok = $ok; Injected = $injected; Failures = $failures.ToArray() }
        }
        $stats = Get-LeanlyTestServerStats $server
        $queries = ($results | Measure-Object Ok -Sum).Sum
        $injected = ($results | Measure-Object Injected -Sum).Sum
        Write-Host "    soak: $queries queries ok, $(@($results.Failures | Where-Object { $_ }).Count) failed, $injected faults injected, $($stats.faultsServed) served, $($stats.tokenRequests.refresh_token) refreshes, $($stats.tokenRequests.client_credentials) client-credential grants, $($stats.unauthorized) 401s"
        ($results.Failures | Where-Object { $_ }) | Should -BeNullOrEmpty
        $queries | Should -BeGreaterThan 100
        $stats.faultsServed | Should -BeGreaterThan 0
    }
}
