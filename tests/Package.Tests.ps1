BeforeAll {
    Import-Module $env:LEANLY_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:server = Start-LeanlyTestServer
    $script:client = Get-TestClient
    $script:out = Split-Path (Split-Path $env:LEANLY_TEST_MODULE -Parent) -Parent
    $script:version = (Import-PowerShellDataFile $env:LEANLY_TEST_MODULE).ModuleVersion
    $script:scratch = Join-Path ([IO.Path]::GetTempPath()) ("leanly-package-" + [guid]::NewGuid().ToString('n'))
    New-Item -ItemType Directory -Path $scratch | Out-Null

    # A query against the test server from a fresh pwsh that imports Leanly by name or path.
    $script:smokeTest = @'
$ErrorActionPreference = 'Stop'
Import-Module {0}
$commands = (Get-Command -Module Leanly).Name -join ','
$credential = [pscredential]::new('{1}', (ConvertTo-SecureString '{2}' -AsPlainText -Force))
Connect-Leanly -Credential $credential -TokenUri '{3}' -ApiUri '{4}'
$answer = Invoke-LeanlyQuery '{{ viewer {{ clientId }} }}'
"COMMANDS=$commands"
"CLIENT=$($answer.viewer.clientId)"
"FROM=$((Get-Module Leanly).ModuleBase)"
'@
}

AfterAll {
    Stop-LeanlyTestServer $script:server
    Remove-Item $script:scratch -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'The module manifest' {
    It 'passes Test-ModuleManifest and declares what the Gallery and Azure Automation need' {
        $manifest = Test-ModuleManifest $env:LEANLY_TEST_MODULE
        $data = Import-PowerShellDataFile $env:LEANLY_TEST_MODULE
        $manifest.Guid | Should -Not -Be ([guid]::Empty)
        $manifest.Author | Should -Not -BeNullOrEmpty
        $manifest.Description | Should -Not -BeNullOrEmpty
        $data.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $data.PowerShellVersion | Should -Be '5.1'
        $data.RootModule | Should -Be 'Leanly.dll'
        $data.CmdletsToExport | Should -Not -Contain '*'
        # Every cmdlet class of Leanly.dll, by name, and nothing else (Test-ModuleManifest does not check the list).
        $dll = Join-Path (Split-Path $env:LEANLY_TEST_MODULE -Parent) 'Leanly.dll'
        $compiled = [System.Reflection.Assembly]::LoadFrom($dll).GetExportedTypes() |
            ForEach-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
            ForEach-Object { "$($_.VerbName)-$($_.NounName)" }
        @($data.CmdletsToExport | Sort-Object) | Should -Be @($compiled | Sort-Object)
        $data.FunctionsToExport | Should -HaveCount 0
        $data.AliasesToExport | Should -HaveCount 0
        $data.VariablesToExport | Should -HaveCount 0
        # Loaded on first output instead (FormatViews.cs); the file must still ship beside the manifest.
        $data.Keys | Should -Not -Contain 'FormatsToProcess' -Because 'even an empty FormatsToProcess rebuilds the format database at import'
        Join-Path (Split-Path $env:LEANLY_TEST_MODULE -Parent) 'Leanly.Format.ps1xml' | Should -Exist
        $data.Keys | Should -Not -Contain 'ScriptsToProcess'
        $data.Keys | Should -Not -Contain 'RequiredModules'
        foreach ($tag in 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS', 'GraphQL', 'OAuth') {
            $data.PrivateData.PSData.Tags | Should -Contain $tag
        }
        $data.PrivateData.PSData.ProjectUri | Should -Not -BeNullOrEmpty
        $data.PrivateData.PSData.LicenseUri | Should -Not -BeNullOrEmpty
        $data.PrivateData.PSData.ReleaseNotes | Should -Not -BeNullOrEmpty
    }

    It 'exports exactly the cmdlets the module defines' {
        $exported = (Get-Command -Module Leanly).Name | Sort-Object
        $defined = [Leanly.Commands.ConnectLeanlyCommand].Assembly.GetTypes() |
            Where-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
            ForEach-Object { $a = $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]; "$($a.VerbName)-$($a.NounName)" } |
            Sort-Object
        $exported | Should -Be $defined
        (Import-PowerShellDataFile $env:LEANLY_TEST_MODULE).CmdletsToExport | Sort-Object | Should -Be $defined
    }
}

Describe 'The PowerShell Gallery package' {
    It 'installs with PSResourceGet from a local repository and works in a fresh pwsh' {
        $nupkg = Join-Path $out "packages/Leanly.$version.nupkg"
        $nupkg | Should -Exist
        $repository = Join-Path $scratch 'repository'
        $isolatedHome = Join-Path $scratch 'home'
        New-Item -ItemType Directory -Path $repository, $isolatedHome, (Join-Path $isolatedHome '.local/share'), (Join-Path $isolatedHome '.config') | Out-Null
        Copy-Item $nupkg $repository
        $isolated = @{ HOME = $isolatedHome; XDG_DATA_HOME = (Join-Path $isolatedHome '.local/share'); XDG_CONFIG_HOME = (Join-Path $isolatedHome '.config'); XDG_CACHE_HOME = (Join-Path $isolatedHome '.cache'); PSModulePath = $null }
        $install = Invoke-ChildPwsh -Environment $isolated -Script @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name LeanlyTest -Uri '$repository' -Trusted
Install-PSResource -Name Leanly -Repository LeanlyTest -Scope CurrentUser -TrustRepository -Quiet
(Get-InstalledPSResource -Name Leanly -Scope CurrentUser).Version.ToString()
"@
        $install.Error | Should -BeNullOrEmpty
        $install.ExitCode | Should -Be 0
        $install.Output.Trim() | Should -Be $version
        $script = $smokeTest -f 'Leanly', $client.ClientId, $client.ClientSecret, $server.TokenUri, $server.ApiUri
        $run = Invoke-ChildPwsh -Environment $isolated -Script $script
        $run.Error | Should -BeNullOrEmpty
        $run.ExitCode | Should -Be 0
        $run.Output | Should -Match 'COMMANDS=.*Connect-Leanly.*Invoke-LeanlyQuery'
        $run.Output | Should -Match "CLIENT=$([regex]::Escape($client.ClientId))"
        $run.Output | Should -Match ([regex]::Escape($isolatedHome))
    }
}

Describe 'The Azure Automation zip' {
    It 'holds only the Leanly/ module folder with the allowed files, and imports after unzipping' {
        $zip = Join-Path $out 'Leanly.zip'
        $zip | Should -Exist
        $target = Join-Path $scratch 'automation'
        Expand-Archive -Path $zip -DestinationPath $target
        (Get-ChildItem $target).Name | Should -Be @('Leanly')
        $files = Get-ChildItem (Join-Path $target 'Leanly') -Recurse -File |
            ForEach-Object { [IO.Path]::GetRelativePath((Join-Path $target 'Leanly'), $_.FullName).Replace('\', '/') }
        $allowed = '^(Leanly\.psd1|Leanly\.dll|Leanly\.Core\.dll|Leanly\.Schema\.dll|GraphQL\.dll|GraphQLParser\.dll|Leanly\.Format\.ps1xml|en-US/[A-Za-z_.-]+\.(xml|txt)|Dependencies/[A-Za-z.]+\.dll)$'
        $files | Where-Object { $_ -notmatch $allowed } | Should -BeNullOrEmpty
        $files | Should -Contain 'Leanly.psd1'
        $files | Should -Contain 'Leanly.dll'
        $files | Should -Contain 'Dependencies/System.Text.Json.dll'
        $script = $smokeTest -f "'$(Join-Path $target 'Leanly/Leanly.psd1')'", $client.ClientId, $client.ClientSecret, $server.TokenUri, $server.ApiUri
        $run = Invoke-ChildPwsh -Script $script
        $run.Error | Should -BeNullOrEmpty
        $run.ExitCode | Should -Be 0
        $run.Output | Should -Match "CLIENT=$([regex]::Escape($client.ClientId))"
    }
}
