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

function Get-TestServerDll {
    $configuration = if ($env:LEANLY_TEST_CONFIGURATION) { $env:LEANLY_TEST_CONFIGURATION } else { 'Release' }
    $dll = Join-Path $script:Root "tests/Leanly.TestServer/bin/$configuration/net10.0/Leanly.TestServer.dll"
    if (-not (Test-Path $dll)) { throw "The test server is not built: $dll" }
    $dll
}

# Makes this run's throw-away CA and server certificates in a new temp folder, once, and puts it in the environment:
# LEANLY_TEST_TLS_DIR for the servers, SSL_CERT_FILE so that processes started from here on trust the CA the way
# a user's machine trusts a root certificate. .NET on Linux reads SSL_CERT_FILE when a process starts (OpenSSL's
# getenv), so this must run before the pwsh that connects is started; build.ps1 calls it before the Pester run.
# SSL_CERT_FILE replaces only OpenSSL's bundle file: the system's hashed certificate folder stays trusted.
# A run inside a run (the runner self-test) finds the outer run's folder and uses it: Remove-LeanlyTestTls removes only
# what the same call made, and gives the environment back as it was.
function Initialize-LeanlyTestTls {
    $made = [pscustomobject]@{ Folder = $env:LEANLY_TEST_TLS_DIR; Owned = $false; EarlierCertFile = $env:SSL_CERT_FILE }
    if ($made.Folder -and (Test-Path (Join-Path $made.Folder 'ca.pem'))) { return $made }
    $folder = Join-Path ([IO.Path]::GetTempPath()) ('leanly-tls-' + [guid]::NewGuid().ToString('n'))
    $output = & dotnet (Get-TestServerDll) --make-certificates $folder
    if ($LASTEXITCODE -ne 0) { throw "The test certificates could not be made: $output" }
    $made.Folder = $folder
    $made.Owned = $true
    # Lets the test server (only it) offer TLS 1.0/1.1 on its tlsOld listener; OpenSSL's default security level forbids them.
    Set-Content -Path (Join-Path $folder 'legacy-openssl.cnf') -Encoding ascii -Value @(
        'openssl_conf = openssl_init', '[openssl_init]', 'ssl_conf = ssl_sect', '[ssl_sect]', 'system_default = system_default_sect',
        '[system_default_sect]', 'MinProtocol = TLSv1', 'CipherString = DEFAULT@SECLEVEL=0')
    $env:LEANLY_TEST_TLS_DIR = $folder
    if ($IsLinux) {
        $bundle = Join-Path $folder 'trusted.pem'
        # A bundle someone already trusts through SSL_CERT_FILE (a corporate CA) stays trusted next to the test CA.
        $earlier = if ($env:SSL_CERT_FILE -and (Test-Path $env:SSL_CERT_FILE)) { Get-Content -Raw $env:SSL_CERT_FILE } else { '' }
        Set-Content -Path $bundle -Value ($earlier + "`n" + (Get-Content -Raw (Join-Path $folder 'ca.pem'))) -NoNewline
        $env:SSL_CERT_FILE = $bundle
    }
    $made
}

function Remove-LeanlyTestTls {
    param([Parameter(Mandatory)] $Tls)
    if (-not $Tls.Owned) { return }
    if (Test-Path $Tls.Folder) { Remove-Item $Tls.Folder -Recurse -Force }
    Remove-Item env:LEANLY_TEST_TLS_DIR -ErrorAction SilentlyContinue
    if ($Tls.EarlierCertFile) { $env:SSL_CERT_FILE = $Tls.EarlierCertFile } else { Remove-Item env:SSL_CERT_FILE -ErrorAction SilentlyContinue }
}

# -Transport https points TokenUri/ApiUri at the HTTPS listener (HTTP/1.1 and HTTP/2); BaseUri (control) stays plain http.
# Hostile is the hand-written HTTP/1.1 listener of broken answers (HostileListener.cs).
# Https lists every HTTPS listener by name (https, httpsHttp1, otherHost, expired, untrusted, tlsOld); ProxyUri is the CONNECT proxy;
# Far has the plain and HTTPS listeners again behind relays a settable round trip away (Set-LeanlyTestRoundTrip).
function Start-LeanlyTestServer {
    param([string[]] $Arguments = @(), [ValidateSet('http', 'https')] [string] $Transport = 'http')
    $info = [Diagnostics.ProcessStartInfo]::new('dotnet')
    $info.ArgumentList.Add((Get-TestServerDll))
    foreach ($a in $Arguments) { $info.ArgumentList.Add($a) }
    $tls = $env:LEANLY_TEST_TLS_DIR
    if ($tls) {
        $info.ArgumentList.Add('--tls-dir'); $info.ArgumentList.Add($tls)
        $info.Environment['OPENSSL_CONF'] = Join-Path $tls 'legacy-openssl.cnf'
    }
    elseif ($Transport -eq 'https') {
        throw 'HTTPS tests need the test CA: run them through build.ps1 -Task Test (it calls Initialize-LeanlyTestTls before starting Pester).'
    }
    $info.RedirectStandardOutput = $true
    $info.UseShellExecute = $false
    $process = [Diagnostics.Process]::Start($info)
    $lines = foreach ($n in 1, 2) {
        $read = $process.StandardOutput.ReadLineAsync()
        if (-not $read.Wait([TimeSpan]::FromSeconds(60)) -or -not $read.Result) {
            Stop-Process -Id $process.Id -Force -ErrorAction SilentlyContinue
            throw 'The local Leanly server did not print its addresses within 60 s.'
        }
        $read.Result.Trim()
    }
    $base = $lines[0].TrimEnd('/')
    $addresses = $lines[1] | ConvertFrom-Json -AsHashtable
    $endpoint = if ($Transport -eq 'https') { $addresses.https } else { $base }
    [pscustomobject]@{
        Process   = $process
        Transport = $Transport
        BaseUri   = $base
        TokenUri  = "$endpoint/token"
        ApiUri    = "$endpoint/graphql"
        Https     = $addresses
        ProxyUri  = $addresses.proxy
        Hostile   = $addresses.hostile
        Far       = [pscustomobject]@{ http = $addresses['httpFar']; https = $addresses['httpsFar'] }
    }
}

# The setup every flow suite shares: the module and a server for the transport the container runs with.
function Initialize-LeanlyTestFile {
    param([ValidateSet('http', 'https')] [string] $Transport = 'http', [string[]] $Arguments = @())
    Import-Module $env:LEANLY_TEST_MODULE -Force -Global
    $server = Start-LeanlyTestServer -Transport $Transport -Arguments $Arguments
    [pscustomobject]@{ Server = $server; Client = Get-TestClient }
}

# Ends a flow suite (tests/Scripts/Open-FlowSuite.ps1 began it): no connection left behind, its server stopped.
function Close-LeanlyTestFile {
    param($Server)
    Disconnect-Leanly
    Stop-LeanlyTestServer $Server
}

# A test's fresh start: no connection in this runspace, and the server's counters, faults and settings as new.
function Reset-LeanlyTestFile {
    param($Server)
    Disconnect-Leanly
    Reset-LeanlyTestServer $Server
}

# A child pwsh environment with the test client's credentials and $Server's endpoints. Proxy variables are matched
# case-sensitively on Linux: every spelling is cleared, then $Set adds the ones a test needs.
function New-LeanlyProxyEnvironment {
    param([Parameter(Mandatory)] $Server, [hashtable] $Set = @{})
    $client = Get-TestClient
    $environment = [hashtable]::new([StringComparer]::Ordinal)
    foreach ($name in 'http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY', 'no_proxy', 'NO_PROXY') {
        $environment[$name] = $null
    }
    $environment.LEANLY_CLIENT_ID = $client.ClientId
    $environment.LEANLY_CLIENT_SECRET = $client.ClientSecret
    $environment.LEANLY_TOKEN_URI = $Server.TokenUri
    $environment.LEANLY_API_URI = $Server.ApiUri
    $environment.NO_COLOR = '1'
    foreach ($key in $Set.Keys) { $environment[$key] = $Set[$key] }
    $environment
}

# Connections, TLS handshakes and requests per protocol, per listener; and the CONNECT proxy's counts.
function Get-LeanlyTestNetworkStats { param($Server) Invoke-ServerControl -Server $Server -Path network }

# Every byte the CONNECT proxy relayed since the last reset, as one Latin-1 string (byte for byte) to scan.
function Get-LeanlyTestProxyRelayed {
    param($Server)
    $bytes = [Convert]::FromBase64String((Invoke-ServerControl -Server $Server -Path network/relayed).bytes)
    [Text.Encoding]::Latin1.GetString($bytes)
}

# 'user:password' the CONNECT proxy demands (407 otherwise); $null lets everyone through.
function Set-LeanlyTestProxyCredential {
    param($Server, [AllowNull()] $Credential)   # untyped: a [string] parameter would turn $null into an empty string
    Invoke-ServerControl -Server $Server -Path network -Method Post -Body @{ proxyCredential = $Credential } | Out-Null
}

# Puts the Far listeners $Milliseconds of network round trip away: each byte arrives half of it later, and a new
# connection waits one more round trip (its TCP handshake). 0 relays at once; a reset of the server sets 0.
function Set-LeanlyTestRoundTrip {
    param($Server, [ValidateRange(0, 60000)] [int] $Milliseconds)
    Invoke-ServerControl -Server $Server -Path network -Method Post -Body @{ roundTripMs = $Milliseconds } | Out-Null
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
        [string[]] $Pwsh = (Get-PwshCommand),
        # Typed into the child's standard input (answers to prompts, with -Interactive), which is then closed.
        [string] $StandardInput
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
    if ($StandardInput) { $process.StandardInput.Write($StandardInput) }
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
