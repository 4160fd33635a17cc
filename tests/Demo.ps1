<#
.SYNOPSIS
    The LeanlyPS flow end to end against the local Leanly-compatible server; build.ps1 -Task Demo runs it.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $BaseUri
)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath

function Step([string] $Text) { Write-Host ''; Write-Host "--- $Text" -ForegroundColor Green }
function Show([string] $Command) { Write-Host "PS> $Command" -ForegroundColor Yellow }

# The demo server's client; in real use the secret comes from a vault, a PSCredential or the environment.
$credential = [pscredential]::new('leanly-demo', (ConvertTo-SecureString 'demo-secret-!&=+ü' -AsPlainText -Force))

Step '1. Connect with the client credentials grant'
Show "Connect-Leanly -Credential `$credential -Scope read -TokenUri $BaseUri/token -ApiUri $BaseUri/graphql"
Connect-Leanly -Credential $credential -Scope read -TokenUri "$BaseUri/token" -ApiUri "$BaseUri/graphql"

Step '2. Query with the bearer token'
Show 'Invoke-LeanlyQuery ''{ viewer { clientId scopes } echo(text: "hello Leanly") }'''
$answer = Invoke-LeanlyQuery '{ viewer { clientId scopes } echo(text: "hello Leanly") }'
Write-Host "viewer.clientId = $($answer.viewer.clientId); viewer.scopes = $($answer.viewer.scopes -join ' '); echo = $($answer.echo)"

Step '3. Show the connection (never the token)'
Show 'Get-LeanlyConnection | Format-List'
$connection = Get-LeanlyConnection
$connection | Format-List | Out-Host
# The connection object is live (it follows every refresh), so the expiry is kept as a value.
$expiredOn = $connection.ExpiresOn

Step '4. Refresh the access token with the refresh_token grant'
Start-Sleep -Seconds 2   # so the new expiry differs visibly
Show 'Update-LeanlyToken -Verbose'
Update-LeanlyToken -Verbose 4>&1 | ForEach-Object { Write-Host "  $_" -ForegroundColor DarkGray }
Write-Host "Token was valid until $($expiredOn.LocalDateTime); the new one until $((Get-LeanlyConnection).ExpiresOn.LocalDateTime)."

Step '5. Query again with the new token, and page through a Relay connection with -All'
Show 'Invoke-LeanlyQuery ''{ viewer { clientId } }'''
Write-Host "viewer.clientId = $((Invoke-LeanlyQuery '{ viewer { clientId } }').viewer.clientId)"
Show 'Invoke-LeanlyQuery -All ''query($after: String) { items(first: 5, after: $after, total: 12) { nodes { id name } pageInfo { hasNextPage endCursor } } }'''
Invoke-LeanlyQuery -All 'query($after: String) { items(first: 5, after: $after, total: 12) { nodes { id name } pageInfo { hasNextPage endCursor } } }' |
    Format-Table | Out-Host

Step '6. A GraphQL error beside partial data'
Show 'Invoke-LeanlyQuery ''{ viewer { clientId } failing }'' -ErrorVariable problems'
Invoke-LeanlyQuery '{ viewer { clientId } failing }' -ErrorAction SilentlyContinue -ErrorVariable problems | Format-List | Out-Host
Write-Host "Error: $($problems[0].Exception.Message) ($($problems[0].FullyQualifiedErrorId))"

Step '7. Disconnect: tokens and secret are wiped'
Show 'Disconnect-Leanly'
Disconnect-Leanly
Show 'Invoke-LeanlyQuery ''{ viewer { clientId } }'''
try { Invoke-LeanlyQuery '{ viewer { clientId } }' } catch { Write-Host "Refused as expected: $($_.Exception.Message)" }

Write-Host ''
Write-Host 'Demo complete.' -ForegroundColor Green
