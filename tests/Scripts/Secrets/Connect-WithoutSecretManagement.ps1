# Connect-Leanly -SecretName in a pwsh where no SecretManagement can be found: LeanlySecretManagementNotInstalled, and
# nothing but that error in $Error.
# Hide every copy of SecretManagement this child could find (the double is already off PSModulePath).
$env:PSModulePath = ($env:PSModulePath -split [IO.Path]::PathSeparator | Where-Object { $_ -and -not (Test-Path (Join-Path $_ 'Microsoft.PowerShell.SecretManagement')) }) -join [IO.Path]::PathSeparator
$available = @(Get-Module -ListAvailable Microsoft.PowerShell.SecretManagement).Count
Import-Module $env:LEANLY_TEST_MODULE
$Error.Clear()
try { Connect-Leanly -SecretName Leanly -Vault LeanlyStore -TokenUri $env:LEANLY_IT_TOKEN_URI -ApiUri $env:LEANLY_IT_API_URI -ErrorAction Stop; $outcome = @{ Connected = $true } }
catch { $outcome = @{ Id = $_.FullyQualifiedErrorId; Category = "$($_.CategoryInfo.Category)"; Message = $_.Exception.Message; Action = $_.ErrorDetails.RecommendedAction } }
$outcome.Available = $available
$outcome.Errors = @($Error | ForEach-Object { "$($_.FullyQualifiedErrorId)" })
$outcome | ConvertTo-Json -Compress
