param([ValidateSet('http', 'https')] [string] $Transport = 'http')  # run over http and HTTPS by tests/Invoke-PesterRun.ps1

# The soak: a short one in every run, the long one (60 s) with LEANLY_TEST_SOAK=1, as CI (.ci/run) and
# build.ps1 -Task Soak set it. LEANLY_SOAK_SECONDS chooses any other length.

BeforeAll { . (Join-Path $PSScriptRoot 'Scripts/Open-FlowSuite.ps1') }

AfterAll { Close-LeanlyTestFile $server }

Describe "Soak (over $Transport)" {
    BeforeAll {
        Disconnect-Leanly
        Reset-LeanlyTestServer $server
    }

    It 'about <Seconds> s, 4 runspaces, 2-second tokens, 5% transient faults: zero failed queries' -ForEach @(@{
            Seconds = if ($env:LEANLY_SOAK_SECONDS) { [int]$env:LEANLY_SOAK_SECONDS } elseif ($env:LEANLY_TEST_SOAK -eq '1') { 60 } else { 10 } }) {
        Set-LeanlyTestServer $server @{ accessTokenLifetime = 2 }
        $connection = Connect-TestLeanly -Server $server -PassThru -Extra @{ MaxRetries = 6 }
        $module = $env:LEANLY_TEST_MODULE
        $helpers = Join-Path $PSScriptRoot 'TestHelpers.psm1'
        $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
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
