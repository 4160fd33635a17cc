#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests, demonstrates, benchmarks and packages LeanlyPS.
.DESCRIPTION
    Run through the repo's pinned PowerShell: dotnet tool restore && dotnet pwsh ./build.ps1 -Task <Task>
      Build    (default) compile, then lay out the module in out/Leanly
      Test     Build, then xunit and Pester (in a fresh pwsh); lists what did not pass, and ends with the line
               "Total: N passed, N failed, N skipped" (exit code 1 when anything meant to run did not pass);
               Pester containers run side by side in worker processes; LEANLY_TEST_SOAK=1 (CI) makes the soak 60 s long
      Soak     Build, then only the 60-second soaks (tests/Soak.Tests.ps1, over http and HTTPS)
      Demo     Build, start the local Leanly-compatible server, walk through the whole flow
      Bench    Build, then the speed and memory benchmark (figures, not assertions)
      Package  Build, then out/Leanly.<version>.nupkg and out/Leanly.zip (Azure Automation)
      Clean    remove out/ and every bin/ and obj/
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Soak', 'Demo', 'Bench', 'Package', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Test: run only the Pester files whose name matches (e.g. Connect). xunit runs in full unless -XunitFilter is given.
    [string] $Filter,

    # Test: a dotnet test filter expression for xunit (e.g. FullyQualifiedName~TokenSet).
    [string] $XunitFilter,

    # Test: run the tests of what is already built (out/Leanly and the test projects), without building.
    [switch] $NoBuild,

    # Test: run only one of the two suites (the runner self-test uses it to stay fast).
    [ValidateSet('All', 'Xunit', 'Pester')]
    [string] $Suite = 'All'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'Leanly'
$PesterVersion = '5.7.1'

# The module's files: anything missing or unexpected fails the build (DLLs are a possible clash with other modules).
# Leanly.Schema.dll and the GraphQL libraries load only when a schema command first runs (see DESIGN.md, The schema).
$ModuleDlls = @('Leanly.dll', 'Leanly.Core.dll', 'Leanly.Schema.dll', 'GraphQL.dll', 'GraphQLParser.dll')
# Windows PowerShell 5.1 lacks these; PowerShell 7.4+ has newer copies, so they go to a folder only the Desktop edition reads.
$DesktopDependencies = @(
    'Microsoft.Bcl.AsyncInterfaces.dll'
    'Microsoft.CSharp.dll'
    'System.ComponentModel.Annotations.dll'
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

# One test suite's outcome: counts, and the name of everything that did not pass (shown before the closing line).
function New-SuiteOutcome([string] $Name) {
    [pscustomobject]@{ Name = $Name; Passed = 0; Failed = 0; Skipped = 0; FailedNames = [Collections.Generic.List[string]]::new() }
}

function Add-SuiteFailure($Outcome, [string] $What, [int] $Count = 1) {
    $Outcome.Failed += $Count
    $Outcome.FailedNames.Add($What)
}

# The test names dotnet test discovers, with the same filter: a run that reports fewer (a test host that died) fails.
function Get-XunitDiscoveredTests([string] $Project, [string[]] $FilterArguments) {
    $listing = & dotnet test $Project -c $Configuration --no-build --nologo --list-tests @FilterArguments 2>&1
    if ($LASTEXITCODE -ne 0) { throw "dotnet test --list-tests failed (exit code $LASTEXITCODE): $($listing -join ' ')" }
    $started = $false
    foreach ($line in $listing) {
        if ($started -and "$line" -match '^\s{4}(\S.*)$') { $Matches[1].TrimEnd() }
        elseif ("$line" -match 'The following Tests are available') { $started = $true }
    }
}

# xunit runs beside Pester (the core's tests need no server and finish long before Pester does): Start-XunitSuite
# starts dotnet test with its output kept in a file, Complete-XunitSuite waits for it, shows the output and counts.
function Start-XunitSuite([string] $Results) {
    $project = Join-Path $Root 'tests/Leanly.Core.Tests/Leanly.Core.Tests.csproj'
    $filterArguments = if ($XunitFilter) { @('--filter', $XunitFilter) } else { @() }
    $info = [Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($argument in @('test', $project, '-c', $Configuration, '--no-build', '--nologo') + $filterArguments + @(
            '--logger', 'trx;LogFileName=xunit.trx', '--logger', 'console;verbosity=minimal', '--results-directory', $Results)) {
        $info.ArgumentList.Add($argument)
    }
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.UseShellExecute = $false
    $process = [Diagnostics.Process]::Start($info)
    [pscustomobject]@{ Project = $project; FilterArguments = $filterArguments; Process = $process; Results = $Results
        Output = $process.StandardOutput.ReadToEndAsync(); Error = $process.StandardError.ReadToEndAsync() }
}

function Complete-XunitSuite($Run) {
    $outcome = New-SuiteOutcome 'xunit'
    $discovered = $null
    try { $discovered = @(Get-XunitDiscoveredTests $Run.Project $Run.FilterArguments) }
    catch { Add-SuiteFailure $outcome "xunit: $($_.Exception.Message)" }

    $Run.Process.WaitForExit()
    $exitCode = $Run.Process.ExitCode
    $Run.Output.Result + $Run.Error.Result | Out-Host

    $trx = Join-Path $Run.Results 'xunit.trx'
    $ran = @()
    try {
        $document = [xml](Get-Content -Raw $trx -ErrorAction Stop)
        $counters = $document.TestRun.ResultSummary.Counters
        $outcome.Passed = [int]$counters.passed
        $outcome.Skipped = [int]$counters.notExecuted
        $testResults = @($document.GetElementsByTagName('UnitTestResult'))
        $ran = @($testResults | ForEach-Object { $_.GetAttribute('testName') })
        foreach ($result in $testResults | Where-Object { $_.GetAttribute('outcome') -notin 'Passed', 'NotExecuted' }) {
            Add-SuiteFailure $outcome "xunit: $($result.GetAttribute('testName')) ($($result.GetAttribute('outcome')))"
        }
        $aborted = [regex]::Match($document.InnerXml, 'The active test run was aborted\.[^\r\n]*')
        if ($aborted.Success) { Add-SuiteFailure $outcome "xunit: $($aborted.Value)" 0 }
    }
    catch {
        Add-SuiteFailure $outcome "xunit: no readable results ($trx): $($_.Exception.Message)"
    }

    if ($null -ne $discovered -and $discovered.Count -gt $ran.Count) {
        $missing = @($discovered | Where-Object { $_ -notin $ran })
        $shown = ($missing | Select-Object -First 10) -join ', '
        Add-SuiteFailure $outcome "xunit: $($discovered.Count) tests discovered, $($ran.Count) ran (the test host died?); not run: $shown" ($discovered.Count - $ran.Count)
    }
    elseif ($null -ne $discovered -and $discovered.Count -eq 0 -and -not $XunitFilter) {
        Add-SuiteFailure $outcome 'xunit: dotnet test --list-tests found no tests'
    }
    if ($exitCode -ne 0 -and $outcome.Failed -eq 0) {
        Add-SuiteFailure $outcome "xunit: dotnet test exited with $exitCode"
    }
    $outcome
}

function Invoke-PesterSuite([string] $Results) {
    $outcome = New-SuiteOutcome 'Pester'
    $pester = Get-PesterModulePath
    $summaryPath = Join-Path $Results 'pester-summary.json'
    $pwsh = Get-TestPwshCommand
    $runner = Join-Path $Root 'tests/Invoke-PesterRun.ps1'
    $arguments = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $runner,
        '-PesterPath', $pester, '-ModulePath', (Join-Path $ModuleOut 'Leanly.psd1'), '-Configuration', $Configuration,
        '-SummaryPath', $summaryPath, '-ResultPath', (Join-Path $Results 'pester.xml'))
    if ($Filter) { $arguments += @('-Filter', $Filter) }
    # HTTPS suites: this run's test CA, trusted by the Pester process through SSL_CERT_FILE from its start.
    $tls = Initialize-LeanlyTestTls
    try {
        & $pwsh[0] @arguments | Out-Host
        $exitCode = $LASTEXITCODE
    }
    finally { Remove-LeanlyTestTls $tls }

    try {
        $summary = Get-Content -Raw $summaryPath -ErrorAction Stop | ConvertFrom-Json
        if (-not $summary.Complete) { Add-SuiteFailure $outcome 'Pester: the run did not finish (its process died?)' }
        $outcome.Passed = [int]$summary.Passed
        $outcome.Skipped = [int]$summary.Skipped
        $outcome.Failed += [int]$summary.Failed
        foreach ($name in @($summary.FailedNames)) { if ($name) { $outcome.FailedNames.Add("Pester: $name") } }
        if ($outcome.Failed -lt $outcome.FailedNames.Count) { $outcome.Failed = $outcome.FailedNames.Count }
    }
    catch {
        Add-SuiteFailure $outcome "Pester: no complete summary ($summaryPath): $($_.Exception.Message)"
    }
    if ($exitCode -ne 0 -and $outcome.Failed -eq 0) {
        Add-SuiteFailure $outcome "Pester: the runner exited with $exitCode"
    }
    $outcome
}

function Install-GraphQLReference {
    # graphql-js, the judge of the xunit comparisons (tests/GraphQLReference), pinned by its package-lock.json.
    $reference = Join-Path $Root 'tests/GraphQLReference'
    if (Test-Path (Join-Path $reference 'node_modules/graphql/package.json')) { return }
    Write-Step 'npm ci: graphql-js for the xunit comparisons (tests/GraphQLReference)'
    Push-Location $reference
    try { Invoke-Native 'npm' @('ci', '--no-audit', '--no-fund') }
    finally { Pop-Location }
}

function Invoke-Test {
    # Package builds first, so the Pester suite can install and import the real artifacts. A build that fails is
    # counted in the closing line too, and no suite runs.
    $buildOutcome = New-SuiteOutcome 'build'
    try {
        if ($NoBuild) {
            if (-not (Test-Path (Join-Path $ModuleOut 'Leanly.psd1'))) { throw "-NoBuild needs a built module in ${ModuleOut}: run build.ps1 -Task Build first." }
        }
        else {
            Invoke-Package
            $null = Publish-ReadyToRunPwsh
        }
    }
    catch {
        Add-SuiteFailure $buildOutcome "build: $($_.Exception.Message)"
    }
    if ($Suite -ne 'Pester' -and $buildOutcome.Failed -eq 0) {
        try { Install-GraphQLReference }
        catch { Add-SuiteFailure $buildOutcome "graphql-js: $($_.Exception.Message)" }
    }
    # The runner self-test runs several copies' tests at once, each with results of its own.
    $results = if ($env:LEANLY_TEST_RESULTS) { $env:LEANLY_TEST_RESULTS } else { Join-Path $Out 'test-results' }
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }
    New-Item -ItemType Directory -Force -Path $results | Out-Null

    # A suite that throws is a failed suite, never a missing line: the closing line is always written. xunit runs
    # beside Pester (the core's tests are mostly CPU while Pester's workers mostly wait); its output follows Pester's.
    $buildPassed = $buildOutcome.Failed -eq 0
    $suiteOutcome = @{}
    function Invoke-SuiteStep([string] $Name, [scriptblock] $Run) {
        try { & $Run }
        catch {
            $failed = New-SuiteOutcome $Name
            Add-SuiteFailure $failed "${Name}: the step threw: $($_.Exception.Message)"
            $failed
        }
    }
    $xunitRun = $null
    try {
        if ($buildPassed -and $Suite -in 'All', 'Xunit') {
            Write-Step 'xunit: tests/Leanly.Core.Tests (started; it runs beside Pester)'
            $xunitRun = Invoke-SuiteStep 'xunit' { Start-XunitSuite $results }
            if ($xunitRun.PSObject.Properties['FailedNames']) { $suiteOutcome.xunit = $xunitRun; $xunitRun = $null }
        }
        if ($buildPassed -and $Suite -in 'All', 'Pester') {
            Write-Step 'Pester: tests/*.Tests.ps1 in fresh pwsh -NoProfile processes'
            $suiteOutcome.Pester = Invoke-SuiteStep 'Pester' { Invoke-PesterSuite $results }
        }
        if ($xunitRun) {
            Write-Step 'xunit: tests/Leanly.Core.Tests'
            $suiteOutcome.xunit = Invoke-SuiteStep 'xunit' { Complete-XunitSuite $xunitRun }
            $xunitRun = $null
        }
    }
    finally {
        # Only when the run was cut short (Ctrl+C): nothing may keep running after the build script ends.
        if ($xunitRun -and -not $xunitRun.Process.HasExited) { $xunitRun.Process.Kill($true) }
    }
    $outcomes = @(if ($buildOutcome.Failed) { $buildOutcome }) + @(foreach ($name in 'xunit', 'Pester') { if ($suiteOutcome[$name]) { $suiteOutcome[$name] } })

    $passed = ($outcomes | Measure-Object Passed -Sum).Sum
    $failed = ($outcomes | Measure-Object Failed -Sum).Sum
    $skipped = ($outcomes | Measure-Object Skipped -Sum).Sum
    if ($passed + $failed -eq 0) {
        $failed = 1
        $outcomes[-1].FailedNames.Add('No test ran: check -Filter and -XunitFilter.')
    }
    Write-Host ''
    $names = @($outcomes | ForEach-Object { $_.FailedNames })
    if ($names) {
        Write-Host 'Did not pass:' -ForegroundColor Red
        foreach ($name in $names) { Write-Host "  $name" -ForegroundColor Red }
    }
    foreach ($outcome in $outcomes) {
        Write-Host ('{0,-7} {1} passed, {2} failed, {3} skipped' -f "$($outcome.Name):", $outcome.Passed, $outcome.Failed, $outcome.Skipped)
    }
    Write-Host "Total: $passed passed, $failed failed, $skipped skipped"
    if ($failed -gt 0) { exit 1 }
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

# The PowerShell of the official packages is ReadyToRun-compiled; the dotnet tool's is IL only. The bench times
# import in both, and the tests run in it: the pwsh users have installed, and one that starts in a third of the CPU
# time (the test run starts a few hundred pwsh processes). This publishes the same PowerShell version ReadyToRun from
# Microsoft.PowerShell.SDK (NuGet), with the tool's built-in modules beside it as in $PSHOME, once per clone (about
# a minute) and again only when the project or the tool's version changes. Returns the path of its pwsh.dll.
function Publish-ReadyToRunPwsh {
    $project = Join-Path $Root 'tests/Leanly.BenchPwsh/Leanly.BenchPwsh.csproj'
    $dll = Get-ReadyToRunPwshPath
    $inputs = @(Get-Item $project, (Join-Path $Root '.config/dotnet-tools.json'))
    if ((Test-Path $dll) -and -not ($inputs | Where-Object LastWriteTimeUtc -gt (Get-Item $dll).LastWriteTimeUtc)) { return $dll }
    Write-Step 'Publishing a ReadyToRun-compiled pwsh for the tests and the bench (first time only: about a minute)'
    $target = Split-Path $dll -Parent
    Invoke-Native dotnet @('publish', $project, '-c', 'Release', '-r', [Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier,
        '-o', $target, '--nologo', '-v', 'q') | Out-Host
    $modules = Join-Path $target 'Modules'
    if (-not (Test-Path $modules)) { Copy-Item -Path (Join-Path $PSHOME 'Modules') -Destination $modules -Recurse }
    (Get-Item $dll).LastWriteTimeUtc = [datetime]::UtcNow
    $dll
}

function Get-ReadyToRunPwshPath { Join-Path $Out 'readytorun-pwsh/pwsh.dll' }

# The pwsh the Pester run starts in (its workers and their child processes start the same one): the ReadyToRun one
# when it is built, else this one (a -NoBuild run in the runner self-test's copy is already inside it).
function Get-TestPwshCommand {
    $dll = Get-ReadyToRunPwshPath
    if (Test-Path $dll) { return @((Get-Command dotnet).Source, $dll) }
    Get-PwshCommand
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
    'Soak' {
        $env:LEANLY_TEST_SOAK = '1'
        $Suite = 'Pester'
        $Filter = '^Soak\.'
        Invoke-Test
    }
    'Demo' { Invoke-Demo }
    'Bench' { Invoke-Bench }
    'Package' { Invoke-Package }
    'Clean' { Invoke-Clean }
}
