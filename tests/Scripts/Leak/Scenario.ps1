# The leak scenario: run by tests/Leak.Tests.ps1 in a child pwsh, with -Verbose and -Debug and a transcript,
# through every cmdlet, credential source, error path and returned object. It writes what it captured to the
# output folder named in the config file (read, then deleted at once: the secret is in no command line).

param([Parameter(Mandatory)] [string] $ConfigPath)
$ErrorActionPreference = 'Continue'
$config = Get-Content -Raw -LiteralPath $ConfigPath | ConvertFrom-Json
Remove-Item -LiteralPath $ConfigPath
$outDir = $config.OutputDir
Import-Module $config.ModulePath
Import-Module $config.HelpersPath
$server = [pscustomobject]@{ BaseUri = $config.BaseUri; TokenUri = "$($config.BaseUri)/token"; ApiUri = "$($config.BaseUri)/graphql" }
$secure = ConvertTo-SecureString $config.ClientSecret -AsPlainText -Force
$wrong = ConvertTo-SecureString $config.WrongSecret -AsPlainText -Force
$credential = [pscredential]::new($config.ClientId, $secure)
$endpoints = @{ TokenUri = $server.TokenUri; ApiUri = $server.ApiUri; RetryMaxWaitSec = 10 }
$common = @{ Verbose = $true; Debug = $true }
$VerbosePreference = 'Continue'
$DebugPreference = 'Continue'

$script:counts = [ordered]@{ Verbose = 0; Debug = 0; Warning = 0; Information = 0; Error = 0; Output = 0 }
$script:outputs = [System.Collections.Generic.List[object]]::new()
$script:steps = [System.Collections.Generic.List[string]]::new()
$script:plainTokenHashes = [System.Collections.Generic.List[string]]::new()
$streams = Join-Path $outDir 'streams.txt'

function Get-ErrorText([System.Management.Automation.ErrorRecord] $Record) {
    $text = [System.Text.StringBuilder]::new()
    [void]$text.AppendLine("FullyQualifiedErrorId: $($Record.FullyQualifiedErrorId)")
    [void]$text.AppendLine("ToString: $Record")
    [void]$text.AppendLine(($Record | Format-List * -Force | Out-String -Width 4096))
    if ($Record.ErrorDetails) {
        [void]$text.AppendLine("ErrorDetails.Message: $($Record.ErrorDetails.Message)")
        [void]$text.AppendLine("ErrorDetails.RecommendedAction: $($Record.ErrorDetails.RecommendedAction)")
    }
    if ($null -ne $Record.TargetObject) {
        [void]$text.AppendLine("TargetObject: $($Record.TargetObject)")
        [void]$text.AppendLine(($Record.TargetObject | Format-List * -Force | Out-String -Width 4096))
        [void]$text.AppendLine(($Record.TargetObject | ConvertTo-Json -Depth 4 -WarningAction Ignore))
    }
    $queue = [System.Collections.Generic.Queue[object]]::new()
    $queue.Enqueue($Record.Exception)
    $walked = 0
    while ($queue.Count -gt 0 -and $walked -lt 50) {
        $exception = $queue.Dequeue()
        if ($null -eq $exception) { continue }
        $walked++
        [void]$text.AppendLine("Exception #${walked}: $($exception.GetType().FullName)")
        [void]$text.AppendLine("Message: $($exception.Message)")
        [void]$text.AppendLine("ToString: $($exception.ToString())")
        [void]$text.AppendLine(($exception | Format-List * -Force | Out-String -Width 4096))
        foreach ($key in $exception.Data.Keys) { [void]$text.AppendLine("Data[$key]: $($exception.Data[$key])") }
        $queue.Enqueue($exception.InnerException)
        if ($exception -is [AggregateException]) { foreach ($inner in $exception.InnerExceptions) { $queue.Enqueue($inner) } }
    }
    $text.ToString()
}

function Write-Captured([string] $Step, $Item) {
    switch ($Item) {
        { $_ -is [System.Management.Automation.ErrorRecord] } {
            $script:counts.Error++
            Add-Content -LiteralPath $streams -Value "[$Step] ERROR`n$(Get-ErrorText $_)"
            break
        }
        { $_ -is [System.Management.Automation.VerboseRecord] } { $script:counts.Verbose++; Add-Content -LiteralPath $streams -Value "[$Step] VERBOSE: $($_.Message)"; break }
        { $_ -is [System.Management.Automation.DebugRecord] } { $script:counts.Debug++; Add-Content -LiteralPath $streams -Value "[$Step] DEBUG: $($_.Message)"; break }
        { $_ -is [System.Management.Automation.WarningRecord] } { $script:counts.Warning++; Add-Content -LiteralPath $streams -Value "[$Step] WARNING: $($_.Message)"; break }
        { $_ -is [System.Management.Automation.InformationRecord] } { $script:counts.Information++; Add-Content -LiteralPath $streams -Value "[$Step] INFORMATION: $($_.MessageData)"; break }
        default {
            $script:counts.Output++
            $name = 'output-{0:d3}' -f $script:counts.Output
            $_ | ConvertTo-Json -Depth 10 -WarningAction Ignore | Set-Content -LiteralPath (Join-Path $outDir "$name.json")
            $_ | Export-Clixml -LiteralPath (Join-Path $outDir "$name.clixml") -Depth 10
            $_ | Format-List * -Force | Out-String -Width 4096 | Set-Content -LiteralPath (Join-Path $outDir "$name.list.txt")
            Set-Content -LiteralPath (Join-Path $outDir "$name.tostring.txt") -Value "$_"
            $script:outputs.Add([pscustomobject]@{ Name = $name; Step = $Step; Type = $_.PSObject.TypeNames[0]; HoldsSecureString = [bool]($_.PSObject.Properties | Where-Object { $_.Value -is [securestring] }) })
        }
    }
    # Shown as a console would show it, so the transcript and the child's standard output hold it too.
    $Item | Out-Host
}

# Runs one command with every stream captured. -PlainToken marks the one call whose token output is intended.
function Step([string] $Name, [scriptblock] $Script, [switch] $PlainToken) {
    $script:steps.Add($Name)
    Write-Host "=== $Name"
    $captured = [System.Collections.Generic.List[object]]::new()
    try {
        & $Script *>&1 | ForEach-Object { $captured.Add($_) }
    }
    catch {
        $captured.Add($_)
    }
    foreach ($item in $captured) {
        if ($PlainToken -and $item.PSObject.TypeNames -contains 'Leanly.AccessToken' -and $item.Token -is [string]) {
            # Get-LeanlyAccessToken -AsPlainText outputs the token on purpose: this object alone is kept out of
            # every capture; only its hash is recorded, to check it was a token the server issued.
            $script:plainTokenHashes.Add([Convert]::ToHexString([System.Security.Cryptography.SHA256]::HashData([System.Text.Encoding]::UTF8.GetBytes($item.Token))))
            continue
        }
        Write-Captured $Name $item
    }
}

function Set-Fault([string] $Endpoint, [string] $Kind, [int] $Count = 1, [hashtable] $Options = @{}) {
    Add-LeanlyTestServerFault -Server $server -Endpoint $Endpoint -Kind $Kind -Count $Count -Options $Options
}

$queryFile = Join-Path $outDir 'items.graphql'
Set-Content -LiteralPath $queryFile -Value 'query($n: Int) { items(first: $n, total: 25) { nodes { id name } } }'

Start-Transcript -LiteralPath (Join-Path $outDir 'transcript.txt') -IncludeInvocationHeader | Out-Null

Step 'Get-LeanlyConnection, not connected' { Get-LeanlyConnection @common }
Step 'Invoke-LeanlyQuery, not connected' { Invoke-LeanlyQuery '{ viewer { clientId } }' @common }
Step 'Update-LeanlyToken, not connected' { Update-LeanlyToken @common }
Step 'Get-LeanlyAccessToken, not connected' { Get-LeanlyAccessToken @common }
Step 'Disconnect-Leanly, not connected' { Disconnect-Leanly @common }
Step 'Connect-Leanly without credentials in a non-interactive session' { Connect-Leanly @endpoints @common }

Step 'Connect-Leanly -ClientSecret, wrong secret' { Connect-Leanly -ClientId $config.ClientId -ClientSecret $wrong @endpoints @common }
Step 'Connect-Leanly -Credential -ClientAuthentication Basic, wrong secret' { Connect-Leanly -Credential ([pscredential]::new($config.ClientId, $wrong)) -ClientAuthentication Basic @endpoints @common }

Step 'Connect-Leanly -ClientId -ClientSecret -PassThru' { Connect-Leanly -ClientId $config.ClientId -ClientSecret $secure -Scope read, write -PassThru @endpoints @common }
Step 'Get-LeanlyConnection' { Get-LeanlyConnection @common }
Step 'Invoke-LeanlyQuery' { Invoke-LeanlyQuery '{ viewer { clientId scopes } }' @common }
Step 'Invoke-LeanlyQuery -Raw' { Invoke-LeanlyQuery '{ viewer { clientId } echo(text: "raw") }' -Raw @common }
Step 'Invoke-LeanlyQuery -Variables -OperationName' { Invoke-LeanlyQuery 'query A($t: String!) { echo(text: $t) } query B { viewer { clientId } }' -Variables @{ t = 'ünï' } -OperationName A @common }
Step 'Invoke-LeanlyQuery -Path -Variables (object)' { Invoke-LeanlyQuery -Path $queryFile -Variables ([pscustomobject]@{ n = 3 }) @common }
Step 'Invoke-LeanlyQuery -All' { Invoke-LeanlyQuery -All 'query($after: String) { items(first: 10, after: $after, total: 25) { nodes { id name } pageInfo { hasNextPage endCursor } } }' @common }
Step 'Invoke-LeanlyQuery, GraphQL error beside data' { Invoke-LeanlyQuery '{ viewer { clientId } failing }' @common }
Step 'Invoke-LeanlyQuery, GraphQL validation error' { Invoke-LeanlyQuery '{ noSuchField }' @common }
Step 'Invoke-LeanlyQuery, invalid variables' { Invoke-LeanlyQuery 'query($t: String!) { echo(text: $t) }' -Variables @{ t = [System.IO.MemoryStream]::new() } @common }
Step 'Invoke-LeanlyQuery, mutation' { Invoke-LeanlyQuery 'mutation { increment(by: 2) }' @common }
Step 'Update-LeanlyToken' { Update-LeanlyToken @common }
Step 'Update-LeanlyToken -PassThru' { Update-LeanlyToken -PassThru @common }
Step 'Get-LeanlyAccessToken' { Get-LeanlyAccessToken @common }
Step 'Get-LeanlyAccessToken -AsPlainText' -PlainToken { Get-LeanlyAccessToken -AsPlainText @common }

Invoke-ServerControl -Server $server -Path revoke -Method Post -Body @{ access = $true } | Out-Null
Step 'Invoke-LeanlyQuery, access token revoked (401, refresh, replay)' { Invoke-LeanlyQuery '{ viewer { clientId } }' @common }
Invoke-ServerControl -Server $server -Path revoke -Method Post -Body @{ access = $true; refresh = $true } | Out-Null
Step 'Invoke-LeanlyQuery, access and refresh tokens revoked (fallback to client credentials)' { Invoke-LeanlyQuery '{ viewer { clientId } }' @common }
Invoke-ServerControl -Server $server -Path expire-refresh -Method Post | Out-Null
Step 'Update-LeanlyToken, refresh token expired (fallback)' { Update-LeanlyToken @common }
Invoke-ServerControl -Server $server -Path expire-access -Method Post | Out-Null
Step 'Invoke-LeanlyQuery, access token expired' { Invoke-LeanlyQuery '{ viewer { clientId } }' @common }
Set-LeanlyTestServer -Server $server -Settings @{ clients = @(@{ clientId = $config.ClientId; clientSecret = 'rotated-elsewhere'; scopes = @('read', 'write') }) }
Invoke-ServerControl -Server $server -Path revoke -Method Post -Body @{ refresh = $true } | Out-Null
Step 'Update-LeanlyToken, refresh refused and the secret rotated (fallback fails)' { Update-LeanlyToken @common }
Set-LeanlyTestServer -Server $server -Settings @{ clients = @(@{ clientId = $config.ClientId; clientSecret = $config.ClientSecret; scopes = @('read', 'write') }) }

Step 'Connect-Leanly -Credential' { Connect-Leanly -Credential $credential @endpoints @common }
Step 'Invoke-LeanlyQuery (Credential)' { Invoke-LeanlyQuery '{ viewer { clientId } }' @common }
Step 'Connect-Leanly -ClientAuthentication Basic -PassThru' { Connect-Leanly -Credential $credential -ClientAuthentication Basic -PassThru @endpoints @common }
Step 'Invoke-LeanlyQuery (Basic)' { Invoke-LeanlyQuery '{ viewer { clientId } }' @common }
Step 'Update-LeanlyToken (Basic)' { Update-LeanlyToken @common }

$env:LEANLY_CLIENT_ID = $config.ClientId
$env:LEANLY_CLIENT_SECRET = $config.ClientSecret
$env:LEANLY_TOKEN_URI = $server.TokenUri
$env:LEANLY_API_URI = $server.ApiUri
Step 'Connect-Leanly from environment variables' { Connect-Leanly -PassThru @common }
Step 'Invoke-LeanlyQuery (environment)' { Invoke-LeanlyQuery '{ viewer { clientId } }' @common }
$env:LEANLY_CLIENT_SECRET = $config.WrongSecret
Step 'Connect-Leanly from environment variables, wrong secret' { Connect-Leanly @common }
Remove-Item env:LEANLY_CLIENT_SECRET
Step 'Connect-Leanly from environment variables, secret missing' { Connect-Leanly @common }
Remove-Item env:LEANLY_CLIENT_ID, env:LEANLY_TOKEN_URI, env:LEANLY_API_URI

Set-Fault token status 2 @{ status = 503; retryAfter = '0' }
Step 'Connect-Leanly through two 503 answers (retries)' { Connect-Leanly -Credential $credential @endpoints @common }
Set-Fault token status 3 @{ status = 503 }
Step 'Connect-Leanly, 503 until the retries run out' { Connect-Leanly -Credential $credential -MaxRetries 1 @endpoints @common }
Set-Fault token html
Step 'Connect-Leanly, HTML answer' { Connect-Leanly -Credential $credential @endpoints @common }
Set-Fault token malformed
Step 'Connect-Leanly, malformed JSON' { Connect-Leanly -Credential $credential @endpoints @common }
Set-Fault token truncated
Step 'Connect-Leanly, truncated token answer' { Connect-Leanly -Credential $credential @endpoints @common }
Set-Fault token redirect 1 @{ status = 307; location = 'https://evil.example/steal?client_secret=x' }
Step 'Connect-Leanly, redirect' { Connect-Leanly -Credential $credential @endpoints @common }
Set-Fault token hang 1 @{ delayMs = 3000 }
Step 'Connect-Leanly, hang with -TimeoutSec 1' { Connect-Leanly -Credential $credential -TimeoutSec 1 -MaxRetries 0 @endpoints @common }

# A token endpoint, or a gateway in front of it, that echoes what it was sent: the secret has no shape a
# pattern could recognise, so only knowing it can mask it.
$plainSecret = $config.ClientSecret
$basicPair = [Convert]::ToBase64String([System.Text.Encoding]::UTF8.GetBytes([uri]::EscapeDataString($config.ClientId) + ':' + [uri]::EscapeDataString($plainSecret)))
Set-Fault token body 1 @{ status = 400; contentType = 'application/json'; body = (@{ error = 'invalid_client'; error_description = "client_secret '$plainSecret' is not valid" } | ConvertTo-Json -Compress) }
Step 'Connect-Leanly, the token endpoint echoes the secret in error_description' { Connect-Leanly -Credential $credential @endpoints @common }
Set-Fault token body 1 @{ status = 500; contentType = 'text/plain'; body = "received client_id=x&client_secret=$([uri]::EscapeDataString($plainSecret)); raw: $plainSecret" }
Step 'Connect-Leanly, the token endpoint echoes the request body in a 500' { Connect-Leanly -Credential $credential -MaxRetries 0 @endpoints @common }
Set-Fault token body 1 @{ status = 400; contentType = 'text/html'; body = "<html><body><p>Rejected secret $([System.Net.WebUtility]::HtmlEncode($plainSecret))</p></body></html>" }
Step 'Connect-Leanly, an HTML error page echoes the secret HTML-escaped' { Connect-Leanly -Credential $credential @endpoints @common }
Set-Fault token body 1 @{ status = 200; contentType = 'application/json'; body = '{"echo": ' + (ConvertTo-Json $plainSecret -EscapeHandling EscapeHtml) + ', "access_token": ' }
Step 'Connect-Leanly, a broken JSON answer echoes the secret JSON-escaped' { Connect-Leanly -Credential $credential @endpoints @common }
Set-Fault token body 1 @{ status = 401; contentType = 'application/json'; body = (@{ error = 'invalid_client'; error_description = "bad credentials $basicPair" } | ConvertTo-Json -Compress) }
Step 'Connect-Leanly -ClientAuthentication Basic, the token endpoint echoes the Basic credentials' { Connect-Leanly -Credential $credential -ClientAuthentication Basic @endpoints @common }
$plainSecret = $null
$basicPair = $null

Step 'Connect-Leanly, for the GraphQL faults' { Connect-Leanly -Credential $credential @endpoints @common }
Set-Fault graphql status 1 @{ status = 503; retryAfter = '0' }
Step 'Invoke-LeanlyQuery through a 503 answer (retry)' { Invoke-LeanlyQuery '{ viewer { clientId } }' @common }
Set-Fault graphql html
Step 'Invoke-LeanlyQuery, HTML answer' { Invoke-LeanlyQuery '{ viewer { clientId } }' @common }
Set-Fault graphql malformed
Step 'Invoke-LeanlyQuery, malformed JSON' { Invoke-LeanlyQuery '{ viewer { clientId } }' @common }
Set-Fault graphql body 1 @{ status = 500; contentType = 'text/plain'; body = 'Internal oops' }
Step 'Invoke-LeanlyQuery, HTTP 500' { Invoke-LeanlyQuery '{ viewer { clientId } }' @common }
Set-Fault graphql redirect 1 @{ status = 308; location = 'https://evil.example/graphql' }
Step 'Invoke-LeanlyQuery, redirect' { Invoke-LeanlyQuery '{ viewer { clientId } }' @common }
Set-Fault graphql status 2 @{ status = 401 }
Step 'Invoke-LeanlyQuery, 401 even after renewal' { Invoke-LeanlyQuery '{ viewer { clientId } }' @common }

# The GraphQL endpoint echoing the bearer token it was sent (read from the server, never output).
$echoed = (Invoke-ServerControl -Server $server -Path tokens).accessTokens[-1]
Set-Fault graphql body 1 @{ status = 500; contentType = 'text/plain'; body = "invalid bearer $echoed" }
Step 'Invoke-LeanlyQuery, the GraphQL endpoint echoes the token in a 500' { Invoke-LeanlyQuery '{ viewer { clientId } }' @common }
Set-Fault graphql body 1 @{ status = 200; contentType = 'application/json'; body = (@{ errors = @(@{ message = "token $echoed is not allowed here"; extensions = @{ token = $echoed } }) } | ConvertTo-Json -Compress -Depth 5) }
Step 'Invoke-LeanlyQuery, a GraphQL error echoes the token' { Invoke-LeanlyQuery '{ viewer { clientId } }' @common }
$echoed = $null
Step 'Connect-Leanly -TimeoutSec 1' { Connect-Leanly -Credential $credential -TimeoutSec 1 @endpoints @common }
Set-Fault graphql hang 1 @{ delayMs = 3000 }
Step 'Invoke-LeanlyQuery, hang with -TimeoutSec 1' { Invoke-LeanlyQuery '{ viewer { clientId } }' @common }

Step 'Connect-Leanly -PassThru, the connection to disconnect' { $script:kept = Connect-Leanly -Credential $credential -PassThru @endpoints @common; $script:kept }
Step 'Disconnect-Leanly' { Disconnect-Leanly @common }
Step 'Get-LeanlyConnection after Disconnect-Leanly' { Get-LeanlyConnection @common }
Step 'the disconnected connection object' { $script:kept }
Step 'Invoke-LeanlyQuery -Connection, disconnected' { Invoke-LeanlyQuery '{ viewer { clientId } }' -Connection $script:kept @common }
Step 'Update-LeanlyToken -Connection, disconnected' { Update-LeanlyToken -Connection $script:kept @common }
Step 'Get-LeanlyAccessToken -Connection, disconnected' { Get-LeanlyAccessToken -Connection $script:kept @common }
Step 'Get-LeanlyAccessToken -AsPlainText, disconnected' -PlainToken { $script:kept | Get-LeanlyAccessToken -AsPlainText @common }
Step 'Disconnect-Leanly -Connection, disconnected' { Disconnect-Leanly -Connection $script:kept @common }

Stop-Transcript | Out-Null

$index = 0
foreach ($record in $Error) {
    $index++
    Set-Content -LiteralPath (Join-Path $outDir ('error-{0:d3}.txt' -f $index)) -Value (Get-ErrorText $record)
}
$Error | Export-Clixml -LiteralPath (Join-Path $outDir 'errors.clixml') -Depth 3
$Error | Get-Error | Out-String -Width 4096 | Set-Content -LiteralPath (Join-Path $outDir 'get-error.txt')

[ordered]@{
    Counts           = $script:counts
    Steps            = $script:steps
    Outputs          = $script:outputs
    ErrorIds         = @($Error | ForEach-Object FullyQualifiedErrorId)
    PlainTokenHashes = $script:plainTokenHashes
} | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath (Join-Path $outDir 'manifest.json')
