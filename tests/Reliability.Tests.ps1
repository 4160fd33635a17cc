# No answer can take the session down: every answer has a size limit counted after decompression, -TimeoutSec bounds
# the body too, and broken transports end in Leanly errors without leaking sockets. The memory cases run the module in
# child pwsh processes under a 512 MB heap limit (DOTNET_GCHeapHardLimit), side by side; each child reports one JSON
# line per case (tests/Scripts/Reliability.Child.ps1 and Reliability.Broken.ps1).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:setup = Initialize-LeanlyTestFile -Transport https
    $script:server = $setup.Server
    $script:plain = Start-LeanlyTestServer -Transport http

    function script:Start-Child([string] $Name, [string] $Script, $Server, [hashtable] $Set) {
        $environment = New-LeanlyProxyEnvironment -Server $Server -Set ($Set + @{
                LEANLY_TEST_MODULE = $env:LEANLY_TEST_MODULE; RELIABILITY_CONTROL = "$($Server.BaseUri)/control"; RELIABILITY_HOSTILE = $Server.Hostile; RELIABILITY_NAME = $Name
            })
        $path = Join-Path $PSScriptRoot "Scripts/$Script"
        $helpers = Join-Path $PSScriptRoot 'TestHelpers.psm1'
        Start-ThreadJob -ArgumentList $path, $environment, $helpers -ScriptBlock {
            param($Path, $Environment, $Helpers)
            Import-Module $Helpers
            Invoke-ChildPwsh -Script ". '$Path'" -Environment $Environment -TimeoutSec 150
        }
    }

    function script:Read-Cases($Run) {
        $cases = @{}
        foreach ($line in $Run.Output -split "`n" | Where-Object { $_.Trim().StartsWith('{') }) {
            $case = $line | ConvertFrom-Json
            $cases[$case.Case] = $case
        }
        $cases
    }

    $limited = '0x20000000'
    $jobs = [ordered]@{
        https   = Start-Child https 'Reliability.Child.ps1' $server @{ DOTNET_GCHeapHardLimit = $limited; RELIABILITY_TIMEOUT = 60; RELIABILITY_CASES = 'endless,bomb,justOver,reset,errors' }
        http    = Start-Child http 'Reliability.Child.ps1' $plain @{ DOTNET_GCHeapHardLimit = $limited; RELIABILITY_TIMEOUT = 60; RELIABILITY_CASES = 'endless,bomb,justOver,twentyMB,all500k' }
        request = Start-Child request 'Reliability.Child.ps1' $plain @{ DOTNET_GCHeapHardLimit = $limited; RELIABILITY_TIMEOUT = 60; RELIABILITY_CASES = 'bigQuery,bigVariable' }
        slow    = Start-Child slow 'Reliability.Child.ps1' $plain @{ DOTNET_GCHeapHardLimit = $limited; RELIABILITY_TIMEOUT = 3; RELIABILITY_CASES = 'slow' }
        broken  = Start-Child broken 'Reliability.Broken.ps1' $server @{ RELIABILITY_ROUNDS = 200 }
    }
    $script:runs = @{}
    foreach ($name in $jobs.Keys) {
        $script:runs[$name] = $jobs[$name] | Receive-Job -Wait -AutoRemoveJob
    }
}

AfterAll {
    Stop-LeanlyTestServer $plain
    Close-LeanlyTestFile $server
}

Describe 'Answers too large to hold, under a 512 MB heap limit' {
    It 'ends <Case> over <Transport> in LeanlyResponseTooLarge, the process alive and the next query answered' -ForEach @(
        @{ Transport = 'https'; Case = 'endless' }, @{ Transport = 'https'; Case = 'bomb' }, @{ Transport = 'https'; Case = 'justOver' }
        @{ Transport = 'http'; Case = 'endless' }, @{ Transport = 'http'; Case = 'bomb' }, @{ Transport = 'http'; Case = 'justOver' }
    ) {
        $run = $runs[$Transport]
        $run.ExitCode | Should -Be 0 -Because $run.Error
        $result = (Read-Cases $run)[$Case]
        $result.Id | Should -Be 'LeanlyResponseTooLarge'
        $result.Message | Should -Match 'larger than the 100 MB allowed'
        $result.Message | Should -Match 'dropped after 10\d(\.\d)? MB \(\d+ bytes, counted after decompression\)'
        $result.Next | Should -Be (Get-TestClient).ClientId
        $result.PeakMB | Should -BeLessThan 1024
    }

    It 'still answers a 20 MB answer and -All over 500,000 items' {
        $run = $runs.http
        $cases = Read-Cases $run
        $cases.twentyMB.Id | Should -BeNullOrEmpty -Because $cases.twentyMB.Message
        $cases.twentyMB.Outputs | Should -Be 1
        $cases.all500k.Id | Should -BeNullOrEmpty -Because $cases.all500k.Message
        $cases.all500k.Outputs | Should -Be 500000
    }
}

Describe 'Requests too large to escape in one piece, under a 512 MB heap limit' {
    It 'sends <Case> (20 MB of it), has it echoed back whole, and answers the next query' -ForEach @(
        @{ Case = 'bigQuery' }, @{ Case = 'bigVariable' }
    ) {
        $run = $runs.request
        $run.ExitCode | Should -Be 0 -Because $run.Error
        $result = (Read-Cases $run)[$Case]
        $result.Id | Should -BeNullOrEmpty -Because $result.Message
        $result.Outputs | Should -Be 1
        $result.Echoed | Should -Be 20MB
        $result.Next | Should -Be (Get-TestClient).ClientId
        $result.PeakMB | Should -BeLessThan 1024
    }
}

Describe '-TimeoutSec bounds the body' {
    It 'ends an answer that trickles for ever in LeanlyTimeout, and the next query is answered' {
        $run = $runs.slow
        $run.ExitCode | Should -Be 0 -Because $run.Error
        $result = (Read-Cases $run).slow
        $result.Id | Should -Be 'LeanlyTimeout'
        $result.Message | Should -Match 'within 3 s'
        $result.Next | Should -Be (Get-TestClient).ClientId
    }
}

Describe 'An answer with 100,000 GraphQL errors' {
    It 'writes the first 100 as records and one more that counts the rest and holds them all' {
        $result = (Read-Cases $runs.https).errors
        $result.Id | Should -Be 'LeanlyGraphQLError'
        $result.ErrorRecords | Should -Be 101
        $result.Message | Should -Match '^GraphQL: 99900 more error\(s\) not written one by one \(100000 in all\)'
        $result.GraphQLErrors | Should -Be 100000
        $result.Next | Should -Be (Get-TestClient).ClientId
    }
}

Describe 'Broken transports' {
    BeforeAll { $script:broken = Read-Cases $runs.broken }

    It 'ends <Case> in <Id>' -ForEach @(
        @{ Case = 'close-mid-body'; Id = 'LeanlyNetworkError' }
        @{ Case = 'short-length'; Id = 'LeanlyInvalidGraphQLResponse' }
        @{ Case = 'bad-chunked'; Id = 'LeanlyNetworkError' }
        @{ Case = 'random-bytes'; Id = 'LeanlyNetworkError' }
        @{ Case = 'http2-reset'; Id = 'LeanlyNetworkError' }
    ) {
        $runs.broken.ExitCode | Should -Be 0 -Because $runs.broken.Error
        $broken[$Case].Id | Should -Be $Id
    }

    It 'leaves the open descriptors and the managed heap where they were after 1,000 failures' {
        $leak = $broken.leak
        $leak.Failures | Should -Be 1000
        ($leak.Ids.PSObject.Properties.Value | Measure-Object -Sum).Sum | Should -Be 1000
        $leak.Ids.PSObject.Properties.Name | Should -Not -Contain 'no error'
        $leak.Ids.PSObject.Properties.Name | Should -Not -Contain 'LeanlyUnexpectedError'
        $leak.After.Fds | Should -BeLessOrEqual ($leak.Before.Fds + 10)
        $leak.After.HeapMB | Should -BeLessThan ($leak.Before.HeapMB + 20)
        $leak.Next | Should -Be (Get-TestClient).ClientId
    }
}

Describe 'Connect-Leanly -MaxResponseSizeMB' {
    BeforeEach { Reset-LeanlyTestFile $server }

    It 'applies to GraphQL answers, shows in Get-LeanlyConnection, and the next query still works' {
        Connect-TestLeanly -Server $server -Extra @{ MaxResponseSizeMB = 1; MaxRetries = 0 }
        (Get-LeanlyConnection).MaxResponseSizeMB | Should -Be 1
        (Get-LeanlyConnection | Format-List | Out-String) | Should -Match 'MaxResponseSizeMB\s*:\s*1'
        Add-LeanlyTestServerFault -Server $server -Endpoint graphql -Kind big -Options @{ sizeBytes = 2MB }
        $failure = try { Invoke-LeanlyQuery '{ viewer { clientId } }'; $null } catch { $_ }
        $failure.FullyQualifiedErrorId | Should -BeLike 'LeanlyResponseTooLarge,*'
        $failure.CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $failure.Exception.Message | Should -Match 'larger than the 1 MB allowed'
        $failure.ErrorDetails.RecommendedAction | Should -Match '-MaxResponseSizeMB'
        $failure.ErrorDetails.RecommendedAction | Should -Match '-All'
        (Invoke-LeanlyQuery '{ viewer { clientId } }').viewer.clientId | Should -Be (Get-TestClient).ClientId
    }

    It 'lets an answer of exactly the limit through' {
        Connect-TestLeanly -Server $server -Extra @{ MaxResponseSizeMB = 1 }
        $text = 'y' * (1MB - '{"data":{"echo":""}}'.Length)
        (Invoke-LeanlyQuery 'query($t: String!) { echo(text: $t) }' -Variables @{ t = $text }).echo.Length | Should -Be $text.Length
    }

    It 'applies to the token endpoint too' {
        Add-LeanlyTestServerFault -Server $server -Endpoint token -Kind big -Options @{ sizeBytes = 8MB }
        $failure = try { Connect-TestLeanly -Server $server -Extra @{ MaxResponseSizeMB = 1; MaxRetries = 0 }; $null } catch { $_ }
        $failure.FullyQualifiedErrorId | Should -BeLike 'LeanlyResponseTooLarge,*'
        $failure.Exception.Message | Should -Match 'token request'
    }

    It 'defaults to 100 MB' {
        Connect-TestLeanly -Server $server
        (Get-LeanlyConnection).MaxResponseSizeMB | Should -Be 100
    }
}
