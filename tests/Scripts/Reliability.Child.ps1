# Runs in a child pwsh, usually under DOTNET_GCHeapHardLimit: each case in $env:RELIABILITY_CASES against the test
# server, then a normal query on the same connection. One JSON line per case: its error id, seconds, whether the next
# query was answered, the process's peak memory so far. Used by tests/Reliability.Tests.ps1.
$ErrorActionPreference = 'Stop'
Import-Module $env:LEANLY_TEST_MODULE
$control = $env:RELIABILITY_CONTROL
# Children run side by side against one server: each fault is for the request that carries this case's marker.
function Add-Fault([hashtable] $Fault) {
    $body = @{ endpoint = 'graphql'; count = 1; bodyContains = $marker } + $Fault | ConvertTo-Json -Compress
    $null = Invoke-RestMethod -Uri "$control/faults" -Method Post -Body $body -ContentType 'application/json' -NoProxy
}
$peakBytes = { [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 }
$connection = Connect-Leanly -MaxRetries 0 -TimeoutSec ([int]$env:RELIABILITY_TIMEOUT) -PassThru
$limit = $connection.MaxResponseSizeMB * 1MB
foreach ($case in $env:RELIABILITY_CASES -split ',') {
    $marker = "reliability-$env:RELIABILITY_NAME-$case"
    $query = "{ viewer { clientId } } # $marker"
    $all = $false
    $variables = $null
    switch ($case) {
        'endless' { Add-Fault @{ kind = 'big'; sizeBytes = 64GB } }
        'bomb' { Add-Fault @{ kind = 'big'; sizeBytes = 64GB; gzip = $true } }
        'justOver' { Add-Fault @{ kind = 'big'; sizeBytes = $limit + 1; sendContentLength = $true } }
        'slow' { Add-Fault @{ kind = 'big'; sizeBytes = 64GB; chunkDelayMs = 50 } }
        'reset' { Add-Fault @{ kind = 'drop' } }
        'errors' {
            $errors = (1..100000 | ForEach-Object { '{"message":"error ' + $_ + '"}' }) -join ','
            Add-Fault @{ kind = 'body'; body = '{"data":null,"errors":[' + $errors + ']}' }
        }
        'twentyMB' { $query = '{ bulk(count: 20000, padding: 1000) { id text } }' }
        # Requests, not answers: 20 MB of query text, and a 20 MB string variable, each echoed back.
        'bigQuery' { $query = "{ echo(text: `"$('q' * 20MB)`") } # $marker" }
        'bigVariable' { $query = "query(`$t: String!) { echo(text: `$t) } # $marker"; $variables = @{ t = 'v' * 20MB } }
        'all500k' { $query = 'query($after: String) { items(first: 5000, after: $after, total: 500000) { nodes { id } pageInfo { hasNextPage endCursor } } }'; $all = $true }
    }
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $id = $null; $message = $null; $count = 0; $records = 0; $restCount = $null; $echoed = $null
    try {
        $errorsSeen = @()
        $send = @{ Query = $query; All = $all }
        if ($variables) { $send.Variables = $variables }
        Invoke-LeanlyQuery @send -Connection $connection -ErrorVariable errorsSeen -ErrorAction SilentlyContinue |
            ForEach-Object { $count++; if ($_.PSObject.Properties['echo']) { $echoed = $_.echo.Length } }
        $records = $errorsSeen.Count
        if ($records) {
            $id = $errorsSeen[0].FullyQualifiedErrorId.Split(',')[0]
            $message = $errorsSeen[-1].Exception.Message
            $restCount = @($errorsSeen[-1].Exception.GraphQLErrors).Count
        }
    }
    catch { $id = $_.FullyQualifiedErrorId.Split(',')[0]; $message = $_.Exception.Message }
    $seconds = $clock.Elapsed.TotalSeconds
    $query = $null; $variables = $null; $send = $null
    $next = try { (Invoke-LeanlyQuery '{ viewer { clientId } }' -Connection $connection).viewer.clientId } catch { "failed: $($_.FullyQualifiedErrorId)" }
    [ordered]@{ Case = $case; Id = $id; Message = $message; Seconds = [Math]::Round($seconds, 2); Outputs = $count; ErrorRecords = $records
        Echoed = $echoed; GraphQLErrors = $restCount; Next = $next; PeakMB = [Math]::Round((& $peakBytes) / 1MB) } | ConvertTo-Json -Compress
}
