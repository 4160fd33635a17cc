<#
.SYNOPSIS
    The speed and memory benchmark behind build.ps1 -Task Bench: figures and ratios, no assertions.
.DESCRIPTION
    Both sides of every comparison run in the same run against the same local Leanly-compatible server, which this
    script starts and stops by PID. Times are Stopwatch medians over several repetitions; memory is the peak working
    set (Process.PeakWorkingSet64) of fresh child pwsh processes, one per side and repetition.
      A  500 sequential small queries: Invoke-LeanlyQuery vs a hand-written Invoke-RestMethod loop, and a C# HttpClient loop (the floor)
      B  one ~20 MB answer turned into objects: Invoke-LeanlyQuery vs Invoke-RestMethod (time, peak working-set growth)
      C  Import-Module Leanly in a fresh pwsh -NoProfile: added time over pwsh -NoProfile -Command 1, in the dotnet tool's
         pwsh (IL only) and, with -ReadyToRunPwsh, in a ReadyToRun-compiled one like the official packages
      D  -All over 100,000 items (pages of 1,000) into Measure-Object: peak working set vs 10,000 items; requests before the first item
      E  bulk work 50 ms away: 400 piped queries with -ThrottleLimit 16 vs ForEach-Object -Parallel -ThrottleLimit 16
         { Invoke-RestMethod } over HTTPS with the server a 50 ms network round trip away (as Leanly is reached: every
         new connection pays its TCP and TLS handshakes), and vs the same and a sequential Invoke-RestMethod loop over
         plain loopback http with 50 ms spent in the server (connections free); time, peak working set of a fresh pwsh
         each (the ReadyToRun one with -ReadyToRunPwsh), the first pass on its own and the median of the passes after it;
         -All over 20 pages of 100 with 40 ms downstream per page vs the same pages fetched without reading ahead
      F  the first 500 calls in a fresh pwsh (the ReadyToRun one with -ReadyToRunPwsh): after 20 warm-up calls of each
         side (the first call timed on its own), 500 sequential small queries vs an Invoke-RestMethod loop in the same
         process; the side that goes first alternates between processes, a pause outside the timed windows lets the
         runtime's background JIT of one side finish before the next; median of the per-process ratios, with the JIT
         work and CPU time of each side's window, and each side alone in its own fresh process for scale
      G  the schema commands on the test server's large generated schema (1,500 more types), in fresh pwsh processes (the
         ReadyToRun one with -ReadyToRunPwsh): Get-LeanlySchema -Force from the answer's arrival to the cached schema
         (first call and warm; the same POST through a plain HttpClient is the network part), 200+ completions inside
         -Query through TabExpansion2 (median, worst, the first; the core completer alone for scale), Test-LeanlyQuery on
         a 300-line document (warm, and the first call that builds GraphQL.NET's schema), the cached schema's managed heap
         growth and peak working set
    Figures depend on the machine and on whatever else runs on it: compare ratios, not absolute times.
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Bench
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [ValidateSet('Debug', 'Release')] [string] $Configuration = 'Release',
    [ValidateRange(3, 25)] [int] $Repetitions = 5,
    [ValidateRange(10, 5000)] [int] $SmallQueries = 500,
    # Rounds of A run before the counted ones, so every side is measured at its steady speed.
    [ValidateRange(1, 50)] [int] $WarmupRounds = 10,
    [ValidateRange(1MB, 200MB)] [int] $BulkBytes = 20MB,
    [ValidateRange(3, 50)] [int] $ImportRuns = 15,
    [ValidateRange(30, 3600)] [int] $ChildTimeoutSec = 600,
    # C also runs in this pwsh (pwsh.dll of a ReadyToRun-compiled PowerShell), when given; build.ps1 -Task Bench builds one.
    [string] $ReadyToRunPwsh,
    # Run only some of the benchmarks (the summary then lists only those).
    [ValidateSet('A', 'B', 'C', 'D', 'E', 'F', 'G')] [string[]] $Section = @('A', 'B', 'C', 'D', 'E', 'F', 'G'),
    # F: fresh processes (each measures both sides once), and the queries each side sends after its warm-up.
    [ValidateRange(2, 40)] [int] $FreshRuns = 8,
    [ValidateRange(10, 5000)] [int] $FirstCalls = 500,
    # E: the server's latency per GraphQL request, and how many requests -ThrottleLimit keeps in flight.
    [ValidateRange(0, 1000)] [int] $LatencyMs = 50,
    [ValidateRange(1, 64)] [int] $Throttle = 16
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$ModulePath = (Resolve-Path $ModulePath).Path
$env:LEANLY_TEST_CONFIGURATION = $Configuration
Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
Import-Module $ModulePath -Force

function Get-Median([double[]] $Values) {
    $sorted = @($Values | Sort-Object)
    $middle = [math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { return $sorted[$middle] }
    return ($sorted[$middle - 1] + $sorted[$middle]) / 2
}

# The median of the ratios of paired measurements (entry i of both lists was taken in the same round).
function Get-PairedRatio([double[]] $Numerator, [double[]] $Denominator) {
    Get-Median @(for ($i = 0; $i -lt $Numerator.Count; $i++) { $Numerator[$i] / $Denominator[$i] })
}

function Format-MB([double] $Bytes) { '{0:N1} MB' -f ($Bytes / 1MB) }

function Write-Section([string] $Title) { Write-Host ''; Write-Host "== $Title" -ForegroundColor Cyan }

function Write-Figure([string] $Name, [string] $Value) { Write-Host ('   {0,-58} {1}' -f $Name, $Value) }

$summary = [Collections.Generic.List[object]]::new()
# A $Target of NaN marks a figure printed for scale, with no target to meet.
function Add-Result([string] $Name, [double] $Value, [double] $Target, [string] $Unit = 'x') {
    $forScale = [double]::IsNaN($Target)
    $summary.Add([pscustomobject]@{
            Benchmark = $Name
            Measured  = $(if ($Unit -eq 'x') { '{0:N2}' -f $Value } else { '{0:N1} {1}' -f $Value, $Unit })
            Target    = $(if ($forScale) { '(for scale)' } elseif ($Unit -eq 'x') { '<= {0:N2}' -f $Target } else { '<= {0:N0} {1}' -f $Target, $Unit })
            Result    = $(if ($forScale) { '' } elseif ($Value -le $Target) { 'met' } else { 'MISSED' })
        })
}

# Runs $Script in a fresh child pwsh that can connect through LEANLY_* variables ($ExtraEnvironment may point them
# elsewhere); returns the JSON object it prints last.
function Invoke-BenchChild([string] $Script, [hashtable] $ExtraEnvironment = @{}, [string[]] $Pwsh = (Get-PwshCommand)) {
    $client = Get-TestClient
    $environment = @{
        LEANLY_CLIENT_ID     = $client.ClientId
        LEANLY_CLIENT_SECRET = $client.ClientSecret
        LEANLY_TOKEN_URI     = $server.TokenUri
        LEANLY_API_URI       = $server.ApiUri
        LEANLY_BENCH_MODULE  = $ModulePath
        LEANLY_BENCH_BASE    = $server.BaseUri
    }
    foreach ($key in $ExtraEnvironment.Keys) { $environment[$key] = $ExtraEnvironment[$key] }   # the extras win
    $run = Invoke-ChildPwsh -Pwsh $Pwsh -Script $Script -Environment $environment -TimeoutSec $ChildTimeoutSec
    $last = ($run.Output -split "`n" | Where-Object { $_.Trim() } | Select-Object -Last 1)
    if ($run.ExitCode -ne 0 -or -not $last -or -not $last.TrimStart().StartsWith('{')) {
        throw "A benchmark child process failed (exit code $($run.ExitCode)): $($run.Error) $($run.Output)"
    }
    $last | ConvertFrom-Json
}

Add-Type -TypeDefinition @'
using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;

public static class LeanlyBenchHttpClientLoop
{
    // Configured and addressed like LeanlyPS's own client, so both sides make the same HTTP exchange.
    private static readonly HttpClient Client = new HttpClient(new HttpClientHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
    });

    // The floor: the same POSTs as the other sides, each answer read whole, no PowerShell per request.
    public static long Run(string uri, string token, string body, int count)
    {
        long bytes = 0;
        for (var i = 0; i < count; i++)
        {
            using (var request = new HttpRequestMessage(HttpMethod.Post, uri))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                request.Headers.TryAddWithoutValidation("Accept", "application/graphql-response+json, application/json;q=0.9");
                request.Headers.TryAddWithoutValidation("User-Agent", "LeanlyBench/1.0");
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
                using (var response = Client.SendAsync(request).GetAwaiter().GetResult())
                {
                    response.EnsureSuccessStatusCode();
                    bytes += response.Content.ReadAsStringAsync().GetAwaiter().GetResult().Length;
                }
            }
        }

        return bytes;
    }
}
'@

# For scale: the module's core doing the same requests from C#, no cmdlet (what the request itself costs). Only A uses it.
if ('A' -in $Section) { Add-Type -ReferencedAssemblies (Join-Path (Split-Path $ModulePath -Parent) 'Leanly.Core.dll'), System.Net.Http, System.Runtime, System.Collections, netstandard -TypeDefinition @'
using System.Threading;

public static class LeanlyBenchCoreLoop
{
    public static long Run(Leanly.LeanlyConnection connection, string query, int count)
    {
        long status = 0;
        for (var i = 0; i < count; i++)
        {
            using (var response = connection.ExecuteAsync(new Leanly.GraphQL.GraphQLRequest(query), Leanly.Http.NullLog.Instance, CancellationToken.None).GetAwaiter().GetResult())
            {
                status += response.StatusCode;
            }
        }

        return status;
    }
}
'@ }

# E reaches the server over HTTPS too: a throw-away CA that the child processes trust through SSL_CERT_FILE.
$tls = if ('E' -in $Section) { Initialize-LeanlyTestTls }
$server = Start-LeanlyTestServer
Write-Host "Local Leanly server at $($server.BaseUri) (PID $($server.Process.Id)); PowerShell $($PSVersionTable.PSVersion), $([Environment]::ProcessorCount) CPU(s), $([Runtime.InteropServices.RuntimeInformation]::OSDescription)"
try {
    $client = Get-TestClient
    Connect-Leanly -Credential $client.Credential -TokenUri $server.TokenUri -ApiUri $server.ApiUri
    $api = $server.ApiUri

    # ---------------------------------------------------------------- A: many small queries
    if ('A' -in $Section) {
        Write-Section "A. $SmallQueries sequential small queries, $Repetitions counted rounds after $WarmupRounds warm-up rounds (median)"
        $small = '{ viewer { clientId } }'
        $token = (Get-LeanlyAccessToken -AsPlainText).Token
        $floorBody = @{ query = $small } | ConvertTo-Json -Compress
        $connection = Get-LeanlyConnection
        $sides = [ordered]@{
            'Invoke-LeanlyQuery'     = { param($n) for ($i = 0; $i -lt $n; $i++) { $null = Invoke-LeanlyQuery $small } }
            # The documented batch form: one command, the queries piped in (no per-query command start-up).
            'Invoke-LeanlyQuery, queries piped in' = { param($n) $null = [Linq.Enumerable]::Repeat($small, $n) | Invoke-LeanlyQuery }
            'Invoke-RestMethod loop' = { param($n) for ($i = 0; $i -lt $n; $i++) { $null = Invoke-RestMethod -Method Post -Uri $api -Headers @{ Authorization = "Bearer $token" } -Body (@{ query = $small } | ConvertTo-Json) -ContentType application/json } }
            'C# HttpClient loop'     = { param($n) $null = [LeanlyBenchHttpClientLoop]::Run($api, $token, $floorBody, $n) }
            # Not targets, for scale: the same C# call once per query from a PowerShell loop shows what the loop costs;
            # adding one no-op cmdlet per query (Write-Output) shows what PowerShell charges any cmdlet for starting.
            'C# HttpClient, 1 call/query from a PS loop' = { param($n) for ($i = 0; $i -lt $n; $i++) { $null = [LeanlyBenchHttpClientLoop]::Run($api, $token, $floorBody, 1) } }
            'Leanly core from C#, no cmdlet' = { param($n) $null = [LeanlyBenchCoreLoop]::Run($connection, $small, $n) }
            'C# HttpClient + a no-op cmdlet per query' = { param($n) for ($i = 0; $i -lt $n; $i++) { $null = Write-Output $small; $null = [LeanlyBenchHttpClientLoop]::Run($api, $token, $floorBody, 1) } }
        }
        # The sides take turns in blocks of 50 queries, so a change in the machine's load falls on all of them alike.
        # The first $WarmupRounds rounds are not counted: .NET's tiered JIT keeps recompiling PowerShell's own command
        # invocation path for thousands of calls (this pwsh, from the dotnet tool package, is not ReadyToRun-compiled),
        # and the server process warms up too. The first counted round is reported separately, as the cold figure.
        $block = 50
        $times = @{}
        foreach ($name in $sides.Keys) { $times[$name] = [Collections.Generic.List[double]]::new() }
        $cold = $null
        for ($r = -$WarmupRounds; $r -lt $Repetitions; $r++) {
            $total = @{}
            foreach ($name in $sides.Keys) { $total[$name] = 0.0 }
            for ($done = 0; $done -lt $SmallQueries; $done += $block) {
                $n = [math]::Min($block, $SmallQueries - $done)
                foreach ($name in $sides.Keys) {
                    $watch = [Diagnostics.Stopwatch]::StartNew()
                    & $sides[$name] $n
                    $total[$name] += $watch.Elapsed.TotalMilliseconds
                }
            }
            if ($r -eq -$WarmupRounds) { $cold = $total }
            if ($r -ge 0) { foreach ($name in $sides.Keys) { $times[$name].Add($total[$name]) } }
        }
        $median = @{}
        foreach ($name in $sides.Keys) {
            $median[$name] = Get-Median $times[$name]
            Write-Figure $name ('{0,8:N0} ms  ({1:N3} ms/query; runs: {2})' -f $median[$name], ($median[$name] / $SmallQueries), (($times[$name] | ForEach-Object { '{0:N0}' -f $_ }) -join ', '))
        }
        # Each ratio is the median of the per-round ratios: both sides of a round ran interleaved, under the same load.
        $ratioIrm = Get-PairedRatio $times['Invoke-LeanlyQuery'] $times['Invoke-RestMethod loop']
        $ratioFloor = Get-PairedRatio $times['Invoke-LeanlyQuery'] $times['C# HttpClient loop']
        Write-Figure 'ratio Invoke-LeanlyQuery / Invoke-RestMethod' ('{0:N2}' -f $ratioIrm)
        Write-Figure 'ratio Invoke-LeanlyQuery / HttpClient' ('{0:N2}' -f $ratioFloor)
        Write-Figure 'for scale: ratio Leanly core from C# / HttpClient' ('{0:N2}' -f (Get-PairedRatio $times['Leanly core from C#, no cmdlet'] $times['C# HttpClient loop']))
        Write-Figure 'for scale: ratio HttpClient + a no-op cmdlet per query / HttpClient' ('{0:N2}' -f (Get-PairedRatio $times['C# HttpClient + a no-op cmdlet per query'] $times['C# HttpClient loop']))
        Write-Figure 'for scale: ratio Invoke-LeanlyQuery / (HttpClient + a no-op cmdlet)' ('{0:N2}' -f (Get-PairedRatio $times['Invoke-LeanlyQuery'] $times['C# HttpClient + a no-op cmdlet per query']))
        Write-Figure 'for scale: ratio Invoke-LeanlyQuery, queries piped in / HttpClient' ('{0:N2}' -f (Get-PairedRatio $times['Invoke-LeanlyQuery, queries piped in'] $times['C# HttpClient loop']))
        Write-Figure 'cold (first round after start-up): Invoke-LeanlyQuery / HttpClient' ('{0:N2}  (Invoke-LeanlyQuery / Invoke-RestMethod {1:N2})' -f ($cold['Invoke-LeanlyQuery'] / $cold['C# HttpClient loop']), ($cold['Invoke-LeanlyQuery'] / $cold['Invoke-RestMethod loop']))
        Add-Result 'A. small queries: time vs Invoke-RestMethod' $ratioIrm 0.67
        Add-Result 'A. small queries: time vs C# HttpClient' $ratioFloor 1.3

    }

    # ---------------------------------------------------------------- B: one large answer
    if ('B' -in $Section) {
        $fields = 'id index name text tags score active'
        $probe = Invoke-WebRequest -Method Post -Uri $api -Headers @{ Authorization = "Bearer $token" } -ContentType application/json `
            -Body (@{ query = "{ bulk(count: 1000, padding: 100) { $fields } }" } | ConvertTo-Json)
        $bulkCount = [int][math]::Min(250000, [math]::Round($BulkBytes / ($probe.RawContentLength / 1000)))
        $bulk = "{ bulk(count: $bulkCount, padding: 100) { $fields } }"
        $bulkBytes = $bulkCount * $probe.RawContentLength / 1000
        Write-Section ("B. one answer of {0} ({1:N0} objects), {2} repetitions" -f (Format-MB $bulkBytes), $bulkCount, $Repetitions)
        $bulkSides = [ordered]@{
            'Invoke-LeanlyQuery' = { (Invoke-LeanlyQuery $bulk).bulk.Count }
            'Invoke-RestMethod'  = { (Invoke-RestMethod -Method Post -Uri $api -Headers @{ Authorization = "Bearer $token" } -Body (@{ query = $bulk } | ConvertTo-Json) -ContentType application/json).data.bulk.Count }
        }
        foreach ($name in $bulkSides.Keys) {
            $count = & $bulkSides[$name]
            if ($count -ne $bulkCount) { throw "$name returned $count objects instead of $bulkCount." }
        }
        $bulkTimes = @{}
        foreach ($name in $bulkSides.Keys) { $bulkTimes[$name] = [Collections.Generic.List[double]]::new() }
        for ($r = 0; $r -lt $Repetitions; $r++) {
            foreach ($name in $bulkSides.Keys) {
                [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
                $watch = [Diagnostics.Stopwatch]::StartNew()
                $null = & $bulkSides[$name]
                $bulkTimes[$name].Add($watch.Elapsed.TotalMilliseconds)
            }
        }
        foreach ($name in $bulkSides.Keys) {
            Write-Figure "$name, time" ('{0,8:N0} ms  (runs: {1})' -f (Get-Median $bulkTimes[$name]), (($bulkTimes[$name] | ForEach-Object { '{0:N0}' -f $_ }) -join ', '))
        }
        $bulkTimeRatio = (Get-Median $bulkTimes['Invoke-LeanlyQuery']) / (Get-Median $bulkTimes['Invoke-RestMethod'])
        Write-Figure 'time ratio Invoke-LeanlyQuery / Invoke-RestMethod' ('{0:N2}' -f $bulkTimeRatio)

        $memoryChild = @'
$ErrorActionPreference = 'Stop'
Import-Module $env:LEANLY_BENCH_MODULE
Connect-Leanly
$api = $env:LEANLY_API_URI
$token = (Get-LeanlyAccessToken -AsPlainText).Token
$side = '__SIDE__'
$run = if ($side -eq 'Leanly') {
    { param($q) (Invoke-LeanlyQuery $q).bulk }
} else {
    { param($q) (Invoke-RestMethod -Method Post -Uri $api -Headers @{ Authorization = "Bearer $token" } -Body (@{ query = $q } | ConvertTo-Json) -ContentType application/json).data.bulk }
}
$null = & $run '{ bulk(count: 200, padding: 100) { id index name text tags score active } }'
[GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
$process = [Diagnostics.Process]::GetCurrentProcess()
$process.Refresh()
$baseline = $process.WorkingSet64
$peakBefore = $process.PeakWorkingSet64
$watch = [Diagnostics.Stopwatch]::StartNew()
$items = & $run '__QUERY__'
$watch.Stop()
$process.Refresh()
@{ Count = $items.Count; Baseline = $baseline; PeakBefore = $peakBefore; Peak = $process.PeakWorkingSet64; Ms = $watch.Elapsed.TotalMilliseconds } | ConvertTo-Json -Compress
'@
        $growth = @{ Leanly = [Collections.Generic.List[double]]::new(); Irm = [Collections.Generic.List[double]]::new() }
        $peaks = @{ Leanly = [Collections.Generic.List[double]]::new(); Irm = [Collections.Generic.List[double]]::new() }
        for ($r = 0; $r -lt $Repetitions; $r++) {
            foreach ($side in 'Leanly', 'Irm') {
                $m = Invoke-BenchChild ($memoryChild.Replace('__SIDE__', $side).Replace('__QUERY__', $bulk))
                if ($m.Count -ne $bulkCount) { throw "The $side child returned $($m.Count) objects instead of $bulkCount." }
                $growth[$side].Add($m.Peak - $m.Baseline)
                $peaks[$side].Add($m.Peak)
            }
        }
        foreach ($side in 'Leanly', 'Irm') {
            $label = if ($side -eq 'Leanly') { 'Invoke-LeanlyQuery' } else { 'Invoke-RestMethod' }
            Write-Figure "$label, peak working-set growth (fresh pwsh)" ('{0,10}  (peak {1}; runs: {2})' -f (Format-MB (Get-Median $growth[$side])), (Format-MB (Get-Median $peaks[$side])), (($growth[$side] | ForEach-Object { '{0:N0}' -f ($_ / 1MB) }) -join ', '))
        }
        $bulkMemoryRatio = (Get-Median $growth['Leanly']) / (Get-Median $growth['Irm'])
        Write-Figure 'growth ratio Invoke-LeanlyQuery / Invoke-RestMethod' ('{0:N2}' -f $bulkMemoryRatio)
        Add-Result 'B. 20 MB answer: time vs Invoke-RestMethod' $bulkTimeRatio 0.5
        Add-Result 'B. 20 MB answer: peak WS growth vs Invoke-RestMethod' $bulkMemoryRatio 0.5

    }

    # ---------------------------------------------------------------- C: import time
    if ('C' -in $Section) {
        Write-Section "C. Import-Module in a fresh pwsh -NoProfile, $ImportRuns runs each (median)"
        # For scale: a manifest module with nothing in it (what PowerShell charges any module: manifest, telemetry, exports).
        $emptyModule = Join-Path ([IO.Path]::GetTempPath()) ('leanly-bench-empty-' + [guid]::NewGuid().ToString('n'))
        $null = New-Item -ItemType Directory -Path $emptyModule
        Set-Content -LiteralPath (Join-Path $emptyModule 'Empty.psd1') -Value "@{ ModuleVersion = '1.0.0'; GUID = '$([guid]::NewGuid())' }"
        $sides = [ordered]@{
            Bare   = '1'
            Import = "Import-Module '$($ModulePath.Replace("'", "''"))'"
            Empty  = "Import-Module '$((Join-Path $emptyModule 'Empty.psd1').Replace("'", "''"))'"
        }
        # The dotnet tool's pwsh is IL only, so each start JIT-compiles PowerShell's own code, import included; the
        # official packages are ReadyToRun-compiled. build.ps1 -Task Bench publishes that build of the same version.
        $shells = [ordered]@{ 'dotnet tool pwsh (IL only)' = @(Get-PwshCommand) }
        if ($ReadyToRunPwsh) { $shells['ReadyToRun pwsh (as installed)'] = @('dotnet', $ReadyToRunPwsh) }
        try {
            foreach ($shell in $shells.Keys) {
                $pwsh = $shells[$shell]
                $timed = @{}
                foreach ($name in $sides.Keys) { $timed[$name] = [Collections.Generic.List[double]]::new() }
                # pwsh keeps one startup JIT profile per user (StartupProfileData-NonInteractive) and rewrites it on every
                # exit; the next start pre-compiles what the last run used. So each side runs twice in a row and only the
                # second run is timed: every side starts from its own profile, as it would when the same job runs again.
                for ($r = 0; $r -lt $ImportRuns; $r++) {
                    foreach ($name in $sides.Keys) {
                        $null = Invoke-ChildPwsh -Pwsh $pwsh -Script $sides[$name] -TimeoutSec $ChildTimeoutSec
                        $run = Invoke-ChildPwsh -Pwsh $pwsh -Script $sides[$name] -TimeoutSec $ChildTimeoutSec
                        if ($run.ExitCode -ne 0) { throw "A child pwsh failed to run '$($sides[$name])': $($run.Error)" }
                        $timed[$name].Add($run.Seconds * 1000)
                    }
                }
                # The same imports timed from inside the fresh pwsh (a Stopwatch around Import-Module only; no process
                # start-up or exit in the figure), with the JIT work done meanwhile on that thread.
                $inside = @{ Import = [Collections.Generic.List[object]]::new(); Empty = [Collections.Generic.List[object]]::new() }
                for ($r = 0; $r -lt $ImportRuns; $r++) {
                    foreach ($name in 'Import', 'Empty') {
                        $script = '$m = [System.Runtime.JitInfo]::GetCompiledMethodCount($true); $j = [System.Runtime.JitInfo]::GetCompilationTime($true); $w = [Diagnostics.Stopwatch]::StartNew(); ' +
                            $sides[$name] + '; $ms = $w.Elapsed.TotalMilliseconds; @{ Ms = $ms; Methods = [System.Runtime.JitInfo]::GetCompiledMethodCount($true) - $m; JitMs = ([System.Runtime.JitInfo]::GetCompilationTime($true) - $j).TotalMilliseconds } | ConvertTo-Json -Compress'
                        $null = Invoke-ChildPwsh -Pwsh $pwsh -Script $script -TimeoutSec $ChildTimeoutSec
                        $inside[$name].Add((@((Invoke-ChildPwsh -Pwsh $pwsh -Script $script -TimeoutSec $ChildTimeoutSec).Output -split "`n" | Where-Object { $_.Trim() })[-1] | ConvertFrom-Json))
                    }
                }
                $added = (Get-Median $timed.Import) - (Get-Median $timed.Bare)
                Write-Host "   $shell"
                Write-Figure '  pwsh -NoProfile -Command 1' ('{0,8:N0} ms' -f (Get-Median $timed.Bare))
                Write-Figure '  pwsh -NoProfile -Command Import-Module Leanly' ('{0,8:N0} ms' -f (Get-Median $timed.Import))
                Write-Figure '  added by Import-Module Leanly' ('{0,8:N0} ms' -f $added)
                Write-Figure '  for scale: added by an empty manifest module' ('{0,8:N0} ms' -f ((Get-Median $timed.Empty) - (Get-Median $timed.Bare)))
                foreach ($name in 'Import', 'Empty') {
                    $what = if ($name -eq 'Import') { 'Leanly' } else { 'the empty module' }
                    Write-Figure "  timed inside pwsh: Import-Module $what" ('{0,8:N0} ms  (JIT on that thread: {1:N0} methods, {2:N0} ms)' -f (Get-Median $inside[$name].Ms), (Get-Median $inside[$name].Methods), (Get-Median $inside[$name].JitMs))
                }
                Add-Result "C. Import-Module: added time, $shell" $added 50 'ms'
            }
        }
        finally {
            Remove-Item -LiteralPath $emptyModule -Recurse -Force
        }
    }

    # ---------------------------------------------------------------- D: -All memory and streaming
    if ('D' -in $Section) {
        Write-Section "D. -All in pages of 1,000 piped to Measure-Object, fresh pwsh each, $Repetitions repetitions (median)"
        # The measured pipeline is exactly -All | Measure-Object; the GC figures say whether memory is held or just not yet collected.
        $pagingChild = @'
$ErrorActionPreference = 'Stop'
Import-Module $env:LEANLY_BENCH_MODULE
Connect-Leanly
$query = 'query($after: String, $total: Int) { items(first: 1000, after: $after, total: $total) { totalCount nodes { id name } pageInfo { hasNextPage endCursor } } }'
$null = Invoke-LeanlyQuery -All $query -Variables @{ total = 2000 } | Measure-Object
[GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
$process = [Diagnostics.Process]::GetCurrentProcess()
$process.Refresh()
$baseline = $process.WorkingSet64
$allocated = [GC]::GetTotalAllocatedBytes()
$gen0 = [GC]::CollectionCount(0)
$watch = [Diagnostics.Stopwatch]::StartNew()
$count = (Invoke-LeanlyQuery -All $query -Variables @{ total = __TOTAL__ } | Measure-Object).Count
$watch.Stop()
$process.Refresh()
$allocated = [GC]::GetTotalAllocatedBytes() - $allocated
$gen0 = [GC]::CollectionCount(0) - $gen0
[GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
@{ Count = $count; Baseline = $baseline; Peak = $process.PeakWorkingSet64; Ms = $watch.Elapsed.TotalMilliseconds; Allocated = $allocated; Gen0 = $gen0; HeapAfter = [GC]::GetGCMemoryInfo().HeapSizeBytes } | ConvertTo-Json -Compress
'@
        $firstItemChild = @'
$ErrorActionPreference = 'Stop'
Import-Module $env:LEANLY_BENCH_MODULE
Connect-Leanly
$query = 'query($after: String, $total: Int) { items(first: 1000, after: $after, total: $total) { nodes { id } pageInfo { hasNextPage endCursor } } }'
$stats = "$env:LEANLY_BENCH_BASE/control/stats"
$before = (Invoke-RestMethod $stats -NoProxy).graphqlRequests
$script:atFirst = -1
$null = Invoke-LeanlyQuery -All $query -Variables @{ total = 5000 } | ForEach-Object -Begin { $first = $true } -Process {
    if ($first) { $script:atFirst = (Invoke-RestMethod $stats -NoProxy).graphqlRequests - $before; $first = $false }
}
@{ RequestsAtFirstItem = $script:atFirst } | ConvertTo-Json -Compress
'@
        # 200,000 shows whether the peak keeps growing past 100,000 or levels off. The last runs repeat 10,000 and
        # 100,000 with the GC's first-generation budget set to 16 MB (DOTNET_GCgen0size): the default budget follows
        # the CPU cache, and a VM reporting a huge cache lets a run allocate tens of MB before the first collection.
        $runs = [ordered]@{
            '10000'         = @{ Total = 10000; Environment = @{} }
            '100000'        = @{ Total = 100000; Environment = @{} }
            '200000'        = @{ Total = 200000; Environment = @{} }
            '10000, gen0 16 MB'  = @{ Total = 10000; Environment = @{ DOTNET_GCgen0size = '0x1000000' } }
            '100000, gen0 16 MB' = @{ Total = 100000; Environment = @{ DOTNET_GCgen0size = '0x1000000' } }
        }
        $paging = @{}
        foreach ($name in $runs.Keys) { $paging[$name] = [Collections.Generic.List[object]]::new() }
        for ($r = 0; $r -lt $Repetitions; $r++) {
            foreach ($name in $runs.Keys) {
                $m = Invoke-BenchChild ($pagingChild.Replace('__TOTAL__', $runs[$name].Total)) $runs[$name].Environment
                if ($m.Count -ne $runs[$name].Total) { throw "-All returned $($m.Count) items instead of $($runs[$name].Total)." }
                $paging[$name].Add($m)
            }
        }
        foreach ($name in $runs.Keys) {
            $p = $paging[$name]
            Write-Figure ('{0} items: peak working set' -f $name) ('{0,10}  (growth {1}; {2:N0} ms; runs: {3})' -f (Format-MB (Get-Median $p.Peak)), (Format-MB (Get-Median ($p | ForEach-Object { $_.Peak - $_.Baseline }))), (Get-Median $p.Ms), (($p.Peak | ForEach-Object { '{0:N0}' -f ($_ / 1MB) }) -join ', '))
            Write-Figure '   allocated per item, gen0 collections, heap after' ('{0,6:N0} B, {1,3:N0}, {2}' -f (Get-Median ($p | ForEach-Object { $_.Allocated / $_.Count })), (Get-Median $p.Gen0), (Format-MB (Get-Median $p.HeapAfter)))
        }
        $pagingRatio = (Get-Median $paging['100000'].Peak) / (Get-Median $paging['10000'].Peak)
        $smallGen0Ratio = (Get-Median $paging['100000, gen0 16 MB'].Peak) / (Get-Median $paging['10000, gen0 16 MB'].Peak)
        $atFirst = @(1..3 | ForEach-Object { (Invoke-BenchChild $firstItemChild).RequestsAtFirstItem } | Sort-Object -Unique)
        Write-Figure 'peak ratio 100,000 / 10,000 items' ('{0:N2}' -f $pagingRatio)
        Write-Figure 'peak ratio 200,000 / 100,000 items' ('{0:N2}' -f ((Get-Median $paging['200000'].Peak) / (Get-Median $paging['100000'].Peak)))
        Write-Figure 'peak ratio 100,000 / 10,000 items, gen0 budget 16 MB' ('{0:N2}' -f $smallGen0Ratio)
        Write-Figure 'GraphQL requests made when the first item arrived' ($atFirst -join ', ')
        Add-Result 'D. -All 100,000 vs 10,000 items: peak working set' $pagingRatio 1.2
        Add-Result 'D. -All, same with a 16 MB gen0 GC budget' $smallGen0Ratio 1.2
        # The first page, and the next one fetched ahead while the first page's items flow.
        Add-Result 'D. -All: requests sent before the first item is out' ($atFirst | Measure-Object -Maximum).Maximum 2 'request(s)'
    }

    # ---------------------------------------------------------------- E: bulk work at internet latency
    if ('E' -in $Section) {
        Write-Section "E. bulk work $LatencyMs ms away: 400 piped queries, -All 20 pages of 100 ($Repetitions repetitions, median)"
        $bulkChild = @'
$ErrorActionPreference = 'Stop'
Import-Module $env:LEANLY_BENCH_MODULE
Connect-Leanly
$api = $env:LEANLY_API_URI
$throttle = [int]$env:LEANLY_BENCH_THROTTLE
$headers = @{ Authorization = 'Bearer ' + (Get-LeanlyAccessToken -AsPlainText).Token }
$q = 'query($i: String!) { echo(text: $i) }'
$inputs = 1..400 | ForEach-Object { @{ i = "$_" } }
$run = switch ($env:LEANLY_BENCH_KIND) {
    'throttle' { { $out = $inputs | Invoke-LeanlyQuery $q -ThrottleLimit $throttle; if ($out.Count -ne 400) { throw 'lost answers' } } }
    'irm' { { foreach ($v in $inputs) { $null = Invoke-RestMethod -Uri $api -Method Post -Headers $headers -ContentType 'application/json' -Body (@{ query = $q; variables = $v } | ConvertTo-Json -Compress) } } }
    'parallel' { { $out = $inputs | ForEach-Object -ThrottleLimit $throttle -Parallel { Invoke-RestMethod -Uri $using:api -Method Post -Headers $using:headers -ContentType 'application/json' -Body (@{ query = $using:q; variables = $_ } | ConvertTo-Json -Compress) }; if ($out.Count -ne 400) { throw 'lost answers' } } }
}
$sw = [Diagnostics.Stopwatch]::StartNew(); & $run; $first = $sw.Elapsed.TotalMilliseconds
$ms = foreach ($r in 1..[int]$env:LEANLY_BENCH_REPS) { $sw = [Diagnostics.Stopwatch]::StartNew(); & $run; $sw.Elapsed.TotalMilliseconds }
[pscustomobject]@{ First = $first; Ms = @($ms); Peak = [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 } | ConvertTo-Json -Compress
'@
        # Each side in a fresh pwsh of its own, the installed-style (ReadyToRun) one when given: the first pass is what a
        # runbook that does one batch per job pays; the median of the passes after it is the steady speed.
        $bulkPwsh = if ($ReadyToRunPwsh) { @('dotnet', $ReadyToRunPwsh) } else { @(Get-PwshCommand) }
        Write-Host ("   in the {0}" -f $(if ($ReadyToRunPwsh) { 'ReadyToRun pwsh (as installed)' } else { "dotnet tool's pwsh (IL only)" }))
        $rounds = [math]::Ceiling(400 / $Throttle)
        # Runs the given sides against $Endpoint (scheme://host:port); with $CountConnections, adds each side's TCP
        # connections (the token request's included) to its result.
        function Invoke-BulkSides([string] $Endpoint, [string[]] $Kinds, [scriptblock] $CountConnections) {
            $sides = @{}
            foreach ($kind in $Kinds) {
                $before = if ($CountConnections) { & $CountConnections }
                $sides[$kind] = Invoke-BenchChild $bulkChild @{ LEANLY_BENCH_KIND = $kind; LEANLY_BENCH_REPS = $Repetitions; LEANLY_BENCH_THROTTLE = $Throttle; LEANLY_TOKEN_URI = "$Endpoint/token"; LEANLY_API_URI = "$Endpoint/graphql" } -Pwsh $bulkPwsh
                if ($CountConnections) { $sides[$kind] | Add-Member Connections ((& $CountConnections) - $before) }
            }
            $sides
        }

        # 1. As Leanly is reached: over HTTPS, the server a network round trip away (the test server's relay delays every
        #    byte by half of it, a new connection's first bytes by one more round trip for its TCP handshake). A request on
        #    an open connection then costs one round trip, a new HTTPS connection (Invoke-RestMethod without -WebSession
        #    opens one per call) three: TCP, TLS 1.3 and the request. The sequential loop is left out here (400 x 3 round
        #    trips a pass). Then, for scale: the same round trip with the server's own time on top, and no round trip at
        #    all, which shows what is left when the network costs nothing: CPU (runspaces, and the TLS handshakes of both
        #    ends, which here share this machine's CPUs). Both sides connect (the token request) before the timed passes.
        if ($server.Far.https -and $IsLinux) {
            $settings = @(
                @{ Name = "the server a $LatencyMs ms network round trip away"; RoundTrip = $LatencyMs; InServer = 0; Target = $true }
                @{ Name = "the same, and $LatencyMs ms spent in the server per request"; RoundTrip = $LatencyMs; InServer = $LatencyMs; Target = $false }
                @{ Name = 'no round trip and no time in the server (what is CPU)'; RoundTrip = 0; InServer = 0; Target = $false }
            )
            foreach ($setting in $settings) {
                Write-Host "   over HTTPS, $($setting.Name)"
                Set-LeanlyTestRoundTrip $server $setting.RoundTrip
                Set-LeanlyTestServer $server @{ graphqlLatencyMs = $setting.InServer }
                $far = Invoke-BulkSides $server.Far.https 'throttle', 'parallel' { (Get-LeanlyTestNetworkStats $server).far.httpsFar.connections }
                $tl = Get-Median $far.throttle.Ms; $par = Get-Median $far.parallel.Ms
                # The least each side can take: N in flight, 1 round trip a query on an open connection, 3 on a new one.
                $floor = $rounds * ($setting.RoundTrip + $setting.InServer); $parallelFloor = $rounds * (3 * $setting.RoundTrip + $setting.InServer)
                Write-Figure "Invoke-LeanlyQuery -ThrottleLimit $Throttle" ('{0:N0} ms (first pass {1:N0} ms), peak {2}, {3} connection(s); floor {4:N0} ms' -f $tl, $far.throttle.First, (Format-MB $far.throttle.Peak), $far.throttle.Connections, $floor)
                Write-Figure "ForEach-Object -Parallel -ThrottleLimit $Throttle { Invoke-RestMethod }" ('{0:N0} ms (first pass {1:N0} ms), peak {2}, {3} connection(s); floor {4:N0} ms' -f $par, $far.parallel.First, (Format-MB $far.parallel.Peak), $far.parallel.Connections, $parallelFloor)
                Write-Figure 'speed-up over ForEach-Object -Parallel' ('{0:N2}x, first pass {1:N2}x' -f ($par / $tl), ($far.parallel.First / $far.throttle.First))
                Write-Figure 'peak working set vs ForEach-Object -Parallel' ('{0:N2}' -f ($far.throttle.Peak / $far.parallel.Peak))
                $label = "E. 400 queries -ThrottleLimit $Throttle / ForEach-Object -Parallel, HTTPS, $($setting.RoundTrip) ms round trip + $($setting.InServer) ms in the server"
                if ($setting.Target) {
                    Add-Result "$label (time)" ($tl / $par) 0.5
                    Add-Result "E. same, first pass in a fresh process (time)" ($far.throttle.First / $far.parallel.First) 0.5
                    Add-Result "E. same (peak working set)" ($far.throttle.Peak / $far.parallel.Peak) 1.0
                }
                else {
                    Add-Result "$label (time)" ($tl / $par) ([double]::NaN)
                }
            }
            Set-LeanlyTestRoundTrip $server 0
        }
        else {
            Write-Host '   over HTTPS: skipped, it needs the test CA trusted through SSL_CERT_FILE, which only Linux reads' -ForegroundColor Yellow
        }

        # 2. The latency as time the server spends on each GraphQL request, over plain http on loopback: opening a
        #    connection costs nothing here, which favours the baselines (the sequential loop is measured only here).
        #    400 / N rounds of the latency is the floor: how far 2x over -Parallel is possible depends on -Parallel's own time.
        Write-Host "   over plain http on loopback, $LatencyMs ms spent in the server per request (connections cost nothing)"
        Set-LeanlyTestServer $server @{ graphqlLatencyMs = $LatencyMs }
        $near = Invoke-BulkSides $server.BaseUri 'throttle', 'irm', 'parallel'
        $tl = Get-Median $near.throttle.Ms; $irm = Get-Median $near.irm.Ms; $par = Get-Median $near.parallel.Ms
        $floor = $rounds * $LatencyMs
        Write-Figure "Invoke-LeanlyQuery -ThrottleLimit $Throttle" ('{0:N0} ms (first pass {1:N0} ms), peak {2}; floor {3:N0} ms' -f $tl, $near.throttle.First, (Format-MB $near.throttle.Peak), $floor)
        Write-Figure 'Invoke-RestMethod loop, one at a time' ('{0:N0} ms, peak {1}' -f $irm, (Format-MB $near.irm.Peak))
        Write-Figure "ForEach-Object -Parallel -ThrottleLimit $Throttle { Invoke-RestMethod }" ('{0:N0} ms (first pass {1:N0} ms), peak {2}' -f $par, $near.parallel.First, (Format-MB $near.parallel.Peak))
        Write-Figure 'speed-up over the Invoke-RestMethod loop' ('{0:N1}x' -f ($irm / $tl))
        Write-Figure 'speed-up over ForEach-Object -Parallel' ('{0:N2}x, first pass {1:N2}x; at the floor {2:N2}x' -f ($par / $tl), ($near.parallel.First / $near.throttle.First), ($par / $floor))
        Add-Result "E. 400 queries -ThrottleLimit $Throttle / Invoke-RestMethod loop, http, $LatencyMs ms in the server (time)" ($tl / $irm) (1 / 12)
        Add-Result "E. same / ForEach-Object -Parallel (time; the floor allows $('{0:N2}' -f ($floor / $par)))" ($tl / $par) 0.5
        Add-Result "E. same / ForEach-Object -Parallel (peak working set)" ($near.throttle.Peak / $near.parallel.Peak) 1.0

        Set-LeanlyTestServer $server @{ graphqlLatencyMs = $LatencyMs; itemCount = 2000 }
        $pageQuery = 'query($after: String) { items(first: 100, after: $after) { nodes { id name } pageInfo { hasNextPage endCursor } } }'
        $slowDownstream = { process { if (++$script:benchItems % 100 -eq 0) { Start-Sleep -Milliseconds 40 } } }
        $ahead = [Collections.Generic.List[double]]::new(); $behind = [Collections.Generic.List[double]]::new()
        for ($r = 0; $r -le $Repetitions; $r++) {
            $script:benchItems = 0
            $sw = [Diagnostics.Stopwatch]::StartNew()
            Invoke-LeanlyQuery -All $pageQuery | ForEach-Object $slowDownstream
            $aheadMs = $sw.Elapsed.TotalMilliseconds
            if ($script:benchItems -ne 2000) { throw "-All gave $($script:benchItems) items" }
            $script:benchItems = 0
            $sw.Restart()
            # The same pages one after another: the next is asked for only once this one went through downstream.
            $after = $null
            do {
                $page = (Invoke-LeanlyQuery $pageQuery -Variables @{ after = $after }).items
                $page.nodes | ForEach-Object $slowDownstream
                $after = $page.pageInfo.endCursor
            } while ($page.pageInfo.hasNextPage)
            $behindMs = $sw.Elapsed.TotalMilliseconds
            if ($r -gt 0) { $ahead.Add($aheadMs); $behind.Add($behindMs) }   # round 0 warms up
        }
        Write-Figure '-All, 20 pages, 40 ms downstream per page' ('{0:N0} ms' -f (Get-Median $ahead))
        Write-Figure 'same pages without reading ahead' ('{0:N0} ms' -f (Get-Median $behind))
        $pagingAhead = Get-PairedRatio $ahead $behind
        Write-Figure 'ratio (paired)' ('{0:N2}' -f $pagingAhead)
        Add-Result 'E. -All 20 pages, slow downstream / without reading ahead' $pagingAhead 0.75
        Reset-LeanlyTestServer $server
    }

    # ---------------------------------------------------------------- F: the first calls in a fresh process
    if ('F' -in $Section) {
        $freshPwsh = if ($ReadyToRunPwsh) { @('dotnet', $ReadyToRunPwsh) } else { @(Get-PwshCommand) }
        $freshName = if ($ReadyToRunPwsh) { 'ReadyToRun pwsh (as installed)' } else { 'dotnet tool pwsh (IL only; pass -ReadyToRunPwsh for the installed-style one)' }
        Write-Section "F. the first $FirstCalls calls in a fresh $freshName, $FreshRuns processes (median)"
        # Both sides run in the same fresh process: 20 warm-up calls of each, then $FirstCalls of each, timed. Whichever
        # goes first pays for what both share (PowerShell's command invocation path, HttpClient and sockets), so the
        # order alternates from one process to the next and the figure is the median of the per-process ratios.
        # The JIT figures count methods compiled on any thread while that side ran (ReadyToRun code is not counted).
        $firstCallsChild = @'
$ErrorActionPreference = 'Stop'
Import-Module $env:LEANLY_BENCH_MODULE
Connect-Leanly
$api = $env:LEANLY_API_URI
$token = (Get-LeanlyAccessToken -AsPlainText).Token
$small = '{ viewer { clientId } }'
$sides = @{
    Leanly = { param($n) for ($i = 0; $i -lt $n; $i++) { $null = Invoke-LeanlyQuery $small } }
    Irm    = { param($n) for ($i = 0; $i -lt $n; $i++) { $null = Invoke-RestMethod -Method Post -Uri $api -Headers @{ Authorization = "Bearer $token" } -Body (@{ query = $small } | ConvertTo-Json) -ContentType application/json } }
}
$order = $env:LEANLY_BENCH_ORDER -split ','
$result = @{}
Start-Sleep -Milliseconds $env:LEANLY_BENCH_PAUSE   # lets the runtime finish recompiling what start-up, import and connect made hot
# The warm-up is 20 calls: the first one on its own (what a script's first query costs), then 19 more.
foreach ($phase in 'First', 'Warm', 'Timed') {
    $n = switch ($phase) { 'First' { 1 } 'Warm' { 19 } 'Timed' { [int]$env:LEANLY_BENCH_CALLS } }
    foreach ($side in $order) {
        $methods = [System.Runtime.JitInfo]::GetCompiledMethodCount($false); $jit = [System.Runtime.JitInfo]::GetCompilationTime($false)
        $cpu = [Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime
        $watch = [Diagnostics.Stopwatch]::StartNew()
        & $sides[$side] $n
        $ms = $watch.Elapsed.TotalMilliseconds
        $result["$phase$side"] = @{ Ms = $ms; CpuMs = ([Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime - $cpu).TotalMilliseconds; Methods = [System.Runtime.JitInfo]::GetCompiledMethodCount($false) - $methods; JitMs = ([System.Runtime.JitInfo]::GetCompilationTime($false) - $jit).TotalMilliseconds }
        # The runtime recompiles hot methods (tier 1) in the background once no new method was compiled for 100 ms; the
        # pause lets that finish here, so the next side's window does not carry this side's JIT work.
        Start-Sleep -Milliseconds $env:LEANLY_BENCH_PAUSE
    }
}
$result | ConvertTo-Json -Compress
'@
        # Also, for scale, each side alone in its own fresh process: then neither pays for the other's JIT work. In the
        # same process the side that runs second gets the first's tier-1 recompilation (the runtime promotes hot methods
        # in the background, after a quiet 100 ms), which is why the order has to alternate.
        $fresh = [Collections.Generic.List[object]]::new()
        $alone = @{ Leanly = [Collections.Generic.List[object]]::new(); Irm = [Collections.Generic.List[object]]::new() }
        # One unmeasured process first: pwsh rewrites its start-up JIT profile on exit, so every measured one starts alike.
        for ($r = -1; $r -lt $FreshRuns; $r++) {
            $order = if ($r % 2) { 'Irm,Leanly' } else { 'Leanly,Irm' }
            $m = Invoke-BenchChild $firstCallsChild @{ LEANLY_BENCH_ORDER = $order; LEANLY_BENCH_CALLS = $FirstCalls; LEANLY_BENCH_PAUSE = 1000 } -Pwsh $freshPwsh
            if ($r -lt 0) { continue }
            $fresh.Add($m)
            foreach ($side in $order -split ',') {
                $alone[$side].Add((Invoke-BenchChild $firstCallsChild @{ LEANLY_BENCH_ORDER = $side; LEANLY_BENCH_CALLS = $FirstCalls; LEANLY_BENCH_PAUSE = 1000 } -Pwsh $freshPwsh)."Timed$side")
            }
        }
        foreach ($side in 'Leanly', 'Irm') {
            $label = if ($side -eq 'Leanly') { 'Invoke-LeanlyQuery' } else { 'Invoke-RestMethod loop' }
            $timed = $fresh | ForEach-Object { $_."Timed$side" }
            $warm = $fresh | ForEach-Object { $_."Warm$side" }
            Write-Figure "$label, $FirstCalls calls" ('{0,8:N0} ms  (CPU {1:N0} ms, JIT {2:N0} methods, {3:N0} ms; runs: {4})' -f (Get-Median $timed.Ms), (Get-Median $timed.CpuMs), (Get-Median $timed.Methods), (Get-Median $timed.JitMs), (($timed.Ms | ForEach-Object { '{0:N0}' -f $_ }) -join ', '))
            $first = $fresh | ForEach-Object { $_."First$side" }
            Write-Figure "   its first call (warm-up)" ('{0,8:N1} ms  (JIT {1:N0} methods, {2:N0} ms)' -f (Get-Median $first.Ms), (Get-Median $first.Methods), (Get-Median $first.JitMs))
            Write-Figure "   its next 19 calls (warm-up)" ('{0,8:N1} ms  (JIT {1:N0} methods, {2:N0} ms)' -f (Get-Median $warm.Ms), (Get-Median $warm.Methods), (Get-Median $warm.JitMs))
            Write-Figure "   alone in its own fresh process" ('{0,8:N0} ms  (CPU {1:N0} ms, JIT {2:N0} methods, {3:N0} ms)' -f (Get-Median $alone[$side].Ms), (Get-Median $alone[$side].CpuMs), (Get-Median $alone[$side].Methods), (Get-Median $alone[$side].JitMs))
        }
        $firstRatio = Get-Median @($fresh | ForEach-Object { $_.TimedLeanly.Ms / $_.TimedIrm.Ms })
        Write-Figure 'ratio Invoke-LeanlyQuery / Invoke-RestMethod (per process)' ('{0:N2}  (runs: {1})' -f $firstRatio, (($fresh | ForEach-Object { '{0:N2}' -f ($_.TimedLeanly.Ms / $_.TimedIrm.Ms) }) -join ', '))
        Write-Figure '   Invoke-LeanlyQuery first / second' ('{0:N2} / {1:N2}' -f (Get-Median @(for ($i = 0; $i -lt $fresh.Count; $i += 2) { $fresh[$i].TimedLeanly.Ms / $fresh[$i].TimedIrm.Ms })), (Get-Median @(for ($i = 1; $i -lt $fresh.Count; $i += 2) { $fresh[$i].TimedLeanly.Ms / $fresh[$i].TimedIrm.Ms })))
        # CPU time of the whole process while a side ran (background tier-up JIT included): less sensitive to a busy machine.
        Write-Figure 'for scale: the same ratio in process CPU time' ('{0:N2}' -f (Get-Median @($fresh | ForEach-Object { $_.TimedLeanly.CpuMs / $_.TimedIrm.CpuMs })))
        Write-Figure 'for scale: ratio of the medians, each side alone' ('{0:N2}' -f ((Get-Median $alone.Leanly.Ms) / (Get-Median $alone.Irm.Ms)))
        Add-Result "F. first $FirstCalls calls, fresh $(if ($ReadyToRunPwsh) { 'ReadyToRun' } else { 'IL-only' }) pwsh: time vs Invoke-RestMethod" $firstRatio 0.5
    }
    # ---------------------------------------------------------------- G: the schema commands on a large schema
    if ('G' -in $Section) {
        $schemaPwsh = if ($ReadyToRunPwsh) { @('dotnet', $ReadyToRunPwsh) } else { @(Get-PwshCommand) }
        $schemaName = if ($ReadyToRunPwsh) { 'ReadyToRun pwsh (as installed)' } else { 'dotnet tool pwsh (IL only; pass -ReadyToRunPwsh for the installed-style one)' }
        Write-Section "G. the schema commands on the large generated schema, $Repetitions fresh $schemaName processes (median)"
        Set-LeanlyTestServer $server @{ largeSchema = $true }
        # One fresh process measures all four, in this order: G4 and G1's first call (the memory of the first fetch, and
        # its time as a user sees it), G1 warm, G2 (completions, then the core completer alone), G3 (the first check
        # builds GraphQL.NET's schema). The network part of a fetch is the same introspection POST through a plain
        # HttpClient, its answer read as bytes (the server's own time included); the after-arrival figure is the
        # difference, paired within the process. The core reader on those bytes, and the module's own timing of it
        # (its Verbose message), split out what the reader alone costs.
        $schemaChild = @'
$ErrorActionPreference = 'Stop'
Import-Module $env:LEANLY_BENCH_MODULE
Connect-Leanly
$api = $env:LEANLY_API_URI
$warmRuns = [int]$env:LEANLY_BENCH_WARM
$handler = [System.Net.Http.HttpClientHandler]::new()
$handler.AutomaticDecompression = [System.Net.DecompressionMethods]::GZip -bor [System.Net.DecompressionMethods]::Deflate
$http = [System.Net.Http.HttpClient]::new($handler)
$http.DefaultRequestHeaders.Authorization = [System.Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', (Get-LeanlyAccessToken -AsPlainText).Token)
$null = $http.DefaultRequestHeaders.TryAddWithoutValidation('Accept', 'application/graphql-response+json, application/json;q=0.9')
$body = @{ query = [Leanly.Introspection.IntrospectionQuery]::Text; operationName = 'IntrospectionQuery' } | ConvertTo-Json -Compress
function Get-RawAnswer {
    $response = $http.PostAsync($api, [System.Net.Http.StringContent]::new($body, [Text.Encoding]::UTF8, 'application/json')).GetAwaiter().GetResult()
    try { , $response.EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync().GetAwaiter().GetResult() } finally { $response.Dispose() }
}
# Get-LeanlySchema -Force as a user runs it; the Verbose stream gives the module's own time for reading the answer.
function Measure-Fetch {
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $out = Get-LeanlySchema -Force -Verbose 4>&1
    $ms = $watch.Elapsed.TotalMilliseconds
    $read = @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match '^Read the schema .* in (\d+) ms\.$' } | ForEach-Object { [double]$Matches[1] })
    $schema = @($out | Where-Object { $_ -is [Leanly.Schema] })
    if ($schema.Count -ne 1 -or $read.Count -ne 1) { throw 'Get-LeanlySchema gave no schema or no reading time.' }
    @{ Ms = $ms; ReadMs = $read[0]; Schema = $schema[0] }
}
function Measure-Raw { $watch = [Diagnostics.Stopwatch]::StartNew(); $bytes = Get-RawAnswer; @{ Ms = $watch.Elapsed.TotalMilliseconds; Bytes = $bytes } }
$result = @{}

# The network part first (the connection's token request already warmed the HTTP stack both sides use).
$raw = Measure-Raw
$result.RawFirstMs = $raw.Ms
$bytes = $raw.Bytes
$check = [Text.Encoding]::UTF8.GetString($bytes)
if ($check -match '"errors"' -or $check -notmatch '"__schema"') { throw 'The raw introspection POST got no schema.' }
$result.AnswerBytes = $bytes.Length

# G4 and G1, first call: the heap with nothing cached, then with the schema the connection keeps.
$process = [Diagnostics.Process]::GetCurrentProcess()
$heapBefore = [GC]::GetTotalMemory($true)
$process.Refresh(); $result.WorkingSetBefore = $process.WorkingSet64
$first = Measure-Fetch
$schema = $first.Schema; $first.Schema = $null
$result.FetchFirstMs = $first.Ms; $result.ReadFirstMs = $first.ReadMs
$result.Types = $schema.Types.Count
$result.HeapGrowth = [GC]::GetTotalMemory($true) - $heapBefore
$process.Refresh(); $result.PeakAfterFetch = $process.PeakWorkingSet64
$heap = [GC]::GetTotalMemory($true)
$held = [Leanly.Introspection.IntrospectionReader]::Read([System.Buffers.ReadOnlySequence[byte]]::new($bytes), $api, [DateTimeOffset]::Now)
$result.HeapSecondCopy = [GC]::GetTotalMemory($true) - $heap
$held = $null

# G1 warm: the raw POST, Get-LeanlySchema -Force and the core reader on the bytes, in turns.
$result.RawMs = @(); $result.FetchMs = @(); $result.ReadMs = @(); $result.CoreReaderMs = @()
for ($i = 0; $i -lt $warmRuns; $i++) {
    $result.RawMs += (Measure-Raw).Ms
    $fetch = Measure-Fetch
    $result.FetchMs += $fetch.Ms; $result.ReadMs += $fetch.ReadMs
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $null = [Leanly.Introspection.IntrospectionReader]::Read([System.Buffers.ReadOnlySequence[byte]]::new($bytes), $api, [DateTimeOffset]::Now)
    $result.CoreReaderMs += $watch.Elapsed.TotalMilliseconds
}
$fetch = $null
$schema = Get-LeanlySchema
$process.Refresh(); $result.PeakAfterWarm = $process.PeakWorkingSet64

# G2: what is typed before Tab, inside the -Query string; the end of the text is the cursor (as for PowerShell's completers).
# Fields at depths 1 to 10 (the generated types chain through next and items), arguments inside '(', enum values
# (argument, list and input-object positions), input fields, type names after 'on' and in variable definitions,
# variables after '$'.
$cases = [Collections.Generic.List[string]]::new()
$path = '{ generated { '
$g = 0
foreach ($depth in 1..10) {
    foreach ($prefix in '', 'n', 'co', 'st', 'it', 're', 'sc', 'f') { $cases.Add("$path$prefix") }
    $cases.Add("${path}items(")
    $cases.Add("${path}items(fi")
    $cases.Add("${path}items(first: 3, ")
    $cases.Add("${path}items(filter: { ")
    $cases.Add("${path}items(filter: { state: ")
    $cases.Add("${path}items(filter: { state: B")
    $cases.Add("${path}id related { ... on ")
    $cases.Add("${path}related { ... on GenObject$('{0:D4}' -f $g)")
    $cases.Add("${path}related { ... on Gen")
    $cases.Add("${path}related { __typename ... on GenObject$('{0:D4}' -f (($g + 1) % 300)) { ")
    $path = if ($depth % 3) { "${path}next { " } else { "${path}items(first: 2) { " }
    $g = if ($depth % 3) { $g + 1 } else { $g + 7 }
}
foreach ($n in 0, 1, 9, 42, 150, 299) {
    $group = '{0:D4}' -f $n
    $cases.Add("query Q(`$s: GenSta")
    $cases.Add("query Q(`$s: GenState$group")
    $cases.Add("query Q(`$f: [GenFilter$group!], `$s: GenState$group) { generated { items(filter: `$")
    $cases.Add("query Q(`$s: GenState$group, `$t: String) { generated { name items(first: 1) { id } next { items(filter: { text: `$")
    $cases.Add("fragment F$n on GenObj")
    $cases.Add("fragment F$n on GenObject$group { ")
    $cases.Add("fragment F$n on GenObject$group { items(")
    $cases.Add("fragment F$n on GenObject$group { items(filter: { next: { next: { state: ")
    $cases.Add("fragment F$n on GenObject$group { related { ... on GenNode$group { ")
    $cases.Add("query Q { generated { items(filter: { state: ALPHA, ")
}
$lines = foreach ($case in $cases) { "Invoke-LeanlyQuery '$case" }
$completion = @{}
$watch = [Diagnostics.Stopwatch]::StartNew()
$firstMatches = (TabExpansion2 -inputScript $lines[0] -cursorColumn $lines[0].Length).CompletionMatches.Count
$result.CompleteFirstMs = $watch.Elapsed.TotalMilliseconds
if (-not $firstMatches) { throw "No completion for: $($lines[0])" }
# One untimed pass that also checks every case completes something (an empty answer would time nothing useful).
$empty = @(foreach ($line in $lines) { if (-not (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.Count) { $line } })
if ($empty) { throw "No completion for: $($empty -join ' | ')" }
$result.Cases = $lines.Count
$result.CompleteMs = [Collections.Generic.List[double]]::new()
$result.CoreCompleteMs = [Collections.Generic.List[double]]::new()
# Whether a garbage collection (of any generation) fell inside each timed completion: it tells a slow completer from a GC pause.
$result.CompleteGC = [Collections.Generic.List[bool]]::new()
foreach ($pass in 1..[int]$env:LEANLY_BENCH_PASSES) {
    foreach ($line in $lines) {
        $collections = [GC]::CollectionCount(0)
        $watch.Restart()
        $null = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $result.CompleteMs.Add($watch.Elapsed.TotalMilliseconds)
        $result.CompleteGC.Add([GC]::CollectionCount(0) -ne $collections)
    }
    foreach ($case in $cases) {
        $watch.Restart()
        $null = [Leanly.QueryCompleter]::Complete($schema, $case, $case.Length)
        $result.CoreCompleteMs.Add($watch.Elapsed.TotalMilliseconds)
    }
}

# G3: a valid document of at least 300 lines (aliased blocks at depths 1 to 4, literal and variable arguments,
# inline fragments on a union, named fragments, no deprecated field, argument or enum value).
$doc = [Collections.Generic.List[string]]::new()
$doc.Add('query Big($text: String, $first: Int = 5, $state: GenState0000) {')
$doc.Add('  generated {')
$doc.Add('    id name state')
$doc.Add('    items(first: $first, filter: { state: $state, text: $text }) { ...Fields0007 }')
for ($i = 0; $doc.Count -lt 280; $i++) {
    $wrap = $i % 4
    $pad = '    '
    $doc.Add("${pad}b${i}: next {")
    foreach ($w in 1..($wrap + 1)) { $pad += '  ' }
    for ($w = 1; $w -le $wrap; $w++) { $doc.Add(('    ' + ('  ' * $w)) + 'next {') }
    $g = $wrap + 1; $k = $g + 7
    $doc.Add("${pad}id")
    $doc.Add("${pad}name")
    $doc.Add("${pad}items(first: $($i % 9 + 1), filter: { text: `$text, state: $(('ALPHA', 'BETA', 'GAMMA')[$i % 3]), min: $i, next: { text: ""n$i"" } }) {")
    $doc.Add("$pad  id")
    $doc.Add("$pad  count")
    $doc.Add("$pad  state")
    $doc.Add("$pad  next {")
    $doc.Add("$pad    score")
    $doc.Add("$pad    flag")
    $doc.Add("$pad    related {")
    $doc.Add("$pad      __typename")
    $doc.Add("$pad      ... on GenObject$('{0:D4}' -f ($k + 2)) { id name }")
    $doc.Add("$pad      ... on GenNode$('{0:D4}' -f ($k + 1)) { name }")
    $doc.Add("$pad    }")
    $doc.Add("$pad  }")
    $doc.Add("$pad  ...Fields$('{0:D4}' -f $k)")
    $doc.Add("$pad}")
    for ($w = $wrap; $w -ge 0; $w--) { $doc.Add(('    ' + ('  ' * $w)) + '}') }
}
$doc.Add('  }')
$doc.Add('}')
foreach ($k in 7..11) {
    $doc.Add('')
    $doc.Add("fragment Fields$('{0:D4}' -f $k) on GenObject$('{0:D4}' -f $k) {")
    $doc.Add('  id')
    $doc.Add('  count')
    $doc.Add('  next { name state }')
    $doc.Add('}')
}
$document = $doc -join "`n"
$result.DocumentLines = $doc.Count
$watch.Restart()
$problems = @(Test-LeanlyQuery -Query $document)
$result.CheckFirstMs = $watch.Elapsed.TotalMilliseconds
if ($problems.Count) { throw "The 300-line document is not valid: $($problems | ForEach-Object { "$($_.Line):$($_.Column) $($_.Message)" })" }
$result.CheckMs = foreach ($i in 1..[int]$env:LEANLY_BENCH_CHECKS) {
    $watch.Restart()
    $null = Test-LeanlyQuery -Query $document
    $watch.Elapsed.TotalMilliseconds
}
# For scale: the validator alone (Leanly.Schema, loaded by the first check), no cmdlet.
$result.CoreCheckMs = foreach ($i in 1..[int]$env:LEANLY_BENCH_CHECKS) {
    $watch.Restart()
    $null = [Leanly.QueryValidator]::Validate($schema, $document, $null)
    $watch.Elapsed.TotalMilliseconds
}
# The same on a one-line document: what a check costs whatever the document's size.
$result.CoreCheckSmallMs = foreach ($i in 1..[int]$env:LEANLY_BENCH_CHECKS) {
    $watch.Restart()
    $null = [Leanly.QueryValidator]::Validate($schema, '{ generated { id } }', $null)
    $watch.Elapsed.TotalMilliseconds
}
# G4 again: what the heap gives back when the connection, its schema and that schema's derived forms (the validator's
# GraphQL.NET schema among them) go.
$heap = [GC]::GetTotalMemory($true)
$schema = $null
Disconnect-Leanly
$result.HeapReleased = $heap - [GC]::GetTotalMemory($true)
$result | ConvertTo-Json -Compress -Depth 3
'@
        $runs = [Collections.Generic.List[object]]::new()
        # One unmeasured process first: pwsh rewrites its start-up JIT profile on exit, so every measured one starts alike.
        for ($r = -1; $r -lt $Repetitions; $r++) {
            $m = Invoke-BenchChild $schemaChild @{ LEANLY_BENCH_WARM = 10; LEANLY_BENCH_PASSES = 3; LEANLY_BENCH_CHECKS = 30 } -Pwsh $schemaPwsh
            if ($r -ge 0) { $runs.Add($m) }
        }
        $perRun = { param([scriptblock] $Figure) @($runs | ForEach-Object $Figure) }
        $list = { param($Values) ($Values | ForEach-Object { '{0:N0}' -f $_ }) -join ', ' }
        $rawWarm = & $perRun { Get-Median $_.RawMs }
        $fetchFirst = & $perRun { $_.FetchFirstMs }
        $fetchWarm = & $perRun { Get-Median $_.FetchMs }
        # After arrival: the fetch less the same POST's time in the same process (its warm median, as the server answers alike).
        $afterFirst = & $perRun { $_.FetchFirstMs - (Get-Median $_.RawMs) }
        $afterWarm = & $perRun { Get-Median @(for ($i = 0; $i -lt $_.FetchMs.Count; $i++) { $_.FetchMs[$i] - $_.RawMs[$i] }) }
        Write-Host ("   G1. introspection answer of {0} ({1:N0} types) to a cached Leanly.Schema" -f (Format-MB (Get-Median (& $perRun { $_.AnswerBytes }))), $runs[0].Types)
        Write-Figure 'Get-LeanlySchema -Force, first call in the process' ('{0,8:N0} ms  (runs: {1})' -f (Get-Median $fetchFirst), (& $list $fetchFirst))
        Write-Figure 'Get-LeanlySchema -Force, warm' ('{0,8:N0} ms  (runs: {1})' -f (Get-Median $fetchWarm), (& $list $fetchWarm))
        Write-Figure 'network part: the same POST, HttpClient, bytes read' ('{0,8:N0} ms  (first {1:N0} ms; runs: {2})' -f (Get-Median $rawWarm), (Get-Median (& $perRun { $_.RawFirstMs })), (& $list $rawWarm))
        Write-Figure 'after the answer arrived, first call' ('{0,8:N0} ms  (runs: {1})' -f (Get-Median $afterFirst), (& $list $afterFirst))
        Write-Figure 'after the answer arrived, warm' ('{0,8:N0} ms  (runs: {1})' -f (Get-Median $afterWarm), (& $list $afterWarm))
        Write-Figure '   of which the reader (the module''s Verbose timing)' ('{0,8:N0} ms first, {1:N0} ms warm' -f (Get-Median (& $perRun { $_.ReadFirstMs })), (Get-Median (& $perRun { Get-Median $_.ReadMs })))
        Write-Figure '   the core reader on the received bytes, warm' ('{0,8:N0} ms' -f (Get-Median (& $perRun { Get-Median $_.CoreReaderMs })))
        Add-Result 'G1. introspection answer -> cached schema, after arrival, first call' (Get-Median $afterFirst) 300 'ms'
        Add-Result 'G1. same, warm' (Get-Median $afterWarm) 300 'ms'
        Add-Result 'G1. Get-LeanlySchema -Force as seen, network included, first call' (Get-Median $fetchFirst) ([double]::NaN) 'ms'

        $completions = [double[]]@($runs | ForEach-Object { $_.CompleteMs })
        $coreCompletions = [double[]]@($runs | ForEach-Object { $_.CoreCompleteMs })
        $completeWorst = & $perRun { ($_.CompleteMs | Measure-Object -Maximum).Maximum }
        $completeFirst = & $perRun { $_.CompleteFirstMs }
        Write-Host ("   G2. TabExpansion2 inside -Query, {0} cases x 3 passes a process, {1:N0} completions in all" -f $runs[0].Cases, $completions.Count)
        Write-Figure 'completion, median' ('{0,8:N2} ms' -f (Get-Median $completions))
        Write-Figure 'completion, worst' ('{0,8:N1} ms  (worst per process: {1})' -f ($completions | Measure-Object -Maximum).Maximum, (($completeWorst | ForEach-Object { '{0:N1}' -f $_ }) -join ', '))
        Write-Figure 'completion, 95th percentile' ('{0,8:N2} ms' -f (@($completions | Sort-Object)[[int][math]::Floor($completions.Count * 0.95)]))
        $noGC = [double[]]@($runs | ForEach-Object { for ($i = 0; $i -lt $_.CompleteMs.Count; $i++) { if (-not $_.CompleteGC[$i]) { $_.CompleteMs[$i] } } })
        Write-Figure '   worst with no garbage collection inside it' ('{0,8:N1} ms  ({1:N0} of the completions had one)' -f ($noGC | Measure-Object -Maximum).Maximum, ($completions.Count - $noGC.Count))
        Write-Figure 'first completion in the process (schema cached)' ('{0,8:N0} ms  (runs: {1})' -f (Get-Median $completeFirst), (& $list $completeFirst))
        Write-Figure 'for scale: the core completer alone, median / worst' ('{0,8:N2} ms / {1:N1} ms' -f (Get-Median $coreCompletions), ($coreCompletions | Measure-Object -Maximum).Maximum)
        Add-Result 'G2. completion in a query string (TabExpansion2), median' (Get-Median $completions) 20 'ms'
        Add-Result 'G2. same, worst' ($completions | Measure-Object -Maximum).Maximum 50 'ms'
        Add-Result 'G2. first completion in a fresh process' (Get-Median $completeFirst) ([double]::NaN) 'ms'

        $checkWarm = & $perRun { Get-Median $_.CheckMs }
        $checkFirst = & $perRun { $_.CheckFirstMs }
        Write-Host ("   G3. Test-LeanlyQuery on a valid {0}-line document, 30 warm checks a process" -f $runs[0].DocumentLines)
        Write-Figure 'warm' ('{0,8:N2} ms  (runs: {1})' -f (Get-Median $checkWarm), (($checkWarm | ForEach-Object { '{0:N2}' -f $_ }) -join ', '))
        Write-Figure 'first call in the process (builds GraphQL.NET''s schema)' ('{0,8:N0} ms  (runs: {1})' -f (Get-Median $checkFirst), (& $list $checkFirst))
        Write-Figure 'for scale: the validator alone (QueryValidator), warm' ('{0,8:N2} ms  (on a one-line document {1:N2} ms)' -f (Get-Median (& $perRun { Get-Median $_.CoreCheckMs })), (Get-Median (& $perRun { Get-Median $_.CoreCheckSmallMs })))
        Add-Result 'G3. Test-LeanlyQuery, 300-line document, warm' (Get-Median $checkWarm) 5 'ms'
        Add-Result 'G3. same, first call in a fresh process' (Get-Median $checkFirst) ([double]::NaN) 'ms'

        $heapGrowth = & $perRun { $_.HeapGrowth }
        Write-Host '   G4. memory of the cached schema'
        Write-Figure 'managed heap growth, first Get-LeanlySchema' ('{0,10}  (runs: {1})' -f (Format-MB (Get-Median $heapGrowth)), (($heapGrowth | ForEach-Object { '{0:N1}' -f ($_ / 1MB) }) -join ', '))
        Write-Figure '   a second copy read from the same bytes' ('{0,10}' -f (Format-MB (Get-Median (& $perRun { $_.HeapSecondCopy }))))
        Write-Figure '   released by Disconnect-Leanly after G2 and G3' ('{0,10}  (the schema and its derived forms)' -f (Format-MB (Get-Median (& $perRun { $_.HeapReleased }))))
        Write-Figure 'peak working set after the first fetch' ('{0,10}  (working set before it {1})' -f (Format-MB (Get-Median (& $perRun { $_.PeakAfterFetch }))), (Format-MB (Get-Median (& $perRun { $_.WorkingSetBefore }))))
        Write-Figure 'peak working set after 10 more fetches' ('{0,10}' -f (Format-MB (Get-Median (& $perRun { $_.PeakAfterWarm }))))
        Add-Result 'G4. cached schema: managed heap growth' ((Get-Median $heapGrowth) / 1MB) ([double]::NaN) 'MB'
        Add-Result 'G4. peak working set after the first fetch' ((Get-Median (& $perRun { $_.PeakAfterFetch })) / 1MB) ([double]::NaN) 'MB'
        Reset-LeanlyTestServer $server
    }
}
finally {
    Disconnect-Leanly
    Stop-LeanlyTestServer $server
    Write-Host "Stopped the local server (PID $($server.Process.Id))."
    if ($tls) { Remove-LeanlyTestTls $tls }
}

Write-Section 'Summary'
$summary | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
