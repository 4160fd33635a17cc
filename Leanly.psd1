@{
    RootModule           = 'Leanly.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = 'b95ff62f-dc3b-47d7-a1f6-af79c320d1c5'
    Author               = 'LeanlyPS contributors'
    CompanyName          = 'LeanlyPS'
    Copyright            = '(c) 2026 LeanlyPS contributors. MIT License.'
    Description          = 'Talk to the Leanly GraphQL API from PowerShell: OAuth 2.0 client credentials with automatic token refresh, secrets from SecretManagement vaults, PSCredential or environment variables, Relay paging, and errors that say what to do next. For admins at the prompt, Azure Automation runbooks and CI pipelines.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    DotNetFrameworkVersion = '4.7.2'
    CmdletsToExport      = @(
        'Connect-Leanly'
        'Disconnect-Leanly'
        'Export-LeanlySchema'
        'Get-LeanlyAccessToken'
        'Get-LeanlyConnection'
        'Get-LeanlySchema'
        'Get-LeanlyType'
        'Invoke-LeanlyQuery'
        'Test-LeanlyQuery'
        'Update-LeanlyToken'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    # No FormatsToProcess, on purpose (even an empty one makes PowerShell rebuild its format database at import):
    # the module loads Leanly.Format.ps1xml the first time one of its commands outputs a connection or token object
    # (src/Leanly/Session/FormatViews.cs), which keeps Import-Module fast.
    PrivateData          = @{
        PSData = @{
            Tags         = @('Leanly', 'GraphQL', 'OAuth', 'OAuth2', 'API', 'SecretManagement', 'AzureAutomation', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/leanly/LeanlyPS'
            LicenseUri   = 'https://github.com/leanly/LeanlyPS/blob/main/LICENSE'
            ReleaseNotes = 'See CHANGELOG.md.'
        }
    }
}
