# Help completeness (PSReadLine's CheckHelp, stricter): the MAML in en-US/Leanly.dll-Help.xml is checked against the
# real cmdlets, so a parameter added, renamed or retyped without its help fails here; about_Leanly must name every
# error id the module can write.

BeforeDiscovery {
    Import-Module $env:LEANLY_TEST_MODULE -Force
    $script:cmdletCases = @((Get-Module Leanly).ExportedCmdlets.Keys | Sort-Object | ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    Import-Module $env:LEANLY_TEST_MODULE -Force
    $script:module = Get-Module Leanly
    $script:mamlPath = Join-Path $module.ModuleBase 'en-US/Leanly.dll-Help.xml'
    $script:aboutPath = Join-Path $module.ModuleBase 'en-US/about_Leanly.help.txt'
    $script:commonParameters = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters

    function Get-RealParameters([System.Management.Automation.CommandInfo] $Command) {
        @($Command.Parameters.Values | Where-Object { $_.Name -notin $commonParameters })
    }

    function Get-HelpText($Node) {
        # MAML paragraphs come back as objects with a Text property (or as strings).
        (@($Node) | ForEach-Object { if ($_ -is [string]) { $_ } else { $_.Text } }) -join "`n"
    }

    function Get-HelpParameters($Help) {
        @($Help.parameters.parameter | Where-Object { $_ -and $_.name })
    }

    function Get-PipelineText([System.Management.Automation.ParameterSetMetadata] $Metadata) {
        $by = @()
        if ($Metadata.ValueFromPipeline) { $by += 'ByValue' }
        if ($Metadata.ValueFromPipelineByPropertyName) { $by += 'ByPropertyName' }
        if ($by) { "True ($($by -join ', '))" } else { 'False' }
    }

    function Get-PositionText([System.Management.Automation.ParameterSetMetadata] $Metadata) {
        if ($Metadata.Position -lt 0) { 'named' } else { [string] $Metadata.Position }
    }
}

Describe 'The MAML help file' {
    It 'ships in the built module as en-US/Leanly.dll-Help.xml, next to the binary module' {
        $module.RootModule | Should -Be 'Leanly.dll'
        $mamlPath | Should -Exist
    }

    It 'is well-formed XML in the MAML schema' {
        $settings = [System.Xml.XmlReaderSettings]::new()
        $settings.DtdProcessing = [System.Xml.DtdProcessing]::Prohibit
        $reader = [System.Xml.XmlReader]::Create($mamlPath, $settings)
        try {
            $document = [System.Xml.XmlDocument]::new()
            $document.Load($reader)   # malformed XML throws here and fails the test
        }
        finally {
            $reader.Dispose()
        }
        $document.DocumentElement.LocalName | Should -Be 'helpItems'
        $document.DocumentElement.GetAttribute('schema') | Should -Be 'maml'
    }

    It 'holds exactly one entry per exported cmdlet, and none for a command that is not exported' {
        $xml = [xml](Get-Content -Raw -LiteralPath $mamlPath)
        $namespaces = [System.Xml.XmlNamespaceManager]::new($xml.NameTable)
        $namespaces.AddNamespace('command', 'http://schemas.microsoft.com/maml/dev/command/2004/10')
        $documented = @($xml.SelectNodes('//command:command/command:details/command:name', $namespaces) | ForEach-Object { $_.InnerText.Trim() })
        ($documented | Sort-Object) | Should -Be (@($module.ExportedCmdlets.Keys) | Sort-Object)
        $documented | Group-Object | Where-Object Count -GT 1 | Should -BeNullOrEmpty
    }
}

Describe 'Get-Help <Name> -Full' -ForEach $cmdletCases {
    BeforeAll {
        $command = Get-Command -Name $Name -Module Leanly
        $help = Get-Help -Name $Name -Full
        $real = Get-RealParameters $command
        $helpParameters = Get-HelpParameters $help
    }

    It 'comes from the MAML file' {
        $help.PSObject.TypeNames | Should -Contain 'MamlCommandHelpInfo'
        $help.ModuleName | Should -Be 'Leanly'
    }

    It 'has a written synopsis, not the generated syntax stub' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis.Trim() | Should -Not -BeLike "$Name*"
        $help.Synopsis | Should -Not -BeLike '*<CommonParameters>*'
        $help.Synopsis.Trim().Length | Should -BeGreaterThan 20
    }

    It 'has a description' {
        (Get-HelpText $help.description).Trim().Length | Should -BeGreaterThan 80
    }

    It 'has at least two examples, each with code and remarks' {
        $examples = @($help.examples.example)
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) {
            $example.title | Should -Not -BeNullOrEmpty
            "$($example.code)".Trim() | Should -Not -BeNullOrEmpty -Because "an example of $Name ($($example.title)) needs code"
            (Get-HelpText $example.remarks).Trim() | Should -Not -BeNullOrEmpty -Because "an example of $Name ($($example.title)) needs remarks"
        }
    }

    It 'uses only parameters that exist in the examples' {
        $leanlyCommands = @{}
        foreach ($c in Get-Command -Module Leanly) { $leanlyCommands[$c.Name] = $c }
        foreach ($example in @($help.examples.example)) {
            $ast = [System.Management.Automation.Language.Parser]::ParseInput("$($example.code)", [ref] $null, [ref] $null)
            $calls = $ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.CommandAst] }, $true)
            foreach ($call in $calls) {
                $target = $leanlyCommands[$call.GetCommandName()]
                if (-not $target) { continue }
                $known = @($target.Parameters.Keys) + @($target.Parameters.Values.Aliases)
                foreach ($used in $call.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] }) {
                    $candidates = @($known | Where-Object { $_ -like "$($used.ParameterName)*" })
                    $candidates.Count | Should -BeGreaterThan 0 -Because "'$($call.Extent.Text)' in '$($example.title)' uses -$($used.ParameterName), which $($target.Name) does not have"
                }
            }
        }
    }

    It 'documents every parameter of the command with a description' {
        foreach ($parameter in $real) {
            $documented = @($helpParameters | Where-Object name -EQ $parameter.Name)
            $documented.Count | Should -Be 1 -Because "-$($parameter.Name) of $Name needs exactly one entry in the help"
            (Get-HelpText $documented[0].description).Trim() | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) of $Name needs a description"
        }
    }

    It 'documents no parameter the command does not have' {
        foreach ($documented in $helpParameters) {
            $real.Name | Should -Contain $documented.name -Because "the help of $Name documents -$($documented.name)"
        }
        foreach ($item in @($help.syntax.syntaxItem)) {
            foreach ($documented in @($item.parameter | Where-Object { $_ -and $_.name })) {
                $real.Name | Should -Contain $documented.name -Because "the syntax of $Name lists -$($documented.name)"
            }
        }
    }

    It 'gives every parameter its real type' {
        foreach ($parameter in $real) {
            $documented = $helpParameters | Where-Object name -EQ $parameter.Name | Select-Object -First 1
            $documented.type.name | Should -Be $parameter.ParameterType.FullName -Because "-$($parameter.Name) of $Name is a $($parameter.ParameterType.FullName)"
            if ($parameter.ParameterType -ne [switch]) {
                @($documented.parameterValue)[0] | Should -Be $parameter.ParameterType.Name -Because "the value of -$($parameter.Name) is shown as <$($parameter.ParameterType.Name)>"
            }
        }
    }

    It 'gives every parameter its real position, mandatory flag, pipeline input and aliases' {
        foreach ($parameter in $real) {
            $documented = $helpParameters | Where-Object name -EQ $parameter.Name | Select-Object -First 1
            $sets = @($parameter.ParameterSets.Values)
            $required = @($sets | ForEach-Object { ([string] $_.IsMandatory).ToLowerInvariant() } | Sort-Object -Unique)
            $positions = @($sets | ForEach-Object { Get-PositionText $_ } | Sort-Object -Unique)
            $pipelines = @($sets | ForEach-Object { Get-PipelineText $_ } | Sort-Object -Unique)
            if ($required.Count -eq 1) {
                $documented.required | Should -Be $required[0] -Because "-$($parameter.Name) of $Name"
            }
            else {
                # Mandatory in some sets only: Get-Help shows Required? as a boolean, so the help says true and the
                # description names the sets (the syntax is checked per set below).
                $documented.required | Should -Be 'true' -Because "-$($parameter.Name) of $Name is mandatory in a parameter set"
                foreach ($set in $parameter.ParameterSets.Keys) { Get-HelpText $documented.description | Should -Match "\b$set\b" -Because "the help of -$($parameter.Name) says how it is used in the set $set" }
            }
            if ($positions.Count -eq 1) {
                $documented.position | Should -Be $positions[0] -Because "-$($parameter.Name) of $Name"
            }
            else {
                foreach ($value in $positions) { $documented.position | Should -Match "\b$value\b" -Because "-$($parameter.Name) of $Name" }
            }
            $pipelines.Count | Should -Be 1 -Because "pipeline input of -$($parameter.Name) is the same in every set (extend this test if that changes)"
            $documented.pipelineInput | Should -Be $pipelines[0] -Because "-$($parameter.Name) of $Name"
            $aliases = if ($parameter.Aliases.Count) { $parameter.Aliases -join ', ' } else { 'none' }
            $documented.aliases | Should -Be $aliases -Because "-$($parameter.Name) of $Name"
        }
    }

    It 'gives every parameter its real default value' {
        $instance = [Activator]::CreateInstance($command.ImplementingType)
        try {
            foreach ($parameter in $real) {
                $documented = $helpParameters | Where-Object name -EQ $parameter.Name | Select-Object -First 1
                "$($documented.defaultValue)".Trim() | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) of $Name needs a default value in the help (None when it has none)"
                $value = $instance.($parameter.Name)
                if ($value -is [System.Management.Automation.SwitchParameter]) {
                    $documented.defaultValue | Should -Be ([string] $value.IsPresent) -Because "-$($parameter.Name) of $Name"
                }
                elseif ($null -ne $value -and $value -isnot [array]) {
                    $documented.defaultValue | Should -Be ([string] $value) -Because "-$($parameter.Name) of $Name defaults to $value"
                }
            }
        }
        finally {
            $instance.Dispose()
        }
    }

    It 'has one syntax entry per parameter set, listing exactly its parameters as they are' {
        $sets = @($command.ParameterSets)
        $items = @($help.syntax.syntaxItem)
        $items.Count | Should -Be $sets.Count -Because "$Name has the parameter sets $($sets.Name -join ', ')"
        foreach ($set in $sets) {
            $setParameters = @($set.Parameters | Where-Object { $_.Name -notin $commonParameters })
            $wanted = @($setParameters.Name | Sort-Object) -join ','
            $item = $items | Where-Object { (@($_.parameter | Where-Object { $_ -and $_.name } | ForEach-Object name | Sort-Object) -join ',') -eq $wanted } | Select-Object -First 1
            $item | Should -Not -BeNullOrEmpty -Because "the syntax of $Name needs an entry for the parameter set $($set.Name): $wanted"
            foreach ($parameter in $setParameters) {
                $documented = $item.parameter | Where-Object name -EQ $parameter.Name
                $documented.required | Should -Be ([string] $parameter.IsMandatory).ToLowerInvariant() -Because "-$($parameter.Name) in set $($set.Name) of $Name"
                $position = if ($parameter.Position -lt 0) { 'named' } else { [string] $parameter.Position }
                $documented.position | Should -Be $position -Because "-$($parameter.Name) in set $($set.Name) of $Name"
                $documented.type.name | Should -Be $parameter.ParameterType.FullName -Because "-$($parameter.Name) in set $($set.Name) of $Name"
            }
        }
    }

    It 'lists the real output types' {
        $documented = @($help.returnValues.returnValue | ForEach-Object { "$($_.type.name)".Trim() })
        foreach ($type in $command.OutputType) {
            $name = if ($type.Type -eq [void]) { 'None' } else { $type.Name }
            $documented | Should -Contain $name -Because "$Name declares [OutputType($name)]"
        }
        foreach ($name in $documented) {
            $name | Should -BeIn (@('None') + @($command.OutputType.Name)) -Because "$Name documents an output of type $name"
        }
        foreach ($returnValue in @($help.returnValues.returnValue)) {
            (Get-HelpText $returnValue.description).Trim() | Should -Not -BeNullOrEmpty
        }
    }

    It 'lists the types it takes from the pipeline' {
        $documented = @($help.inputTypes.inputType | ForEach-Object { "$($_.type.name)".Trim() })
        $byValue = @($real | Where-Object { $_.ParameterSets.Values.ValueFromPipeline -contains $true })
        $byName = @($real | Where-Object { $_.ParameterSets.Values.ValueFromPipelineByPropertyName -contains $true })
        foreach ($parameter in $byValue) {
            $documented | Should -Contain $parameter.ParameterType.FullName -Because "-$($parameter.Name) of $Name takes its type from the pipeline"
        }
        if (-not $byValue -and -not $byName) {
            $documented | Should -Be @('None')
        }
    }

    It 'has notes and links to about_Leanly' {
        (Get-HelpText $help.alertSet.alert).Trim() | Should -Not -BeNullOrEmpty
        @($help.relatedLinks.navigationLink.linkText) | Should -Contain 'about_Leanly'
    }
}

Describe 'Get-Help about_Leanly' {
    BeforeAll {
        $about = (Get-Help about_Leanly | Out-String)
        # The module's one error table: every error it can raise, with its id, category and recommended action.
        $entries = @([Leanly.Errors.LeanlyErrorTable]::Entries)
        $ids = @($entries | ForEach-Object Id)
        $idPattern = '\bLeanly[A-Z][A-Za-z]+(?:Error|Failed|Missing|NotFound|Closed|Connected|Endpoint|Uri|Variables|Response|Refused|Loop|Variable|Shape|Locked|Installed|Throttled|Timeout|Unauthorized|Unavailable|All)\b'
    }

    It 'is found by Get-Help and has the classic sections' {
        $about | Should -Match '(?m)^TOPIC\s+about_Leanly'
        foreach ($section in 'SHORT DESCRIPTION', 'LONG DESCRIPTION', 'CREDENTIAL SOURCES', 'SESSIONS AND CONNECTIONS', 'TOKEN LIFETIME', 'SECURITY', 'ERRORS', 'SEE ALSO') {
            $about | Should -Match "(?m)^$section\s*$" -Because "about_Leanly needs a $section section"
        }
    }

    It 'explains the flow, the credential sources and the behaviour users rely on' {
        foreach ($term in 'client credentials', 'refresh_token', 'Bearer', 'LEANLY_CLIENT_ID', 'LEANLY_CLIENT_SECRET', 'Get-AutomationPSCredential',
            'SecretManagement', '-NonInteractive', '-Connection', '-PassThru', '5 minutes or half', '401', 'Retry-After', '-MaxRetries',
            '-RetryMaxWaitSec', '-TimeoutSec', 'Ctrl+C', 'loopback', 'redirect', 'Basic', '-Proxy') {
            $about | Should -BeLike "*$term*" -Because "about_Leanly should explain $term"
        }
    }

    It 'says, here and in the help of -ThrottleLimit, which failures of one input leave a batch going and which end it' {
        $parameter = Get-HelpText (Get-Help Invoke-LeanlyQuery -Parameter ThrottleLimit).description
        foreach ($text in $about, $parameter) {
            $text | Should -BeLike "*non-terminating errors at that input's turn, with the input as*"
            $text | Should -BeLike '*still ends the command*'
            $text | Should -BeLike '*a warning says how many*'
        }
    }

    It 'has one entry in the error table for every kind of failure, each with its own id, a category and an action' {
        $kinds = [Enum]::GetValues([Leanly.Errors.LeanlyErrorKind])
        @($entries | ForEach-Object Kind | Sort-Object) | Should -Be @($kinds | Sort-Object)
        @($ids | Sort-Object -Unique).Count | Should -Be $ids.Count
        foreach ($entry in $entries) {
            $entry.Id | Should -MatchExactly '^Leanly[A-Z][A-Za-z]+$'
            $entry.RecommendedAction | Should -Not -BeNullOrEmpty -Because "$($entry.Id) needs a recommended action"
        }
        ($entries | Where-Object Kind -EQ 'Unexpected').Category | Should -Be 'NotSpecified'
    }

    It 'has a row in its error table for every entry of [Leanly.Errors.LeanlyErrorTable], and none more' {
        $rows = @([regex]::Matches($about, '(?m)^ {4}(Leanly[A-Z][A-Za-z]+)\s{2,}') | ForEach-Object { $_.Groups[1].Value })
        @($rows | Sort-Object) | Should -Be @($ids | Sort-Object)
    }

    It 'names only error ids the module has, in about_Leanly, the MAML, the README and docs/' {
        $pages = @(Get-Item -LiteralPath (Join-Path $PSScriptRoot '../README.md')) + @(Get-ChildItem -LiteralPath (Join-Path $PSScriptRoot '../docs') -Filter *.md)
        $pages.Name | Should -Contain 'troubleshooting.md'
        foreach ($text in @($about, (Get-Content -Raw -LiteralPath $mamlPath)) + @($pages | ForEach-Object { Get-Content -Raw -LiteralPath $_.FullName })) {
            foreach ($named in [regex]::Matches($text, $idPattern) | ForEach-Object Value | Sort-Object -Unique) {
                $named | Should -BeIn $ids -Because "the help names $named as an error id"
            }
        }
    }

    It 'keeps lines within 80 characters, as about topics are read in a console' {
        $long = @(Get-Content -LiteralPath $aboutPath | Where-Object { $_.Length -gt 80 })
        $long | Should -BeNullOrEmpty
    }
}
