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
