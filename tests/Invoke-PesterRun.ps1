<#
.SYNOPSIS
    Runs the Pester suite in this (fresh) pwsh process; build.ps1 -Task Test calls it. Writes a JSON summary of the counts
    and of everything that did not pass.
.DESCRIPTION
    The summary is written from Pester's result object before the NUnit report, and again in a finally block, so that
    neither a report that cannot be written nor Pester throwing can leave a run without its failures counted. A summary
    that is missing, or lacks "Complete": true (this process died mid-run), is itself a failure for build.ps1.
#>
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SummaryPath,
    [string] $ResultPath,
    [string] $Configuration = 'Release',
    [string] $Filter
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

    $files = @(Get-ChildItem $PSScriptRoot -Filter *.Tests.ps1 | Sort-Object Name)
    if ($Filter) { $files = @($files | Where-Object Name -Match $Filter) }
    if ($files.Count -eq 0) {
        Write-Host "No Pester file matches -Filter '$Filter'."
        $summary.Complete = $true
        return
    }

    $config = New-PesterConfiguration
    # Flow suites run twice, over loopback http and over HTTPS; the container's data names the transport.
    $flowSuites = 'Bulk', 'Concurrency', 'Connect', 'Paging', 'Query', 'Resilience', 'Session', 'Token' | ForEach-Object { "$_.Tests.ps1" }
    $config.Run.Container = @(foreach ($file in $files) {
            if ($file.Name -in $flowSuites) {
                foreach ($transport in 'http', 'https') { New-PesterContainer -Path $file.FullName -Data @{ Transport = $transport } }
            }
            else { New-PesterContainer -Path $file.FullName }
        })
    $config.Run.PassThru = $true
    $config.Output.Verbosity = 'Detailed'
    $result = Invoke-Pester -Configuration $config

    $summary.Discovered = $result.TotalCount
    $summary.Passed = $result.PassedCount
    $summary.Skipped = $result.SkippedCount
    foreach ($test in $result.Failed) { Add-Failure "$(Get-ItemName $test)$(Get-FirstErrorLine $test)" }
    foreach ($block in $result.FailedBlocks) { Add-Failure "block $(Get-ItemName $block)$(Get-FirstErrorLine $block)" }
    foreach ($container in $result.FailedContainers) { Add-Failure "file $(Get-ItemName $container)$(Get-FirstErrorLine $container)" }
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
catch {
    Add-Failure "the Pester run threw: $($_.Exception.Message)"
    $summary.Complete = $true
}
finally {
    Write-Summary
}
exit ([int]($summary.Failed -gt 0))
