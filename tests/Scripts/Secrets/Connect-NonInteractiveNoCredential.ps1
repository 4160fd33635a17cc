# Connect-Leanly in pwsh -NonInteractive with no credential anywhere: the error it stops with, as one JSON line.
$ErrorActionPreference = 'Stop'
Import-Module $env:LEANLY_TEST_MODULE
trap {
    [Console]::Out.WriteLine((@{ Id = $_.FullyQualifiedErrorId; Message = $_.Exception.Message; Action = $_.ErrorDetails.RecommendedAction } | ConvertTo-Json -Compress))
    break
}
Connect-Leanly -TokenUri $env:LEANLY_IT_TOKEN_URI -ApiUri $env:LEANLY_IT_API_URI -ErrorAction Stop
'CONNECTED'
