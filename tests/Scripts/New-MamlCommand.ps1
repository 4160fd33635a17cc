<#
.SYNOPSIS
Writes the MAML entry of one cmdlet from its real metadata (sets, types, positions, pipeline input, aliases) and
the words given in a .psd1 file, so the parts Help.Tests.ps1 checks against the command cannot be typed wrong.
Paste the output into module/en-US/Leanly.dll-Help.xml.

.EXAMPLE
dotnet pwsh ./tests/Scripts/New-MamlCommand.ps1 -Name Get-LeanlyType -Text ./docs-src/Get-LeanlyType.psd1
#>
param(
    [Parameter(Mandatory)] [string] $Name,
    # Synopsis, Description (paragraphs), Parameters (@{ Name = @{ Description = ..; Default = .. } }), Inputs
    # (@{ type = text }), Outputs (@{ type = text }), Notes (paragraphs), Examples (@(@{ Title; Code; Remarks })), Links.
    [Parameter(Mandatory)] [string] $Text,
    [string] $ModulePath = (Join-Path $PSScriptRoot '../../out/Leanly/Leanly.psd1')
)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force
$command = Get-Command $Name
$words = Import-PowerShellDataFile $Text
$common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters

function Escape([string] $Value) { [System.Security.SecurityElement]::Escape($Value) }
function Para([string[]] $Paragraphs, [string] $Indent) { ($Paragraphs | ForEach-Object { "$Indent<maml:para>$(Escape $_)</maml:para>" }) -join "`n" }
function Pipeline($Metadata) {
    $by = @()
    if ($Metadata.ValueFromPipeline) { $by += 'ByValue' }
    if ($Metadata.ValueFromPipelineByPropertyName) { $by += 'ByPropertyName' }
    if ($by) { "True ($($by -join ', '))" } else { 'False' }
}
function Position($Metadata) { if ($Metadata.Position -lt 0) { 'named' } else { [string] $Metadata.Position } }
function Aliases($Parameter) { if ($Parameter.Aliases.Count) { $Parameter.Aliases -join ', ' } else { 'none' } }
function Globbing($Parameter) { ([string] [bool]($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })).ToLowerInvariant() }
function ValueLine($Type, [string] $Indent) {
    $required = if ($Type -eq [switch]) { 'false' } else { 'true' }
    "$Indent<command:parameterValue required=`"$required`" variableLength=`"false`">$($Type.Name)</command:parameterValue>"
}

$verb, $noun = $Name -split '-', 2
$out = [System.Collections.Generic.List[string]]::new()
$out.Add('  <command:command xmlns:maml="http://schemas.microsoft.com/maml/2004/10" xmlns:command="http://schemas.microsoft.com/maml/dev/command/2004/10" xmlns:dev="http://schemas.microsoft.com/maml/dev/2004/10" xmlns:MSHelp="http://msdn.microsoft.com/mshelp">')
$out.Add("    <command:details>`n      <command:name>$Name</command:name>`n      <command:verb>$verb</command:verb>`n      <command:noun>$noun</command:noun>")
$out.Add("      <maml:description>`n$(Para $words.Synopsis '        ')`n      </maml:description>`n    </command:details>")
$out.Add("    <maml:description>`n$(Para $words.Description '      ')`n    </maml:description>")
$out.Add('    <command:syntax>')
foreach ($set in $command.ParameterSets) {
    $out.Add("      <command:syntaxItem>`n        <maml:name>$Name</maml:name>")
    foreach ($parameter in $set.Parameters | Where-Object Name -NotIn $common) {
        $required = ([string] $parameter.IsMandatory).ToLowerInvariant()
        $position = if ($parameter.Position -lt 0) { 'named' } else { [string] $parameter.Position }
        $full = $command.Parameters[$parameter.Name]
        $out.Add("        <command:parameter required=`"$required`" variableLength=`"true`" globbing=`"$(Globbing $full)`" pipelineInput=`"$(Pipeline $parameter)`" position=`"$position`" aliases=`"$(Aliases $full)`">")
        $out.Add("          <maml:name>$($parameter.Name)</maml:name>")
        if ($parameter.ParameterType -ne [switch]) { $out.Add((ValueLine $parameter.ParameterType '          ')) }
        $out.Add("          <dev:type><maml:name>$($parameter.ParameterType.FullName)</maml:name><maml:uri /></dev:type>`n        </command:parameter>")
    }
    $out.Add('      </command:syntaxItem>')
}
$out.Add("    </command:syntax>`n    <command:parameters>")
foreach ($parameter in $command.Parameters.Values | Where-Object Name -NotIn $common | Sort-Object Name) {
    $sets = @($parameter.ParameterSets.Values)
    $required = if ($sets.IsMandatory -contains $true) { 'true' } else { 'false' }
    $position = @($sets | ForEach-Object { Position $_ } | Sort-Object -Unique) -join ', '
    $about = $words.Parameters[$parameter.Name]
    if (-not $about) { throw "No words for -$($parameter.Name) in $Text." }
    $out.Add("      <command:parameter required=`"$required`" variableLength=`"true`" globbing=`"$(Globbing $parameter)`" pipelineInput=`"$(Pipeline $sets[0])`" position=`"$position`" aliases=`"$(Aliases $parameter)`">")
    $out.Add("        <maml:name>$($parameter.Name)</maml:name>`n        <maml:description>`n$(Para $about.Description '          ')`n        </maml:description>")
    $out.Add((ValueLine $parameter.ParameterType '        '))
    $out.Add("        <dev:type><maml:name>$($parameter.ParameterType.FullName)</maml:name><maml:uri /></dev:type>")
    $default = if ($parameter.ParameterType -eq [switch]) { 'False' } elseif ($about.Default) { $about.Default } else { 'None' }
    $out.Add("        <dev:defaultValue>$(Escape $default)</dev:defaultValue>`n      </command:parameter>")
}
$out.Add("    </command:parameters>`n    <command:inputTypes>")
$inputs = if ($words.Inputs) { $words.Inputs } else { [ordered]@{ None = 'You cannot pipe objects to this command.' } }
foreach ($type in $inputs.Keys) {
    $out.Add("      <command:inputType>`n        <dev:type><maml:name>$type</maml:name></dev:type>`n        <maml:description>`n$(Para $inputs[$type] '          ')`n        </maml:description>`n      </command:inputType>")
}
$out.Add("    </command:inputTypes>`n    <command:returnValues>")
foreach ($type in $words.Outputs.Keys) {
    $out.Add("      <command:returnValue>`n        <dev:type><maml:name>$type</maml:name></dev:type>`n        <maml:description>`n$(Para $words.Outputs[$type] '          ')`n        </maml:description>`n      </command:returnValue>")
}
$out.Add("    </command:returnValues>`n    <maml:alertSet>`n      <maml:alert>`n$(Para $words.Notes '        ')`n      </maml:alert>`n    </maml:alertSet>`n    <command:examples>")
$number = 0
foreach ($example in $words.Examples) {
    $number++
    $out.Add("      <command:example>`n        <maml:title>--------- Example ${number}: $(Escape $example.Title) ---------</maml:title>")
    $out.Add("        <dev:code>$(Escape $example.Code)</dev:code>`n        <dev:remarks>`n$(Para $example.Remarks '          ')`n        </dev:remarks>`n      </command:example>")
}
$out.Add("    </command:examples>`n    <command:relatedLinks>`n      <maml:navigationLink>`n        <maml:linkText>Online Version:</maml:linkText>`n        <maml:uri>https://github.com/leanly/LeanlyPS/blob/main/README.md</maml:uri>`n      </maml:navigationLink>")
foreach ($link in @('about_Leanly') + @($words.Links)) { $out.Add("      <maml:navigationLink><maml:linkText>$link</maml:linkText><maml:uri /></maml:navigationLink>") }
$out.Add("    </command:relatedLinks>`n  </command:command>")
$out -join "`n"
