# Runs in a child pwsh: each broken transport of the test server's hostile listener once (one JSON line each with the
# error id and seconds), then $env:RELIABILITY_ROUNDS more failures of every kind (the HTTP/2 resets through the
# HTTPS listener), and one JSON line with the open file descriptors and the managed heap before and after them.
$ErrorActionPreference = 'Stop'
Import-Module $env:LEANLY_TEST_MODULE
$hostile = $env:RELIABILITY_HOSTILE
$modes = 'close-mid-body', 'short-length', 'bad-chunked', 'random-bytes'
$connections = @{}
foreach ($mode in $modes) { $connections[$mode] = Connect-Leanly -MaxRetries 0 -TimeoutSec 10 -ApiUri "$hostile/$mode" -PassThru }
$normal = Connect-Leanly -MaxRetries 0 -TimeoutSec 10 -PassThru
# Other children share the server: the resets are for the requests that carry this marker.
$marker = 'reliability-broken-reset'
function Get-FailureId($Connection) {
    try { $null = Invoke-LeanlyQuery "{ viewer { clientId } } # $marker" -Connection $Connection; 'no error' }
    catch { $_.FullyQualifiedErrorId.Split(',')[0] }
}
function Add-Resets([int] $Count) {
    $body = @{ endpoint = 'graphql'; kind = 'drop'; count = $Count; bodyContains = $marker } | ConvertTo-Json -Compress
    $null = Invoke-RestMethod -Uri "$env:RELIABILITY_CONTROL/faults" -Method Post -Body $body -ContentType 'application/json' -NoProxy
}
function Get-Figures {
    [GC]::Collect(); [GC]::WaitForPendingFinalizers()
    @{ Fds = @(Get-ChildItem /proc/self/fd -ErrorAction SilentlyContinue).Count; HeapMB = [Math]::Round([GC]::GetTotalMemory($true) / 1MB, 1) }
}
$unexpected = 0
foreach ($mode in $modes) {
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $id = Get-FailureId $connections[$mode]
    @{ Case = $mode; Id = $id; Seconds = [Math]::Round($clock.Elapsed.TotalSeconds, 2) } | ConvertTo-Json -Compress
}
Add-Resets 1
$clock = [Diagnostics.Stopwatch]::StartNew()
@{ Case = 'http2-reset'; Id = (Get-FailureId $normal); Seconds = [Math]::Round($clock.Elapsed.TotalSeconds, 2) } | ConvertTo-Json -Compress

$before = Get-Figures
$rounds = [int]$env:RELIABILITY_ROUNDS
Add-Resets $rounds
$ids = @{}
for ($i = 0; $i -lt $rounds; $i++) {
    foreach ($connection in @($connections.Values) + $normal) {
        $id = Get-FailureId $connection
        $ids[$id] = 1 + [int]$ids[$id]
    }
}
$after = Get-Figures
$next = (Invoke-LeanlyQuery '{ viewer { clientId } }' -Connection $normal).viewer.clientId
@{ Case = 'leak'; Failures = $rounds * 5; Ids = $ids; Before = $before; After = $after; Next = $next } | ConvertTo-Json -Compress -Depth 3
