# The runner's self-test: every other test is only as good as the run that reports it. In a throw-away copy of the
# repository, each planted failure (tests/RunnerPlants) alone must make build.ps1 -Task Test exit non-zero, count it in
# the closing "Total:" line and name it. A planted passing run must pass, so the failures are the plants' and not the
# copy's. The copy reuses this run's module (out/Leanly) and builds only the xunit project (-NoBuild skips the rest);
# each planted failure runs alone (-Suite, -Filter, -XunitFilter), and the runs go side by side, each with results
# of its own (LEANLY_TEST_RESULTS). One run plants a passing file, a failing one and a worker that dies together, so
# Pester's workers are shown to add up into the one closing line.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:copy = Join-Path ([IO.Path]::GetTempPath()) "leanly-runner-selftest-$([guid]::NewGuid().ToString('N'))"
    $configuration = if ($env:LEANLY_TEST_CONFIGURATION) { $env:LEANLY_TEST_CONFIGURATION } else { 'Release' }
    Copy-RepositoryForSelfTest -Destination $copy -ModulePath $env:LEANLY_TEST_MODULE

    $plants = Join-Path $PSScriptRoot 'RunnerPlants'
    foreach ($name in 'PlantedPass.Tests.ps1', 'PlantedEscape.Tests.ps1', 'PlantedUnparsable.Tests.ps1', 'PlantedCrash.Tests.ps1', 'PlantedHang.Tests.ps1') {
        Copy-Item (Join-Path $plants "$name.plant") (Join-Path $copy "tests/$name")
    }
    # In a folder of its own: the build checks that a namespace follows its folder (Leanly.Core.Tests.RunnerPlants).
    $plantFolder = New-Item -ItemType Directory -Force -Path (Join-Path $copy 'tests/Leanly.Core.Tests/RunnerPlants')
    Copy-Item (Join-Path $plants 'RunnerPlants.cs.plant') (Join-Path $plantFolder 'RunnerPlants.cs')

    # Only the xunit project compiles again: its references' outputs come from this run's build.
    foreach ($project in 'src/Leanly.Core', 'src/Leanly.Schema', 'tests/Leanly.TestServer') {
        foreach ($folder in 'bin', 'obj') {
            Copy-Item (Join-Path $PSScriptRoot "../$project/$folder") (Join-Path $copy "$project/$folder") -Recurse
        }
    }
    $build = & dotnet build (Join-Path $copy 'tests/Leanly.Core.Tests/Leanly.Core.Tests.csproj') -c $configuration --nologo -v q -clp:ErrorsOnly -p:BuildProjectReferences=false 2>&1
    if ($LASTEXITCODE -ne 0) { throw "Building the copy's xunit project failed: $($build -join "`n")" }

    # Pester's path comes from a restore of the copy's tools project: done once here, not by the runs side by side.
    $restore = & dotnet restore (Join-Path $copy 'tests/Leanly.Tools/Leanly.Tools.csproj') --nologo -v q 2>&1
    if ($LASTEXITCODE -ne 0) { throw "Restoring the copy's tools failed: $($restore -join "`n")" }

    # build.ps1 -Task Test in the copy, on what is already built, for each plant at once; each one's output, exit
    # code, closing line and results folder.
    $plantRuns = @(
        @{ Name = 'Pass'; Suite = 'All'; PesterFilter = '^PlantedPass\.'; XunitFilter = 'FullyQualifiedName~RunnerPlants.Passing' }
        @{ Name = 'Escape'; Suite = 'Pester'; PesterFilter = '^PlantedEscape\.' }
        @{ Name = 'Unparsable'; Suite = 'Pester'; PesterFilter = '^PlantedUnparsable\.' }
        @{ Name = 'Workers'; Suite = 'Pester'; PesterFilter = '^Planted(Pass|Escape|Crash)\.'; Environment = @{ LEANLY_TEST_SHORT_PER_WORKER = 1 } }
        @{ Name = 'Failing'; Suite = 'Xunit'; XunitFilter = 'FullyQualifiedName~RunnerPlants.Failing' }
        @{ Name = 'Hang'; Suite = 'All'; PesterFilter = '^PlantedHang\.'; XunitFilter = 'FullyQualifiedName~RunnerPlants.Failing'
            Environment = @{ LEANLY_TEST_WORKER_TIMEOUT_SEC = 20 } }
        @{ Name = 'Crashing'; Suite = 'Xunit'; XunitFilter = 'FullyQualifiedName~RunnerPlants.Crashing|FullyQualifiedName~RunnerPlants.Passing' }
    )
    $helpers = Join-Path $PSScriptRoot 'TestHelpers.psm1'
    $script:runs = @{}
    $plantRuns | ForEach-Object -ThrottleLimit 7 -Parallel {
        Import-Module $using:helpers
        $plant = $_
        $pesterFilter = if ($plant.PesterFilter) { $plant.PesterFilter } else { '^$' }
        $xunitFilter = if ($plant.XunitFilter) { $plant.XunitFilter } else { 'FullyQualifiedName=None' }
        $results = Join-Path $using:copy "out/test-results-$($plant.Name)"
        $script = "& '$(Join-Path $using:copy 'build.ps1')' -Task Test -NoBuild -Configuration $using:configuration -Suite $($plant.Suite) -Filter '$pesterFilter' -XunitFilter '$xunitFilter'; exit `$LASTEXITCODE"
        $environment = @{ LEANLY_TEST_RESULTS = $results }
        if ($plant.Environment) { $environment += $plant.Environment }
        $result = Invoke-ChildPwsh -Script $script -TimeoutSec 300 -Environment $environment
        $lines = @($result.Output -split "`r?`n" | Where-Object { $_.Trim() })
        $total = if ($lines) { $lines[-1] } else { '' }
        $counts = if ($total -match '^Total: (\d+) passed, (\d+) failed, (\d+) skipped$') {
            @{ Passed = [int]$Matches[1]; Failed = [int]$Matches[2]; Skipped = [int]$Matches[3] }
        }
        [pscustomobject]@{ Name = $plant.Name; ExitCode = $result.ExitCode; Output = $result.Output + $result.Error; Total = $total; Counts = $counts; Results = $results }
    } | ForEach-Object { $runs[$_.Name] = $_ }

    # The lines build.ps1 lists under "Did not pass:".
    function script:Get-NotPassed([string] $Output) {
        $lines = $Output -split "`r?`n"
        $start = [array]::IndexOf($lines, ($lines | Where-Object { $_ -match '^Did not pass:' } | Select-Object -First 1))
        if ($start -lt 0) { return @() }
        @($lines | Select-Object -Skip ($start + 1) | Where-Object { $_ -match '^\s{2}\S' })
    }
}

AfterAll {
    if ($copy -and (Test-Path $copy)) { Remove-Item $copy -Recurse -Force -ErrorAction SilentlyContinue }
}

Describe 'build.ps1 -Task Test (runner self-test in a throw-away copy)' {
    It 'passes, counting 2 passed, when only the planted passing tests run' {
        $run = $runs.Pass
        $run.Total | Should -BeExactly 'Total: 2 passed, 0 failed, 0 skipped' -Because $run.Output
        $run.ExitCode | Should -Be 0
    }

    It 'fails on a Pester test whose message holds ESC and other control characters, and writes a valid report' {
        $run = $runs.Escape
        $run.ExitCode | Should -Not -Be 0
        $run.Counts.Failed | Should -Be 1 -Because $run.Output
        (Get-NotPassed $run.Output) -join "`n" | Should -Match 'Planted escape\.fails with control characters in its message'
        $report = [xml](Get-Content -Raw (Join-Path $run.Results 'pester-PlantedEscape.xml'))
        $case = $report.SelectSingleNode("//test-case[@result='Failure']")
        $case.description | Should -Be 'fails with control characters in its message'
        $case.failure.message | Should -Match 'coloured red, bell \\u0007'
    }

    It 'fails when one Pester worker fails and another dies while a third passes, counting all three in one closing line' {
        $run = $runs.Workers
        $run.ExitCode | Should -Not -Be 0
        $run.Counts.Passed | Should -Be 1 -Because $run.Output
        $run.Counts.Failed | Should -Be 2 -Because $run.Output
        $notPassed = (Get-NotPassed $run.Output) -join "`n"
        $notPassed | Should -Match 'Planted escape\.fails with control characters in its message'
        $notPassed | Should -Match 'worker PlantedCrash\.Tests\.ps1 (left no summary|did not finish)'
    }

    It 'fails when xunit beside Pester fails and a Pester worker hangs past its time limit, counting both in one closing line' {
        $run = $runs.Hang
        $run.ExitCode | Should -Not -Be 0
        $run.Counts.Failed | Should -Be 2 -Because $run.Output
        $notPassed = (Get-NotPassed $run.Output) -join "`n"
        $notPassed | Should -Match 'RunnerPlants\.Failing\.Fails'
        $notPassed | Should -Match 'worker PlantedHang\.Tests\.ps1 was still running after 20 s and was ended'
    }

    It 'fails on a test file that does not parse, naming the file' {
        $run = $runs.Unparsable
        $run.ExitCode | Should -Not -Be 0
        $run.Counts.Failed | Should -Be 1 -Because $run.Output
        (Get-NotPassed $run.Output) -join "`n" | Should -Match 'PlantedUnparsable\.Tests\.ps1'
    }

    It 'fails on a failing xunit test, naming it' {
        $run = $runs.Failing
        $run.ExitCode | Should -Not -Be 0
        $run.Counts.Failed | Should -Be 1 -Because $run.Output
        (Get-NotPassed $run.Output) -join "`n" | Should -Match 'RunnerPlants\.Failing\.Fails'
    }

    It 'fails when an xunit test kills its own test host, naming the test that did not finish' {
        $run = $runs.Crashing
        $run.ExitCode | Should -Not -Be 0
        $run.Counts | Should -Not -BeNullOrEmpty -Because $run.Output
        $run.Counts.Failed | Should -BeGreaterOrEqual 1
        (Get-NotPassed $run.Output) -join "`n" | Should -Match 'RunnerPlants\.Crashing\.KillsItsOwnProcess'
    }
}
