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

        $scenarioPath = Join-Path $PSScriptRoot 'Scripts/Leak/Scenario.ps1'

        $script:run = Invoke-ChildPwsh -Script "& '$scenarioPath' -ConfigPath '$configPath'" -TimeoutSec 600 -Environment @{ NO_COLOR = '1' }
        $script:manifest = Get-Content -Raw -LiteralPath (Join-Path $outDir 'manifest.json') -ErrorAction SilentlyContinue | ConvertFrom-Json
        $script:issued = Invoke-ServerControl -Server $server -Path tokens

        $script:sources = @(
            [pscustomobject]@{ Name = 'child standard output'; Text = $run.Output }
            [pscustomobject]@{ Name = 'child standard error'; Text = $run.Error }
            Get-ChildItem -LiteralPath $outDir -File | Where-Object Name -NE 'config.json' | Sort-Object Name | ForEach-Object {
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
        'ExpiresOn', 'HasRefreshToken', 'IsConnected', 'MaxResponseSizeMB', 'MaxRetries', 'NextRefreshOn', 'Proxy', 'RetryMaxWaitSec', 'Scope',
        'TimeoutSec', 'TokenUri'
        $properties = $type.GetProperties([Reflection.BindingFlags]'Public, Instance, Static')
        @($properties.Name | Sort-Object) | Should -Be @($reviewed | Sort-Object)
        $type.GetFields([Reflection.BindingFlags]'Public, Instance, Static') | Should -BeNullOrEmpty
        $secretTypes = [securestring], [Net.NetworkCredential], [pscredential], [Leanly.Auth.ClientCredential], [Leanly.AccessToken],
        [Leanly.Auth.ICredentialSource], [Leanly.LeanlyConnectionOptions], [byte[]], [char[]]
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
