# Connect-Leanly -SecretName where a module named Microsoft.PowerShell.SecretManagement is installed but throws on import.
$broken = Join-Path ([IO.Path]::GetTempPath()) ('leanly-broken-' + [guid]::NewGuid().ToString('n'))
$folder = New-Item -ItemType Directory -Path (Join-Path $broken 'Microsoft.PowerShell.SecretManagement')
Set-Content (Join-Path $folder 'Microsoft.PowerShell.SecretManagement.psm1') 'throw "vault extension failed to initialise"'
New-ModuleManifest (Join-Path $folder 'Microsoft.PowerShell.SecretManagement.psd1') -RootModule 'Microsoft.PowerShell.SecretManagement.psm1' -FunctionsToExport 'Get-Secret'
$env:PSModulePath = $broken + [IO.Path]::PathSeparator + (($env:PSModulePath -split [IO.Path]::PathSeparator | Where-Object { $_ -and -not (Test-Path (Join-Path $_ 'Microsoft.PowerShell.SecretManagement')) }) -join [IO.Path]::PathSeparator)
Import-Module $env:LEANLY_TEST_MODULE
try { Connect-Leanly -SecretName Leanly -TokenUri $env:LEANLY_IT_TOKEN_URI -ApiUri $env:LEANLY_IT_API_URI -ErrorAction Stop; $outcome = @{ Connected = $true } }
catch { $outcome = @{ Id = $_.FullyQualifiedErrorId; Message = $_.Exception.Message; Action = $_.ErrorDetails.RecommendedAction } }
Remove-Item $broken -Recurse -Force
$outcome | ConvertTo-Json -Compress
