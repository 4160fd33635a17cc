# The proof that no secret or token leaks: every cmdlet and parameter set, happy and failing paths, runs with
# -Verbose -Debug inside Start-Transcript in a child pwsh; everything it shows, returns or records is then searched
# for the client secret and every token the server issued, in every encoding they could take.

BeforeAll {
    Import-Module $env:LEANLY_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force

    $script:clientId = 'leak-probe-client'
    # Reserved characters make the URL-, form-, JSON- and XML-encoded forms differ from the clear text.
    $script:clientSecret = 'Qx7:Lm+W4&zR=9%Tb/ü"''Kd2?Np#Vh5-Gs8'
    $script:wrongSecret = 'Wv3+Jc&8=Yq%ö:Ft"''6Hn/Rb1-Zx4'

    function script:ConvertTo-Base64([byte[]] $Bytes) { [Convert]::ToBase64String($Bytes) }

    # Base64 of $Value as it would look inside a longer Base64 text that starts $Offset bytes before it:
    # only the characters that depend on $Value's bytes alone.
    function script:Get-EmbeddedBase64([string] $Value, [int] $Offset) {
        $bytes = [byte[]]::new($Offset) + [Text.Encoding]::UTF8.GetBytes($Value)
        $encoded = ConvertTo-Base64 $bytes
        $skip = @(0, 2, 3)[$Offset]
        $stable = [Math]::Floor($bytes.Length / 3) * 4
        $encoded.Substring($skip, $stable - $skip)
    }

    # Every form in which a secret could show: clear, encoded, escaped, and long fragments of it.
    function script:Get-SecretForms([string] $Kind, [string] $Value, [int] $FragmentLength, [string] $BasicUser) {
        $utf8 = [Text.Encoding]::UTF8.GetBytes($Value)
        $forms = [ordered]@{
            'clear'                           = $Value
            'URL-encoded'                     = [uri]::EscapeDataString($Value)
            'form-encoded'                    = [Net.WebUtility]::UrlEncode($Value)
            'Base64'                          = ConvertTo-Base64 $utf8
            'Base64url'                       = (ConvertTo-Base64 $utf8).TrimEnd('=').Replace('+', '-').Replace('/', '_')
            'Base64 inside Base64 (offset 0)' = Get-EmbeddedBase64 $Value 0
            'Base64 inside Base64 (offset 1)' = Get-EmbeddedBase64 $Value 1
            'Base64 inside Base64 (offset 2)' = Get-EmbeddedBase64 $Value 2
            'JSON-escaped'                    = (ConvertTo-Json $Value -Compress).Trim('"')
            'JSON-escaped (HTML-safe)'        = (ConvertTo-Json $Value -Compress -EscapeHandling EscapeHtml).Trim('"')
            'JSON-escaped (ASCII only)'       = (ConvertTo-Json $Value -Compress -EscapeHandling EscapeNonAscii).Trim('"')
            'JSON-escaped (System.Text.Json)' = [System.Text.Encodings.Web.JavaScriptEncoder]::Default.Encode($Value)
            'XML-escaped'                     = $Value.Replace('&', '&amp;').Replace('<', '&lt;').Replace('>', '&gt;')
            'XML-escaped (attribute)'         = [Security.SecurityElement]::Escape($Value)
            'HTML-encoded'                    = [Net.WebUtility]::HtmlEncode($Value)
            # What Export-Clixml writes for a SecureString where there is no DPAPI (Linux, macOS).
            'UTF-16 hex'                      = [Convert]::ToHexString([Text.Encoding]::Unicode.GetBytes($Value))
        }
        if ($BasicUser) {
            $pair = [uri]::EscapeDataString($BasicUser) + ':' + [uri]::EscapeDataString($Value)
            $forms['HTTP Basic credentials'] = ConvertTo-Base64 ([Text.Encoding]::UTF8.GetBytes($pair))
        }
        for ($start = 0; $FragmentLength -gt 0 -and $start + $FragmentLength -le $Value.Length; $start++) {
            $forms["characters $($start + 1)-$($start + $FragmentLength)"] = $Value.Substring($start, $FragmentLength)
        }
        $seen = [Collections.Generic.HashSet[string]]::new([StringComparer]::OrdinalIgnoreCase)
        foreach ($name in $forms.Keys) {
            if ($forms[$name].Length -ge 8 -and $seen.Add($forms[$name])) {
                [pscustomobject]@{ Kind = $Kind; Form = $name; Text = $forms[$name] }
            }
        }
    }

    # Sources are (Name, Text) pairs. Each is searched as written and with wrapped lines joined again, since
    # Format-List and the console wrap long values across lines. Forms in the token alphabet are matched by any
    # 16-character stretch of them (a cut-off token counts too); the others must appear whole.
    function script:Find-Leaks($Sources, $Forms) {
        $window = 16
        $windows = [Collections.Generic.Dictionary[string, object]]::new([StringComparer]::OrdinalIgnoreCase)
        $exact = [Collections.Generic.List[object]]::new()
        foreach ($form in $Forms) {
            if ($form.Text.Length -ge $window -and $form.Text -cmatch '^[A-Za-z0-9+/=_-]+$' -and $form.Form -ne 'UTF-16 hex') {
                for ($i = 0; $i + $window -le $form.Text.Length; $i++) {
                    $key = $form.Text.Substring($i, $window)
                    if (-not $windows.ContainsKey($key)) { $windows[$key] = $form }
                }
            }
            else {
                $exact.Add($form)
            }
        }
        $found = [ordered]@{}
        $addHit = {
            param($Form, $Variant, [int] $Offset, [bool] $Whole)
            $key = "$($Form.Kind)|$($Form.Form)|$($Variant.Base)"
            if (-not $found.Contains($key)) {
                $found[$key] = [pscustomobject]@{
                    Kind   = $Form.Kind
                    Form   = if ($Whole) { $Form.Form } else { "$($Form.Form), 16+ characters of it" }
                    Source = $Variant.Name
                    Line   = 1 + [regex]::Matches($Variant.Text.Substring(0, $Offset), "`n").Count
                    Offset = $Offset
                }
            }
        }
        foreach ($source in $Sources) {
            $text = [string]$source.Text
            foreach ($variant in @(
                    @{ Base = $source.Name; Name = $source.Name; Text = $text }
                    @{ Base = $source.Name; Name = "$($source.Name) (wrapped lines joined)"; Text = [regex]::Replace($text, '\r?\n[ \t]*', '') }
                )) {
                foreach ($form in $exact) {
                    $at = $variant.Text.IndexOf($form.Text, [StringComparison]::OrdinalIgnoreCase)
                    if ($at -ge 0) { & $addHit $form $variant $at $true }
                }
                foreach ($run in [regex]::Matches($variant.Text, '[A-Za-z0-9+/=_-]{16,}')) {
                    for ($i = 0; $i + $window -le $run.Length; $i++) {
                        $form = $null
                        if ($windows.TryGetValue($run.Value.Substring($i, $window), [ref] $form)) {
                            & $addHit $form $variant ($run.Index + $i) ($run.Value.IndexOf($form.Text, [StringComparison]::OrdinalIgnoreCase) -ge 0)
                        }
                    }
                }
            }
        }
        $found.Values
    }

    # One line per secret, form and place; fragment hits are left out where the whole form was found in the same place.
    function script:Format-Hits($Hits) {
        $whole = @($Hits | Where-Object Form -NotLike 'characters *' | ForEach-Object { "$($_.Kind)|$($_.Source)" })
        $lines = @($Hits | Where-Object { $_.Form -notlike 'characters *' -or "$($_.Kind)|$($_.Source)" -notin $whole } |
                ForEach-Object { "$($_.Kind) [$($_.Form)] in $($_.Source), line $($_.Line), offset $($_.Offset)" })
        if ($lines.Count -gt 60) { $lines = $lines[0..59] + "... and $($lines.Count - 60) more" }
        $lines -join "`n"
    }

    function script:Get-Sha256([string] $Text) {
        [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes($Text)))
    }
}

Describe 'The leak search itself' {
    It 'finds a planted <Kind> in every form, also cut short or across a wrapped line, and nothing in clean text' -ForEach @(
        @{ Kind = 'token'; Value = 'PLANTED-' + [Convert]::ToBase64String([byte[]](1..30)).Replace('+', '-').Replace('/', '_'); Fragment = 0; MinForms = 6 }
        @{ Kind = 'secret'; Value = 'Pl4nted:+&=%ü"''<secret>/x'; Fragment = 12; MinForms = 25 }
    ) {
        $forms = @(Get-SecretForms -Kind "planted $Kind" -Value $Value -FragmentLength $Fragment -BasicUser 'someone')
        $forms.Count | Should -BeGreaterOrEqual $MinForms
        $sources = foreach ($form in $forms) { [pscustomobject]@{ Name = "sample for $($form.Form)"; Text = "before $($form.Text) after" } }
        $hits = @(Find-Leaks -Sources $sources -Forms $forms)
        foreach ($source in $sources) { $hits.Source | Should -Contain $source.Name }
        # Cut into pieces too short to match on their own, as a narrow console would wrap it.
        $wrapped = [pscustomobject]@{ Name = 'wrapped'; Text = 'Token : ' + ([regex]::Matches($Value, '.{1,8}').Value -join "`n        ") }
        Find-Leaks -Sources @([pscustomobject]@{ Name = 'wrapped'; Text = $wrapped.Text.Replace("`n", ' ') }) -Forms $forms | Should -BeNullOrEmpty
        (Find-Leaks -Sources @($wrapped) -Forms $forms).Source | Should -Contain 'wrapped (wrapped lines joined)'
        $clean = [pscustomobject]@{ Name = 'clean'; Text = 'VERBOSE: POST http://127.0.0.1/token -> 200 OK, 185 bytes, 3 ms. PLANTED-AAAA' }
        Find-Leaks -Sources @($clean) -Forms $forms | Should -BeNullOrEmpty
    }

    It 'finds a token cut to its first 16 characters' {
        $token = 'Zt' + [Convert]::ToBase64String([byte[]](40..70)).Replace('+', '-').Replace('/', '_').TrimEnd('=')
        $forms = @(Get-SecretForms -Kind 'access token #1' -Value $token)
        $hits = @(Find-Leaks -Sources @([pscustomobject]@{ Name = 'preview'; Text = "{`"access_token`": `"$($token.Substring(0, 16))" }) -Forms $forms)
        $hits.Form | Should -Contain 'clear, 16+ characters of it'
    }

    It 'reports the kind, form and place of a hit, never the secret' {
        $forms = @(Get-SecretForms -Kind 'client secret' -Value $clientSecret -FragmentLength 12)
        $hits = @(Find-Leaks -Sources @([pscustomobject]@{ Name = 'log.txt'; Text = "one`ntwo $([uri]::EscapeDataString($clientSecret)) three" }) -Forms $forms)
        $message = Format-Hits $hits
        $message | Should -BeLike '*client secret `[URL-encoded`] in log.txt, line 2, offset 8*'
        foreach ($form in $forms) { $message.Contains($form.Text) | Should -BeFalse }
    }
}

Describe 'Nothing secret leaks from any cmdlet, stream, error or returned object' {
    BeforeAll {
        $script:server = Start-LeanlyTestServer
        Set-LeanlyTestServer $server @{ clients = @(@{ clientId = $clientId; clientSecret = $clientSecret; scopes = @('read', 'write') }) }
        $script:outDir = Join-Path ([IO.Path]::GetTempPath()) "leanly-leak-$([guid]::NewGuid().ToString('N'))"
        New-Item -ItemType Directory -Path $outDir | Out-Null

        # The child reads the secret from this file and deletes it at once, so it is in no command line or transcript header.
        $configPath = Join-Path $outDir 'config.json'
        @{
            ModulePath   = $env:LEANLY_TEST_MODULE
            HelpersPath  = Join-Path $PSScriptRoot 'TestHelpers.psm1'
            BaseUri      = $server.BaseUri
            ClientId     = $clientId
            ClientSecret = $clientSecret
            WrongSecret  = $wrongSecret
            OutputDir    = $outDir
        } | ConvertTo-Json | Set-Content -LiteralPath $configPath -Encoding utf8NoBOM

        $scenarioPath = Join-Path $outDir 'scenario.ps1'
        Set-Content -LiteralPath $scenarioPath -Encoding utf8NoBOM -Value @'
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
'@

        $script:run = Invoke-ChildPwsh -Script "& '$scenarioPath' -ConfigPath '$configPath'" -TimeoutSec 600 -Environment @{ NO_COLOR = '1' }
        $script:manifest = Get-Content -Raw -LiteralPath (Join-Path $outDir 'manifest.json') -ErrorAction SilentlyContinue | ConvertFrom-Json
        $script:issued = Invoke-ServerControl -Server $server -Path tokens

        $script:sources = @(
            [pscustomobject]@{ Name = 'child standard output'; Text = $run.Output }
            [pscustomobject]@{ Name = 'child standard error'; Text = $run.Error }
            Get-ChildItem -LiteralPath $outDir -File | Where-Object Name -NotIn 'scenario.ps1', 'config.json' | Sort-Object Name | ForEach-Object {
                [pscustomobject]@{ Name = $_.Name; Text = [IO.File]::ReadAllText($_.FullName) }
            }
        )
        $script:transcript = ($sources | Where-Object Name -EQ 'transcript.txt').Text
        $script:streams = ($sources | Where-Object Name -EQ 'streams.txt').Text
        $script:errorText = ($sources | Where-Object Name -Like 'error-*.txt').Text -join "`n"

        $script:forms = @(
            Get-SecretForms -Kind 'client secret' -Value $clientSecret -FragmentLength 12 -BasicUser $clientId
            Get-SecretForms -Kind 'wrong client secret' -Value $wrongSecret -FragmentLength 12 -BasicUser $clientId
            # Tokens are in the Base64url alphabet: Find-Leaks matches any 16 characters of them, so no fragment list.
            $n = 0; foreach ($token in $issued.accessTokens) { $n++; Get-SecretForms -Kind "access token #$n" -Value $token }
            $n = 0; foreach ($token in $issued.refreshTokens) { $n++; Get-SecretForms -Kind "refresh token #$n" -Value $token }
        )

        function script:Assert-CaptureWorked {
            # The child's own error text is not printed: it is part of what is searched.
            $run.ExitCode | Should -Be 0 -Because 'the scenario must run to its end'
            Test-Path -LiteralPath (Join-Path $outDir 'config.json') | Should -BeFalse -Because 'the child deletes the only file copy of the secret'
            $manifest | Should -Not -BeNullOrEmpty
            $transcript | Should -Not -BeNullOrEmpty
            $joinedTranscript = [regex]::Replace($transcript, '\r?\n[ \t]*', ' ')
            $joinedTranscript | Should -BeLike '*Requesting an access token for client*'
            $joinedTranscript | Should -BeLike '*This field always fails (test server).*'
            $manifest.Counts.Verbose | Should -BeGreaterThan 50
            $manifest.Counts.Error | Should -BeGreaterThan 20
            $manifest.Counts.Output | Should -BeGreaterThan 10
            $issued.accessTokens.Count | Should -BeGreaterThan 10
            $issued.refreshTokens.Count | Should -BeGreaterThan 5
        }
    }

    AfterAll {
        Stop-LeanlyTestServer $script:server
        # LEANLY_LEAK_KEEP=1 keeps the captured run for inspection (it holds the secret's encodings only if a test failed).
        if ($script:outDir -and (Test-Path -LiteralPath $script:outDir) -and -not $env:LEANLY_LEAK_KEEP) { Remove-Item -LiteralPath $script:outDir -Recurse -Force }
    }

    It 'captured a real run: the transcript holds a token request''s Verbose line and a GraphQL error, the streams are full' {
        Assert-CaptureWorked
        $manifest.Steps.Count | Should -BeGreaterThan 60
    }

    It 'ran every path it claims: <Line>' -ForEach @(
        @{ Line = 'Refreshing the access token' }
        @{ Line = 'refresh token was refused (invalid_grant); signing in again with client credentials' }
        @{ Line = 'The GraphQL endpoint answered 401' }
        @{ Line = 'Retrying the token request' }
        @{ Line = 'Retrying the GraphQL request' }
        @{ Line = 'redirect not followed' }
        @{ Line = 'timed out after' }
        @{ Line = 'Access token renewed' }
        @{ Line = 'Disconnected client' }
        @{ Line = 'client authentication: Basic' }
        @{ Line = 'credential from Environment' }
        @{ Line = '-All: 25 items in 3 page(s)' }
    ) {
        $streams | Should -BeLike "*$Line*"
    }

    It 'recorded the error <Id>' -ForEach @(
        @{ Id = 'LeanlyNotConnected,Leanly.Commands.InvokeLeanlyQueryCommand' }
        @{ Id = 'LeanlyNotConnected,Leanly.Commands.UpdateLeanlyTokenCommand' }
        @{ Id = 'LeanlyNotConnected,Leanly.Commands.GetLeanlyAccessTokenCommand' }
        @{ Id = 'LeanlyCredentialMissing,Leanly.Commands.ConnectLeanlyCommand' }
        @{ Id = 'LeanlyAuthenticationFailed,Leanly.Commands.ConnectLeanlyCommand' }
        @{ Id = 'LeanlyRefreshFailed,Leanly.Commands.UpdateLeanlyTokenCommand' }
        @{ Id = 'LeanlyServiceUnavailable,Leanly.Commands.ConnectLeanlyCommand' }
        @{ Id = 'LeanlyInvalidTokenResponse,Leanly.Commands.ConnectLeanlyCommand' }
        @{ Id = 'LeanlyRedirectRefused,Leanly.Commands.ConnectLeanlyCommand' }
        @{ Id = 'LeanlyTimeout,Leanly.Commands.ConnectLeanlyCommand' }
        @{ Id = 'LeanlyGraphQLError,Leanly.Commands.InvokeLeanlyQueryCommand' }
        @{ Id = 'LeanlyInvalidVariables,Leanly.Commands.InvokeLeanlyQueryCommand' }
        @{ Id = 'LeanlyInvalidGraphQLResponse,Leanly.Commands.InvokeLeanlyQueryCommand' }
        @{ Id = 'LeanlyGraphQLHttpError,Leanly.Commands.InvokeLeanlyQueryCommand' }
        @{ Id = 'LeanlyRedirectRefused,Leanly.Commands.InvokeLeanlyQueryCommand' }
        @{ Id = 'LeanlyUnauthorized,Leanly.Commands.InvokeLeanlyQueryCommand' }
        @{ Id = 'LeanlyTimeout,Leanly.Commands.InvokeLeanlyQueryCommand' }
        @{ Id = 'LeanlyConnectionClosed,Leanly.Commands.InvokeLeanlyQueryCommand' }
        @{ Id = 'LeanlyConnectionClosed,Leanly.Commands.UpdateLeanlyTokenCommand' }
        @{ Id = 'LeanlyConnectionClosed,Leanly.Commands.GetLeanlyAccessTokenCommand' }
    ) {
        $manifest.ErrorIds | Should -Contain $Id
        $errorText | Should -BeLike "*FullyQualifiedErrorId: $Id*"
    }

    It 'serialised the returned objects: connections (live and disconnected), query results, raw text and the SecureString token' {
        $types = @($manifest.Outputs.Type)
        $types | Should -Contain 'Leanly.LeanlyConnection'
        $types | Should -Contain 'Leanly.AccessToken'
        $types | Should -Contain 'System.String'
        $types | Should -Contain 'System.Management.Automation.PSCustomObject'
        ($manifest.Outputs | Where-Object Step -EQ 'the disconnected connection object').Type | Should -Be 'Leanly.LeanlyConnection'
        ($sources | Where-Object Name -EQ "$(($manifest.Outputs | Where-Object Step -EQ 'the disconnected connection object').Name).json").Text | Should -BeLike '*"IsConnected": false*'
    }

    It 'excluded only the -AsPlainText token, which was a token the server issued' {
        $manifest.PlainTokenHashes.Count | Should -Be 1
        $issuedHashes = @($issued.accessTokens | ForEach-Object { Get-Sha256 $_ })
        $issuedHashes | Should -Contain $manifest.PlainTokenHashes[0]
        $manifest.Steps | Should -Contain 'Get-LeanlyAccessToken -AsPlainText'
    }

    It 'finds no client secret, access token or refresh token in any form anywhere' {
        Assert-CaptureWorked
        $sources.Count | Should -BeGreaterThan 50
        $forms.Count | Should -BeGreaterThan 100
        $hits = @(Find-Leaks -Sources $sources -Forms $forms)
        # Export-Clixml stores any SecureString as UTF-16 hex where no DPAPI exists: that is PowerShell's doing for
        # the SecureString Get-LeanlyAccessToken hands out, not a leak by the module, and only on Linux and macOS.
        $secureOutputs = @($manifest.Outputs | Where-Object HoldsSecureString | ForEach-Object { "$($_.Name).clixml" })
        $platform = @($hits | Where-Object { -not $IsWindows -and $_.Form -eq 'UTF-16 hex' -and $_.Source -in $secureOutputs })
        $leaks = @($hits | Where-Object { $_ -notin $platform })
        $leaks.Count | Should -Be 0 -Because "secrets showed up here:`n$(Format-Hits $leaks)`n"
        # The exception is exact: on Linux and macOS it is found (which also shows the hex search works on the real
        # capture), and nowhere but in that one file.
        if (-not $IsWindows) { @($platform.Source) | Should -Be $secureOutputs }
    }
}

Describe 'A LeanlyConnection shows nothing secret, connected or disconnected' {
    BeforeAll {
        $script:server = Start-LeanlyTestServer
        Set-LeanlyTestServer $server @{ clients = @(@{ clientId = $clientId; clientSecret = $clientSecret; scopes = @('read', 'write') }) }
        $script:proxyPassword = 'Pr0xy:P@ss&w0rd=ü'
        $script:credential = [pscredential]::new($clientId, (ConvertTo-SecureString $clientSecret -AsPlainText -Force))

        # Every way PowerShell shows or serialises an object, and each public property on its own.
        function script:Get-Views($Connection, [string] $Label) {
            $clixml = Join-Path ([IO.Path]::GetTempPath()) "leanly-connection-$([guid]::NewGuid().ToString('N')).clixml"
            try {
                $Connection | Export-Clixml -LiteralPath $clixml -Depth 10
                $views = [ordered]@{
                    'ToString()'             = $Connection.ToString()
                    'default view'           = $Connection | Out-String -Width 4096
                    'Format-List * -Force'   = $Connection | Format-List * -Force | Out-String -Width 4096
                    'Format-Table * -Force'  = $Connection | Format-Table * -Force | Out-String -Width 4096
                    'Format-Custom -Depth 5' = $Connection | Format-Custom -Depth 5 | Out-String -Width 4096
                    'ConvertTo-Json'         = $Connection | ConvertTo-Json -Depth 10 -WarningAction Ignore
                    'Export-Clixml'          = [IO.File]::ReadAllText($clixml)
                    'Get-Member -Force'      = $Connection | Get-Member -Force | Out-String -Width 4096
                }
                foreach ($property in $Connection.PSObject.Properties) {
                    $views["property $($property.Name)"] = ($property.Value | Out-String -Width 4096) + ($property.Value | ConvertTo-Json -Depth 5 -WarningAction Ignore)
                }
                foreach ($name in $views.Keys) { [pscustomobject]@{ Name = "$Label, $name"; Text = [string]$views[$name] } }
            }
            finally {
                Remove-Item -LiteralPath $clixml -ErrorAction SilentlyContinue
            }
        }

        function script:Get-AllForms {
            $issued = Invoke-ServerControl -Server $server -Path tokens
            Get-SecretForms -Kind 'client secret' -Value $clientSecret -FragmentLength 12 -BasicUser $clientId
            Get-SecretForms -Kind 'proxy password' -Value $proxyPassword -FragmentLength 8
            $n = 0; foreach ($token in $issued.accessTokens) { $n++; Get-SecretForms -Kind "access token #$n" -Value $token }
            $n = 0; foreach ($token in $issued.refreshTokens) { $n++; Get-SecretForms -Kind "refresh token #$n" -Value $token }
        }
    }

    AfterAll {
        Disconnect-Leanly
        Stop-LeanlyTestServer $script:server
    }

    It 'has exactly the reviewed public properties, none of a type that can hold a secret, and no public fields' {
        $type = [Leanly.LeanlyConnection]
        # A new public property must be reviewed for secrets here before it ships.
        $reviewed = 'ApiUri', 'ClientAuthentication', 'ClientId', 'ConnectedOn', 'CredentialSource', 'CredentialSourceDetail',
        'ExpiresOn', 'HasRefreshToken', 'IsConnected', 'MaxRetries', 'NextRefreshOn', 'Proxy', 'RetryMaxWaitSec', 'Scope',
        'TimeoutSec', 'TokenUri'
        $properties = $type.GetProperties([Reflection.BindingFlags]'Public, Instance, Static')
        @($properties.Name | Sort-Object) | Should -Be @($reviewed | Sort-Object)
        $type.GetFields([Reflection.BindingFlags]'Public, Instance, Static') | Should -BeNullOrEmpty
        $secretTypes = [securestring], [Net.NetworkCredential], [pscredential], [Leanly.ClientCredential], [Leanly.AccessToken],
        [Leanly.ICredentialSource], [Leanly.LeanlyConnectionOptions], [byte[]], [char[]]
        foreach ($property in $properties) {
            foreach ($secretType in $secretTypes) {
                $secretType.IsAssignableFrom($property.PropertyType) | Should -BeFalse -Because "$($property.Name) is a $($property.PropertyType)"
            }
        }
    }

    It 'shows no secret, token or proxy password in any view or serialisation, before and after Disconnect-Leanly' {
        $proxyCredential = [pscredential]::new('proxy-user', (ConvertTo-SecureString $proxyPassword -AsPlainText -Force))
        $connection = Connect-Leanly -Credential $credential -TokenUri $server.TokenUri -ApiUri $server.ApiUri -Proxy $server.BaseUri -ProxyCredential $proxyCredential -PassThru
        Update-LeanlyToken -Connection $connection
        $connection.IsConnected | Should -BeTrue
        $connection.HasRefreshToken | Should -BeTrue
        $views = @(Get-Views $connection 'connected')
        Disconnect-Leanly -Connection $connection
        $connection.IsConnected | Should -BeFalse
        $connection.ExpiresOn | Should -BeNullOrEmpty
        $views += Get-Views $connection 'disconnected'

        $forms = @(Get-AllForms)
        $forms.Kind | Should -Contain 'access token #2'
        $forms.Kind | Should -Contain 'refresh token #1'
        # The views are real: they show the connection's client and endpoint.
        ($views | Where-Object Name -EQ 'connected, Format-List * -Force').Text | Should -BeLike "*$clientId*$($server.TokenUri)*"
        ($views | Where-Object Name -EQ 'disconnected, ConvertTo-Json').Text | Should -BeLike '*"IsConnected": false*'
        $hits = @(Find-Leaks -Sources $views -Forms $forms)
        $hits.Count | Should -Be 0 -Because "secrets showed up here:`n$(Format-Hits $hits)`n"
    }
}
