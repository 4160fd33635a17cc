#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests, demonstrates, benchmarks and packages LeanlyPS.
.DESCRIPTION
    Run through the repo's pinned PowerShell: dotnet tool restore && dotnet pwsh ./build.ps1 -Task <Task>
      Build    (default) compile, then lay out the module in out/Leanly
      Test     Build, then xunit and Pester (in a fresh pwsh); ends with "N passed, N failed"
      Demo     Build, start the local Leanly-compatible server, walk through the whole flow
      Bench    Build, then the speed and memory benchmark (figures, not assertions)
      Package  Build, then out/Leanly.<version>.nupkg and out/Leanly.zip (Azure Automation)
      Clean    remove out/ and every bin/ and obj/
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Bench', 'Package', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Pester only: run the test files whose name matches (e.g. Connect).
    [string] $Filter
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'Leanly'
$PesterVersion = '5.7.1'

# The module's files: anything missing or unexpected fails the build (DLLs are a possible clash with other modules).
$ModuleDlls = @('Leanly.dll', 'Leanly.Core.dll')
# Windows PowerShell 5.1 lacks these; PowerShell 7.4+ has newer copies, so they go to a folder only the Desktop edition reads.
$DesktopDependencies = @(
    'Microsoft.Bcl.AsyncInterfaces.dll'
    'System.Buffers.dll'
    'System.Memory.dll'
    'System.Numerics.Vectors.dll'
    'System.Runtime.CompilerServices.Unsafe.dll'
    'System.Text.Encodings.Web.dll'
    'System.Text.Json.dll'
    'System.Threading.Tasks.Extensions.dll'
)

# Get-PwshCommand (a child pwsh, also under 'dotnet pwsh') and Start-/Stop-LeanlyTestServer, shared with the tests.
Import-Module (Join-Path $Root 'tests/TestHelpers.psm1') -Force

function Write-Step([string] $Message) {
    Write-Host "==> $Message" -ForegroundColor Cyan
}

function Invoke-Native {
    param([string] $FilePath, [string[]] $ArgumentList)
    & $FilePath @ArgumentList
    if ($LASTEXITCODE -ne 0) {
        throw "'$FilePath $($ArgumentList -join ' ')' failed with exit code $LASTEXITCODE."
    }
}

function Get-ModuleVersion {
    $props = [xml](Get-Content -Raw (Join-Path $Root 'Directory.Build.props'))
    return ($props.Project.PropertyGroup | Where-Object { $_['Version'] } | Select-Object -First 1).Version
}

function Invoke-Build {
    Write-Step "Building LeanlyPS.sln ($Configuration)"
    Invoke-Native dotnet @('build', (Join-Path $Root 'LeanlyPS.sln'), '-c', $Configuration, '--nologo', '-v', 'q', '-clp:ErrorsOnly')

    Write-Step 'Collecting the module and its dependencies'
    $publish = Join-Path $Root "src/Leanly/bin/$Configuration/publish"
    Invoke-Native dotnet @('publish', (Join-Path $Root 'src/Leanly/Leanly.csproj'), '-c', $Configuration, '-o', $publish, '--no-build', '--nologo', '-v', 'q')

    $published = Get-ChildItem $publish -Filter *.dll | ForEach-Object Name
    $expected = $ModuleDlls + $DesktopDependencies
    $missing = $expected | Where-Object { $_ -notin $published }
    $unexpected = $published | Where-Object { $_ -notin $expected }
    if ($missing) { throw "The build is missing module DLLs: $($missing -join ', ')." }
    if ($unexpected) { throw "Unexpected DLLs in the module's dependency closure: $($unexpected -join ', '). Add them to the allow-list in build.ps1 only if the module really needs them." }

    if (Test-Path $ModuleOut) { Remove-Item $ModuleOut -Recurse -Force }
    $desktop = Join-Path $ModuleOut 'Dependencies'
    New-Item -ItemType Directory -Force -Path $desktop | Out-Null
    foreach ($dll in $ModuleDlls) { Copy-Item (Join-Path $publish $dll) $ModuleOut }
    foreach ($dll in $DesktopDependencies) { Copy-Item (Join-Path $publish $dll) $desktop }
    Copy-Item (Join-Path $Root 'module/*') $ModuleOut -Recurse

    $version = Get-ModuleVersion
    $manifest = Get-Content -Raw (Join-Path $Root 'Leanly.psd1')
    $manifest = $manifest -replace "ModuleVersion\s*=\s*'[^']*'", "ModuleVersion        = '$version'"
    Set-Content -Path (Join-Path $ModuleOut 'Leanly.psd1') -Value $manifest -Encoding utf8NoBOM
    Write-Host "Module $version laid out in $ModuleOut"
}

function Get-PesterModulePath {
    Invoke-Native dotnet @('restore', (Join-Path $Root 'tests/Leanly.Tools/Leanly.Tools.csproj'), '--nologo', '-v', 'q')
    $globalPackages = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    $path = Join-Path $globalPackages.Trim() "pester/$PesterVersion/tools/Pester.psd1"
    if (-not (Test-Path $path)) { throw "Pester $PesterVersion was not restored to $path." }
    return $path
}

function Invoke-Test {
    # Package builds first, so the Pester suite can install and import the real artifacts.
    Invoke-Package
    $results = Join-Path $Out 'test-results'
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }
    New-Item -ItemType Directory -Force -Path $results | Out-Null

    Write-Step 'xunit: tests/Leanly.Core.Tests'
    & dotnet test (Join-Path $Root 'tests/Leanly.Core.Tests/Leanly.Core.Tests.csproj') -c $Configuration --no-build --nologo `
        --logger 'trx;LogFileName=xunit.trx' --logger 'console;verbosity=minimal' --results-directory $results
    $xunitExit = $LASTEXITCODE
    $trx = Join-Path $results 'xunit.trx'
    $xunit = @{ Passed = 0; Failed = 0; Skipped = 0 }
    if (Test-Path $trx) {
        $counters = ([xml](Get-Content -Raw $trx)).TestRun.ResultSummary.Counters
        $xunit.Passed = [int]$counters.passed
        $xunit.Failed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
        $xunit.Skipped = [int]$counters.notExecuted
    }
    elseif ($xunitExit -ne 0) {
        $xunit.Failed = 1
    }
    if ($xunitExit -ne 0 -and $xunit.Failed -eq 0) { $xunit.Failed = 1 }

    Write-Step 'Pester: tests/*.Tests.ps1 in a fresh pwsh -NoProfile'
    $pester = Get-PesterModulePath
    $summary = Join-Path $results 'pester-summary.json'
    $pwsh = Get-PwshCommand
    $runner = Join-Path $Root 'tests/Invoke-PesterRun.ps1'
    $arguments = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $runner,
        '-PesterPath', $pester, '-ModulePath', (Join-Path $ModuleOut 'Leanly.psd1'), '-Configuration', $Configuration,
        '-SummaryPath', $summary, '-ResultPath', (Join-Path $results 'pester.xml'))
    if ($Filter) { $arguments += @('-Filter', $Filter) }
    # HTTPS suites (issue 13): this run's test CA, trusted by the Pester process through SSL_CERT_FILE from its start.
    Initialize-LeanlyTestTls | Out-Null
    try {
        & $pwsh[0] @arguments
        $pesterExit = $LASTEXITCODE
    }
    finally { Remove-LeanlyTestTls }
    $pesterCounts = @{ Passed = 0; Failed = 0; Skipped = 0 }
    if (Test-Path $summary) {
        $s = Get-Content -Raw $summary | ConvertFrom-Json
        $pesterCounts.Passed = [int]$s.Passed; $pesterCounts.Failed = [int]$s.Failed; $pesterCounts.Skipped = [int]$s.Skipped
    }
    if ($pesterExit -ne 0 -and $pesterCounts.Failed -eq 0) { $pesterCounts.Failed = 1 }

    $passed = $xunit.Passed + $pesterCounts.Passed
    $failed = $xunit.Failed + $pesterCounts.Failed
    $skipped = $xunit.Skipped + $pesterCounts.Skipped
    Write-Host ''
    Write-Host "xunit:  $($xunit.Passed) passed, $($xunit.Failed) failed, $($xunit.Skipped) skipped"
    Write-Host "Pester: $($pesterCounts.Passed) passed, $($pesterCounts.Failed) failed, $($pesterCounts.Skipped) skipped"
    Write-Host "Total: $passed passed, $failed failed, $skipped skipped"
    if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    Write-Step 'Starting the local Leanly-compatible server (127.0.0.1)'
    $env:LEANLY_TEST_CONFIGURATION = $Configuration
    $server = Start-LeanlyTestServer -Arguments @('--accessTokenLifetime', '60')
    try {
        Write-Host "Server at $($server.BaseUri) (PID $($server.Process.Id))"
        $pwsh = Get-PwshCommand
        $demo = Join-Path $Root 'tests/Demo.ps1'
        $arguments = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-File', $demo, '-ModulePath', (Join-Path $ModuleOut 'Leanly.psd1'), '-BaseUri', $server.BaseUri)
        & $pwsh[0] @arguments
        if ($LASTEXITCODE -ne 0) { throw "The demo failed (exit code $LASTEXITCODE)." }
    }
    finally {
        Write-Step "Stopping the server (PID $($server.Process.Id))"
        Stop-LeanlyTestServer $server
    }
}

function Invoke-Clean {
    Write-Step 'Removing out/, bin/ and obj/'
    if (Test-Path $Out) { Remove-Item $Out -Recurse -Force }
    Get-ChildItem $Root -Directory -Recurse -Include bin, obj | Where-Object { $_.FullName -notmatch '[\\/]\.git[\\/]' } |
        Remove-Item -Recurse -Force
}

function Invoke-Bench {
    Invoke-Build
    $readyToRun = Publish-ReadyToRunPwsh
    $pwsh = Get-PwshCommand
    $arguments = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-File', (Join-Path $Root 'tests/Bench.ps1'),
        '-ModulePath', (Join-Path $ModuleOut 'Leanly.psd1'), '-Configuration', $Configuration, '-ReadyToRunPwsh', $readyToRun)
    & $pwsh[0] @arguments
    if ($LASTEXITCODE -ne 0) { throw "The benchmark failed (exit code $LASTEXITCODE)." }
}

# The PowerShell of the official packages is ReadyToRun-compiled; the dotnet tool's is IL only. The bench times import
# in both, so this publishes the same PowerShell version ReadyToRun from Microsoft.PowerShell.SDK (NuGet), with the
# tool's built-in modules beside it as in $PSHOME. Returns the path of its pwsh.dll.
function Publish-ReadyToRunPwsh {
    $target = Join-Path $Out 'bench-pwsh'
    $dll = Join-Path $target 'pwsh.dll'
    Write-Step 'Publishing a ReadyToRun-compiled pwsh for the import benchmark (first time only: about a minute)'
    Invoke-Native dotnet @('publish', (Join-Path $Root 'tests/Leanly.BenchPwsh/Leanly.BenchPwsh.csproj'), '-c', 'Release',
        '-r', [Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier, '-o', $target, '--nologo', '-v', 'q')
    $modules = Join-Path $target 'Modules'
    if (-not (Test-Path $modules)) { Copy-Item -Path (Join-Path $PSHOME 'Modules') -Destination $modules -Recurse }
    $dll
}

function Invoke-Package {
    Invoke-Build
    $version = Get-ModuleVersion
    $packages = Join-Path $Out 'packages'
    if (Test-Path $packages) { Remove-Item $packages -Recurse -Force }
    New-Item -ItemType Directory -Force -Path $packages | Out-Null

    Write-Step "Packaging Leanly $version for the PowerShell Gallery (PSResourceGet)"
    if (-not $IsWindows) {
        # .NET reports no LocalApplicationData folder until it exists, and PSResourceGet then writes its settings into the current directory.
        $data = if ($env:XDG_DATA_HOME) { $env:XDG_DATA_HOME } else { Join-Path $HOME '.local/share' }
        New-Item -ItemType Directory -Force -Path $data | Out-Null
    }
    Import-Module Microsoft.PowerShell.PSResourceGet -ErrorAction Stop
    Test-ModuleManifest (Join-Path $ModuleOut 'Leanly.psd1') | Out-Null
    Compress-PSResource -Path $ModuleOut -DestinationPath $packages
    $nupkg = Get-ChildItem $packages -Filter "Leanly.$version.nupkg"
    if (-not $nupkg) { throw "Compress-PSResource produced no Leanly.$version.nupkg." }
    Write-Host "  $($nupkg.FullName)"

    Write-Step 'Packaging Leanly.zip for Azure Automation (the Leanly/ module folder at its root)'
    $zip = Join-Path $Out 'Leanly.zip'
    if (Test-Path $zip) { Remove-Item $zip -Force }
    Compress-Archive -Path $ModuleOut -DestinationPath $zip
    Write-Host "  $zip"
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Bench' { Invoke-Bench }
    'Package' { Invoke-Package }
    'Clean' { Invoke-Clean }
}
