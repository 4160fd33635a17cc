<#
.SYNOPSIS
    Runs the Pester suite; build.ps1 -Task Test calls it in a fresh pwsh. Writes a JSON summary of the counts and of
    everything that did not pass.
.DESCRIPTION
    Without -Container this process coordinates: it runs the containers (a file, and for a flow suite a file over one
    transport) in worker pwsh processes (this script with -Container), up to -Workers at a time: the long ones
    first, each in a worker of its own, then the short ones a few to a worker. It prints each worker's whole output when it ends (kept in <container>.log beside the summary), and merges the
    workers' summaries into its own. A worker that leaves no complete summary (it died, or could not write it) is a
    failure named after its container.
    A worker writes its summary from Pester's result object before the NUnit report, and again in a finally block, so
    that neither a report that cannot be written nor Pester throwing can leave a run without its failures counted. A
    summary that is missing, or lacks "Complete": true (the process died mid-run), is itself a failure.
#>
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SummaryPath,
    [string] $ResultPath,
    [string] $Configuration = 'Release',
    [string] $Filter,
    # Worker: the containers to run, comma-separated, each as 'Name.Tests.ps1' or 'Name.Tests.ps1@https'.
    [string] $Container,
    # Coordinator: how many workers run at once (they mostly wait on timers, servers and child processes).
    [int] $Workers = $(if ($env:LEANLY_TEST_WORKERS) { [int]$env:LEANLY_TEST_WORKERS } else { 4 }),
    # Coordinator: how many short containers share one worker (the runner self-test sets 1 to plant one per worker).
    [int] $ShortPerWorker = $(if ($env:LEANLY_TEST_SHORT_PER_WORKER) { [int]$env:LEANLY_TEST_SHORT_PER_WORKER } else { 5 }),
    # Coordinator: a worker still running after this many seconds is ended and counted as a failure.
    [int] $WorkerTimeoutSec = $(if ($env:LEANLY_TEST_WORKER_TIMEOUT_SEC) { [int]$env:LEANLY_TEST_WORKER_TIMEOUT_SEC } else { 900 })
)

$ErrorActionPreference = 'Stop'

$summary = [ordered]@{ Complete = $false; Discovered = 0; Passed = 0; Failed = 0; Skipped = 0; FailedNames = [Collections.Generic.List[string]]::new() }

function Write-Summary {
    $summary | ConvertTo-Json -Depth 3 | Set-Content -Path $SummaryPath -Encoding utf8NoBOM
}

function Add-Failure([string] $Name, [int] $Count = 1) {
    $summary.Failed += $Count
    $summary.FailedNames.Add((ConvertTo-ReportText $Name))
}

# XML 1.0 has no escape for most control characters, and Pester's NUnit writer throws on them: ANSI colour sequences
# go, any other control character is written as \uXXXX.
function ConvertTo-ReportText([string] $Text) {
    if ($null -eq $Text) { return $null }
    $plain = $Text -replace '\x1B\[[0-?]*[ -/]*[@-~]', '' -replace '\x1B[@-_]', ''
    [regex]::Replace($plain, '[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]', { param($m) '\u{0:X4}' -f [int][char]$m.Value })
}

# Every container, block and test in the result tree.
function Get-ResultItem($Node) {
    if ($null -eq $Node) { return }
    $Node
    foreach ($name in 'Blocks', 'Tests') {
        $children = $Node.PSObject.Properties[$name]
        if ($children) { foreach ($child in @($children.Value)) { Get-ResultItem $child } }
    }
}

function Repair-ReportText($Result) {
    foreach ($item in @($Result.Containers) | ForEach-Object { Get-ResultItem $_ }) {
        foreach ($property in 'Name', 'ExpandedName', 'ExpandedPath') {
            $member = $item.PSObject.Properties[$property]
            if ($member -and $member.IsSettable -and $member.Value -is [string]) { $member.Value = ConvertTo-ReportText $member.Value }
        }
        foreach ($record in @($item.ErrorRecord)) {
            if ($null -eq $record) { continue }
            foreach ($property in 'DisplayErrorMessage', 'DisplayStackTrace') {
                $member = $record.PSObject.Properties[$property]
                if ($member) { $member.Value = ConvertTo-ReportText ([string]$member.Value) }
            }
        }
    }
}

function Get-ItemName($Item) {
    if ($Item.PSObject.Properties['ExpandedPath'] -and $Item.ExpandedPath) { return $Item.ExpandedPath }
    if ($Item.PSObject.Properties['Item'] -and $Item.Item) { return "$($Item.Item)" }
    "$($Item.Name)"
}

function Get-FirstErrorLine($Item) {
    $record = @($Item.ErrorRecord) | Where-Object { $_ } | Select-Object -First 1
    if (-not $record) { return '' }
    $message = if ($record.PSObject.Properties['DisplayErrorMessage']) { $record.DisplayErrorMessage } else { $record.Exception.Message }
    ': ' + (("$message" -split "`r?`n") | Where-Object { $_.Trim() } | Select-Object -First 1)
}

# Files that run as several containers, and the parameter whose value tells them apart: a flow suite once over
# loopback http and once over HTTPS, the vault scenarios once against the test double and once against the real modules.
function Get-ContainerVariant {
    $variants = @{ 'SecretVaults.Tests.ps1' = @{ Parameter = 'Backend'; Values = 'Double', 'Real' } }
    foreach ($suite in 'Bulk', 'Concurrency', 'Connect', 'Paging', 'Query', 'Resilience', 'Schema', 'Session', 'Soak', 'Token') {
        $variants["$suite.Tests.ps1"] = @{ Parameter = 'Transport'; Values = 'http', 'https' }
    }
    $variants
}

# The containers: each file once, or once per value of its variant ('Name.Tests.ps1@value').
function Get-ContainerName {
    $variants = Get-ContainerVariant
    $files = @(Get-ChildItem $PSScriptRoot -Filter *.Tests.ps1 | Sort-Object Name)
    if ($Filter) { $files = @($files | Where-Object Name -Match $Filter) }
    foreach ($file in $files) {
        if ($variants.ContainsKey($file.Name)) { foreach ($value in $variants[$file.Name].Values) { "$($file.Name)@$value" } }
        else { $file.Name }
    }
}

# The longest containers start first and each has a worker of its own, so that the run ends soon after the longest;
# the short ones share workers a few at a time (starting pwsh and Pester costs each worker a second of CPU), and a
# batch of them starts by its summed length among the long ones. Rough seconds from a run on 2 cores (of the name
# with its variant, else of the file); a container not named here counts as 18.
function Get-WorkerBatch([string[]] $Names) {
    $seconds = @{ Runner = 150; 'SecretVaults@Real' = 140; Resilience = 70; 'SecretVaults@Double' = 70; Secrets = 65; Leak = 60
        Bulk = 50; Network = 55; Connect = 50; Security = 50; Token = 35; Concurrency = 30
        Soak = $(if ($env:LEANLY_TEST_SOAK -eq '1') { 75 } else { 25 }) }
    function Get-Seconds([string] $Name) {
        $stem = $Name -replace '\.Tests\.ps1', ''
        foreach ($key in $stem, ($stem -split '@')[0]) { if ($seconds.ContainsKey($key)) { return $seconds[$key] } }
        18
    }
    $long = [Collections.Generic.List[object]]::new()
    $short = [Collections.Generic.List[string]]::new()
    foreach ($name in $Names | Sort-Object) {
        if ((Get-Seconds $name) -gt 18) { $long.Add([pscustomobject]@{ Names = @($name); Seconds = Get-Seconds $name }) } else { $short.Add($name) }
    }
    $size = [Math]::Max(1, $ShortPerWorker)
    for ($i = 0; $i -lt $short.Count; $i += $size) {
        $names = @($short.GetRange($i, [Math]::Min($size, $short.Count - $i)))
        $long.Add([pscustomobject]@{ Names = $names; Seconds = ($names | ForEach-Object { Get-Seconds $_ } | Measure-Object -Sum).Sum })
    }
    foreach ($batch in $long | Sort-Object { - $_.Seconds }, { $_.Names[0] }) { , $batch.Names }
}

function Invoke-Worker([string[]] $Names) {
    $folder = Split-Path -Parent $SummaryPath
    $queue = [Collections.Generic.Queue[object]]::new()
    foreach ($batch in Get-WorkerBatch $Names) { $queue.Enqueue(@($batch)) }
    $pwsh = Get-PwshCommand
    $running = [Collections.Generic.List[object]]::new()
    Write-Host "Pester: $($Names.Count) containers in $($queue.Count) worker processes, up to $Workers at a time; each one's output follows when it ends."
    while ($queue.Count -or $running.Count) {
        while ($queue.Count -and $running.Count -lt $Workers) {
            $batch = $queue.Dequeue()
            $name = $batch -join ', '
            $stem = ($batch[0] -replace '\.Tests\.ps1', '' -replace '@', '.') + $(if ($batch.Count -gt 1) { "+$($batch.Count - 1)" })
            $info = [Diagnostics.ProcessStartInfo]::new($pwsh[0])
            foreach ($argument in @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $PSCommandPath,
                    '-PesterPath', $PesterPath, '-ModulePath', $ModulePath, '-Configuration', $Configuration, '-Container', ($batch -join ','),
                    '-SummaryPath', (Join-Path $folder "pester-$stem.json"))) { $info.ArgumentList.Add($argument) }
            if ($ResultPath) { $info.ArgumentList.Add('-ResultPath'); $info.ArgumentList.Add((Join-Path $folder "pester-$stem.xml")) }
            $info.RedirectStandardOutput = $true
            $info.RedirectStandardError = $true
            $info.UseShellExecute = $false
            $process = [Diagnostics.Process]::Start($info)
            $running.Add([pscustomobject]@{ Name = $name; Stem = $stem; Process = $process; Watch = [Diagnostics.Stopwatch]::StartNew(); TimedOut = $false
                    Output = $process.StandardOutput.ReadToEndAsync(); Error = $process.StandardError.ReadToEndAsync() })
        }
        # A worker that hangs (a test waiting on something that never comes) is ended with its child processes, and
        # counted as a failure: the run reports instead of waiting for ever.
        foreach ($worker in @($running | Where-Object { -not $_.Process.HasExited -and $_.Watch.Elapsed.TotalSeconds -gt $WorkerTimeoutSec })) {
            $worker.TimedOut = $true
            try { $worker.Process.Kill($true) } catch { Write-Host "Could not end worker $($worker.Name): $($_.Exception.Message)" }
        }
        $done = @($running | Where-Object { $_.Process.HasExited })
        if (-not $done) { Start-Sleep -Milliseconds 200; continue }
        foreach ($worker in $done) {
            $running.Remove($worker) | Out-Null
            $worker.Process.WaitForExit()
            $log = $worker.Output.Result + $worker.Error.Result
            Set-Content -LiteralPath (Join-Path $folder "pester-$($worker.Stem).log") -Value $log -Encoding utf8NoBOM
            if ($worker.TimedOut) { Add-Failure "worker $($worker.Name) was still running after $WorkerTimeoutSec s and was ended (a test hangs?)" }
            else { Add-WorkerSummary $worker.Name (Join-Path $folder "pester-$($worker.Stem).json") $worker.Process.ExitCode }
            Write-Host $log
            Write-Host ('<== {0}: exit code {1} after {2:0.0} s' -f $worker.Name, $worker.Process.ExitCode, $worker.Watch.Elapsed.TotalSeconds)
        }
    }
}

# One worker's counts into this run's, and a failure for a worker whose summary is missing or unfinished.
function Add-WorkerSummary([string] $Name, [string] $Path, [int] $ExitCode) {
    $part = $null
    try { $part = Get-Content -Raw -LiteralPath $Path -ErrorAction Stop | ConvertFrom-Json }
    catch { Add-Failure "worker $Name left no summary (exit code $ExitCode; it died?)"; return }
    if (-not $part.Complete) { Add-Failure "worker $Name did not finish (exit code $ExitCode; it died?)" }
    $summary.Discovered += [int]$part.Discovered
    $summary.Passed += [int]$part.Passed
    $summary.Skipped += [int]$part.Skipped
    $names = @($part.FailedNames | Where-Object { $_ })
    $summary.Failed += [int]$part.Failed - $names.Count
    foreach ($failure in $names) { Add-Failure $failure }
    if ($ExitCode -ne 0 -and [int]$part.Failed -eq 0) { Add-Failure "worker $Name exited with $ExitCode" }
}

try {
    Import-Module $PesterPath -Force

    $env:LEANLY_TEST_MODULE = (Resolve-Path $ModulePath).Path
    $env:LEANLY_TEST_CONFIGURATION = $Configuration
    # The SecretManagement test double is visible to this test process (and its children) only.
    $env:PSModulePath = (Join-Path $PSScriptRoot 'SecretManagementDouble') + [IO.Path]::PathSeparator + $env:PSModulePath
    # The real SecretManagement and SecretStore, for the vault scenarios' child processes only, when the project's shared
    # folder beside the repository holds them (CI does); without it those tests are skipped, with the reason.
    $shared = Join-Path $PSScriptRoot '../../shared/modules'
    if (-not $env:LEANLY_SECRETMANAGEMENT_MODULES -and (Test-Path (Join-Path $shared 'Microsoft.PowerShell.SecretManagement'))) {
        $env:LEANLY_SECRETMANAGEMENT_MODULES = (Resolve-Path $shared).Path
    }
    # Tests choose their own credentials; a developer's or pipeline's own must not leak in.
    foreach ($name in 'LEANLY_CLIENT_ID', 'LEANLY_CLIENT_SECRET', 'LEANLY_TOKEN_URI', 'LEANLY_API_URI') {
        Remove-Item "env:$name" -ErrorAction SilentlyContinue
    }

    if (-not $Container) {
        $names = @(Get-ContainerName)
        if ($names.Count -eq 0) { Write-Host "No Pester file matches -Filter '$Filter'." }
        else {
            Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1')
            Invoke-Worker $names
        }
        $summary.Complete = $true
    }
    else {
        $config = New-PesterConfiguration
        $variants = Get-ContainerVariant
        $config.Run.Container = @(foreach ($part in $Container -split ',') {
                $file, $value = $part -split '@', 2
                if ($value) { New-PesterContainer -Path (Join-Path $PSScriptRoot $file) -Data @{ $variants[$file].Parameter = $value } }
                else { New-PesterContainer -Path (Join-Path $PSScriptRoot $file) }
            })
        $config.Run.PassThru = $true
        $config.Output.Verbosity = 'Detailed'
        $result = Invoke-Pester -Configuration $config

        $summary.Discovered = $result.TotalCount
        $summary.Passed = $result.PassedCount
        $summary.Skipped = $result.SkippedCount
        foreach ($test in $result.Failed) { Add-Failure "$(Get-ItemName $test)$(Get-FirstErrorLine $test)" }
        foreach ($block in $result.FailedBlocks) { Add-Failure "block $(Get-ItemName $block)$(Get-FirstErrorLine $block)" }
        foreach ($container in $result.FailedContainers) {
            # A file that does not parse may leave its container without a name: this worker's containers name it then.
            $file = "$(Get-ItemName $container)"
            if (-not $file.Trim()) { $file = $Container }
            Add-Failure "file $file$(Get-FirstErrorLine $container)"
        }
        # Discovered but never run (a setup that failed, a run cut short): a test that did not run did not pass.
        foreach ($test in $result.NotRun) { Add-Failure "not run: $(Get-ItemName $test)" }
        if ($result.Result -ne 'Passed' -and $summary.Failed -eq 0) { Add-Failure "the Pester run's result is '$($result.Result)'" }
        $summary.Complete = $true
        Write-Summary

        if ($ResultPath) {
            try {
                Repair-ReportText $result
                $result | Export-NUnitReport -Path $ResultPath
            }
            catch {
                Add-Failure "writing the NUnit report $ResultPath failed: $($_.Exception.Message)"
            }
        }
    }
}
catch {
    Add-Failure "the Pester run threw: $($_.Exception.Message)"
    $summary.Complete = $true
}
finally {
    Write-Summary
}
exit ([int]($summary.Failed -gt 0))
