# Shared by the Pester files: start and steer the local Leanly-compatible server, run child pwsh processes.
Set-StrictMode -Version 3.0

$script:Root = Split-Path $PSScriptRoot -Parent
$script:DefaultClientId = 'leanly-demo'
$script:DefaultClientSecret = 'demo-secret-!&=+ü'

function Get-TestClient {
    [pscustomobject]@{
        ClientId     = $script:DefaultClientId
        ClientSecret = $script:DefaultClientSecret
        SecureSecret = ConvertTo-SecureString $script:DefaultClientSecret -AsPlainText -Force
        Credential   = [pscredential]::new($script:DefaultClientId, (ConvertTo-SecureString $script:DefaultClientSecret -AsPlainText -Force))
    }
}

function Get-PwshCommand {
    $process = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') {
        return @($process, (Join-Path $PSHOME 'pwsh.dll'))
    }
    return @($process)
}

function Start-LeanlyTestServer {
    param([string[]] $Arguments = @())
    $configuration = if ($env:LEANLY_TEST_CONFIGURATION) { $env:LEANLY_TEST_CONFIGURATION } else { 'Release' }
    $dll = Join-Path $script:Root "tests/Leanly.TestServer/bin/$configuration/net10.0/Leanly.TestServer.dll"
    if (-not (Test-Path $dll)) { throw "The test server is not built: $dll" }
    $info = [Diagnostics.ProcessStartInfo]::new('dotnet')
    $info.ArgumentList.Add($dll)
    foreach ($a in $Arguments) { $info.ArgumentList.Add($a) }
    $info.RedirectStandardOutput = $true
    $info.UseShellExecute = $false
    $process = [Diagnostics.Process]::Start($info)
    $read = $process.StandardOutput.ReadLineAsync()
    if (-not $read.Wait([TimeSpan]::FromSeconds(60)) -or -not $read.Result) {
        Stop-Process -Id $process.Id -Force -ErrorAction SilentlyContinue
        throw 'The local Leanly server did not print its address within 60 s.'
    }
    $base = $read.Result.Trim().TrimEnd('/')
    [pscustomobject]@{
        Process  = $process
        BaseUri  = $base
        TokenUri = "$base/token"
        ApiUri   = "$base/graphql"
    }
}

function Stop-LeanlyTestServer {
    param($Server)
    if ($Server -and $Server.Process -and -not $Server.Process.HasExited) {
        Stop-Process -Id $Server.Process.Id -Force -ErrorAction SilentlyContinue
        $Server.Process.WaitForExit(10000) | Out-Null
    }
}

function Invoke-ServerControl {
    param(
        [Parameter(Mandatory)] $Server,
        [Parameter(Mandatory)] [string] $Path,
        [string] $Method = 'Get',
        $Body
    )
    $parameters = @{ Uri = "$($Server.BaseUri)/control/$Path"; Method = $Method; NoProxy = $true }
    if ($null -ne $Body) {
        $parameters.Body = ($Body | ConvertTo-Json -Depth 10 -Compress)
        $parameters.ContentType = 'application/json'
    }
    Invoke-RestMethod @parameters
}

function Reset-LeanlyTestServer { param($Server) Invoke-ServerControl -Server $Server -Path reset -Method Post | Out-Null }

function Get-LeanlyTestServerStats { param($Server) Invoke-ServerControl -Server $Server -Path stats }

function Set-LeanlyTestServer {
    param($Server, [hashtable] $Settings)
    Invoke-ServerControl -Server $Server -Path settings -Method Post -Body $Settings | Out-Null
}

function Add-LeanlyTestServerFault {
    param($Server, [ValidateSet('token', 'graphql')] [string] $Endpoint, [string] $Kind, [int] $Count = 1, [hashtable] $Options = @{})
    $body = @{ endpoint = $Endpoint; kind = $Kind; count = $Count } + $Options
    Invoke-ServerControl -Server $Server -Path faults -Method Post -Body $body | Out-Null
}

function Connect-TestLeanly {
    param($Server, [switch] $PassThru, [hashtable] $Extra = @{})
    $client = Get-TestClient
    $parameters = @{ Credential = $client.Credential; TokenUri = $Server.TokenUri; ApiUri = $Server.ApiUri }
    if ($PassThru) { $parameters.PassThru = $true }
    foreach ($key in $Extra.Keys) { $parameters[$key] = $Extra[$key] }
    Connect-Leanly @parameters
}

# Runs a script in a child pwsh (-NoProfile -NonInteractive) and returns its exit code and output.
function Invoke-ChildPwsh {
    param(
        [Parameter(Mandatory)] [string] $Script,
        [hashtable] $Environment = @{},
        [int] $TimeoutSec = 120,
        [switch] $Interactive,
        # Another PowerShell to run (its command line, as Get-PwshCommand gives it); this process's own by default.
        [string[]] $Pwsh = (Get-PwshCommand)
    )
    $pwsh = $Pwsh
    $info = [Diagnostics.ProcessStartInfo]::new($pwsh[0])
    foreach ($a in ($pwsh | Select-Object -Skip 1)) { $info.ArgumentList.Add($a) }
    $info.ArgumentList.Add('-NoProfile')
    if (-not $Interactive) { $info.ArgumentList.Add('-NonInteractive') }
    $info.ArgumentList.Add('-Command')
    $info.ArgumentList.Add($Script)
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.RedirectStandardInput = $true
    $info.UseShellExecute = $false
    # Plain text: ANSI colour in a child's error output would end up in failure messages (and test reports).
    $info.Environment['NO_COLOR'] = '1'
    foreach ($key in $Environment.Keys) {
        if ($null -eq $Environment[$key]) { $info.Environment.Remove($key) | Out-Null } else { $info.Environment[$key] = [string]$Environment[$key] }
    }
    $stopwatch = [Diagnostics.Stopwatch]::StartNew()
    $process = [Diagnostics.Process]::Start($info)
    $process.StandardInput.Close()
    $stdout = $process.StandardOutput.ReadToEndAsync()
    $stderr = $process.StandardError.ReadToEndAsync()
    if (-not $process.WaitForExit($TimeoutSec * 1000)) {
        Stop-Process -Id $process.Id -Force -ErrorAction SilentlyContinue
        throw "The child pwsh did not finish within $TimeoutSec s."
    }
    $process.WaitForExit()
    [pscustomobject]@{
        ExitCode = $process.ExitCode
        Output   = $stdout.Result
        Error    = $stderr.Result
        Seconds  = $stopwatch.Elapsed.TotalSeconds
    }
}

# The last JSON line a child pwsh (Invoke-ChildPwsh) printed.
function Read-ChildJson($Result) {
    $line = $Result.Output -split "`r?`n" | Where-Object { $_ -like '{*' } | Select-Object -Last 1
    if (-not $line) { throw "The child pwsh printed no JSON (exit $($Result.ExitCode)). stdout: $($Result.Output) stderr: $($Result.Error)" }
    $line | ConvertFrom-Json
}

# A throw-away copy of the repository for the runner self-test: sources only (no .git, bin, obj, out, TestResults),
# plus the already built module from ModulePath (a Leanly.psd1) as out/Leanly.
function Copy-RepositoryForSelfTest {
    param([Parameter(Mandatory)] [string] $Destination, [Parameter(Mandatory)] [string] $ModulePath)
    $skip = '.git', 'bin', 'obj', 'out', 'TestResults'
    $pending = [Collections.Generic.Queue[string]]::new()
    $pending.Enqueue($script:Root)
    while ($pending.Count) {
        $folder = $pending.Dequeue()
        $target = Join-Path $Destination ([IO.Path]::GetRelativePath($script:Root, $folder))
        New-Item -ItemType Directory -Force -Path $target | Out-Null
        foreach ($item in Get-ChildItem -LiteralPath $folder -Force) {
            if ($item.Name -in $skip) { continue }
            if ($item.PSIsContainer) { $pending.Enqueue($item.FullName) } else { Copy-Item -LiteralPath $item.FullName -Destination $target }
        }
    }
    Copy-Item -Path (Split-Path $ModulePath -Parent) -Destination (Join-Path $Destination 'out/Leanly') -Recurse
}

Export-ModuleMember -Function *
