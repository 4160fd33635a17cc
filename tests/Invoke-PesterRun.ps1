<#
.SYNOPSIS
    Runs the Pester suite in this (fresh) pwsh process; build.ps1 -Task Test calls it. Writes a JSON summary of the counts.
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
Import-Module $PesterPath -Force

$env:LEANLY_TEST_MODULE = (Resolve-Path $ModulePath).Path
$env:LEANLY_TEST_CONFIGURATION = $Configuration
# The SecretManagement test double is visible to this test process (and its children) only.
$env:PSModulePath = (Join-Path $PSScriptRoot 'SecretManagementDouble') + [IO.Path]::PathSeparator + $env:PSModulePath
# Tests choose their own credentials; a developer's or pipeline's own must not leak in.
foreach ($name in 'LEANLY_CLIENT_ID', 'LEANLY_CLIENT_SECRET', 'LEANLY_TOKEN_URI', 'LEANLY_API_URI') {
    Remove-Item "env:$name" -ErrorAction SilentlyContinue
}

$files = Get-ChildItem $PSScriptRoot -Filter *.Tests.ps1 | Sort-Object Name
if ($Filter) { $files = $files | Where-Object Name -Match $Filter }

$config = New-PesterConfiguration
# Flow suites run twice, over loopback http and over HTTPS (issue 13); the container's data names the transport.
$flowSuites = 'Concurrency', 'Connect', 'Paging', 'Query', 'Resilience', 'Session', 'Token' | ForEach-Object { "$_.Tests.ps1" }
$config.Run.Container = @(foreach ($file in $files) {
        if ($file.Name -in $flowSuites) {
            foreach ($transport in 'http', 'https') { New-PesterContainer -Path $file.FullName -Data @{ Transport = $transport } }
        }
        else { New-PesterContainer -Path $file.FullName }
    })
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
if ($ResultPath) {
    $config.TestResult.Enabled = $true
    $config.TestResult.OutputFormat = 'NUnitXml'
    $config.TestResult.OutputPath = $ResultPath
}

$result = Invoke-Pester -Configuration $config
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
[pscustomobject]@{
    Passed  = $result.PassedCount
    Failed  = $failed
    Skipped = $result.SkippedCount + $result.NotRunCount
} | ConvertTo-Json | Set-Content -Path $SummaryPath -Encoding utf8NoBOM
exit ([int]($failed -gt 0))
