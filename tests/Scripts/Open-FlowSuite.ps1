# Dot-sourced by the BeforeAll of each flow suite, which tests/Invoke-PesterRun.ps1 runs once over loopback http and once
# over HTTPS ($Transport): imports the module and the test helpers, and starts the suite's own server as $server, with
# the test client as $client. The suite's AfterAll calls Close-LeanlyTestFile $server.
Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
$script:setup = Initialize-LeanlyTestFile -Transport $Transport
$script:server = $setup.Server
$script:client = $setup.Client
