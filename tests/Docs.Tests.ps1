# The project's pages link to each other: every relative link and #anchor between them must lead somewhere.

BeforeAll {
    $script:root = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path

    function script:Get-DocPages([string] $Root) {
        foreach ($name in 'README.md', 'CONTRIBUTING.md', 'CHANGELOG.md') {
            $path = Join-Path $Root $name
            if (Test-Path -LiteralPath $path) { $path }
        }
        $docs = Join-Path $Root 'docs'
        if (Test-Path -LiteralPath $docs) { (Get-ChildItem -LiteralPath $docs -Filter *.md -File | Sort-Object Name).FullName }
    }

    # The lines of a page outside fenced code blocks, with inline code removed (kept with -KeepCode).
    function script:Get-ProseLines([string] $Path, [switch] $KeepCode) {
        $fence = $null
        foreach ($line in Get-Content -LiteralPath $Path) {
            if ($line -match '^\s*(```|~~~)') {
                if (-not $fence) { $fence = $Matches[1] } elseif ($line.TrimStart().StartsWith($fence)) { $fence = $null }
                continue
            }
            if ($fence) { continue }
            if ($KeepCode) { $line } else { $line -replace '`[^`]*`', '' }
        }
    }

    # GitHub's anchors: the heading text lower-cased, punctuation dropped, spaces as hyphens, repeats numbered.
    function script:Get-Anchors([string] $Path) {
        $seen = @{}
        foreach ($line in Get-ProseLines $Path -KeepCode) {
            if ($line -notmatch '^#{1,6}\s+(.+?)\s*#*\s*$') { continue }
            $slug = ($Matches[1].ToLowerInvariant() -replace '[^\p{L}\p{N}\s_-]', '') -replace '\s', '-'
            if ($seen.ContainsKey($slug)) { $seen[$slug]++; "$slug-$($seen[$slug])" } else { $seen[$slug] = 0; $slug }
        }
    }

    # Every relative link of the pages under $Root that leads nowhere, as 'page: target (reason)'.
    function script:Find-BrokenLinks([string] $Root) {
        $anchors = @{}
        foreach ($page in Get-DocPages $Root) {
            $dir = Split-Path -Parent $page
            $name = [IO.Path]::GetRelativePath($Root, $page) -replace '\\', '/'
            $targets = foreach ($line in Get-ProseLines $page) {
                [regex]::Matches($line, '!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)') | ForEach-Object { $_.Groups[1].Value }
                if ($line -match '^\s*\[[^\]]+\]:\s*(\S+)') { $Matches[1] }
            }
            foreach ($target in $targets) {
                if ($target -match '^[A-Za-z][A-Za-z0-9+.-]*:') { continue }   # https:, mailto: ...
                $file, $anchor = $target -split '#', 2
                $file = [Uri]::UnescapeDataString($file)
                $path = if ($file) { [IO.Path]::GetFullPath((Join-Path $dir $file)) } else { $page }
                if (-not (Test-Path -LiteralPath $path)) { "${name}: $target (no such file)"; continue }
                if (-not $anchor) { continue }
                if ($path -notlike '*.md') { "${name}: $target (an anchor into a page that is not markdown)"; continue }
                if (-not $anchors.ContainsKey($path)) { $anchors[$path] = @(Get-Anchors $path) }
                if ($anchors[$path] -cnotcontains $anchor) { "${name}: $target (no heading with that anchor)" }
            }
        }
    }
}

Describe 'The links between README, CONTRIBUTING, CHANGELOG and docs/' {
    It 'finds the pages' {
        $names = @(Get-DocPages $root | ForEach-Object { [IO.Path]::GetRelativePath($root, $_) -replace '\\', '/' })
        $names | Should -Contain 'README.md'
        $names | Should -Contain 'CONTRIBUTING.md'
        $names | Should -Contain 'docs/troubleshooting.md'
    }

    It 'all lead to a file that exists and, with an #anchor, to a heading in it' {
        $broken = @(Find-BrokenLinks $root)
        $broken | Should -BeNullOrEmpty -Because "every link must lead somewhere ($($broken -join '; '))"
    }

    It 'are checked: a missing page, a missing anchor and an anchor into a non-markdown file are reported' {
        $site = Join-Path $TestDrive 'site'
        New-Item -ItemType Directory -Force -Path (Join-Path $site 'docs') | Out-Null
        Set-Content -LiteralPath (Join-Path $site 'LICENSE') -Value 'text'
        Set-Content -LiteralPath (Join-Path $site 'docs/a.md') -Value @(
            '# Page A', '## Speed: and memory', '## Speed: and memory', 'Back to the [readme](../README.md#top-page).')
        Set-Content -LiteralPath (Join-Path $site 'README.md') -Value @(
            '# Top page',
            'Good: [a](docs/a.md), [twice](docs/a.md#speed-and-memory-1), [here](#top-page), [web](https://example.com/x.md).',
            'Broken: [gone](docs/missing.md) and [anchor](docs/a.md#no-such-heading) and [license](LICENSE#x).',
            'Not a link: `[code](nowhere.md)`',
            '```',
            '[in a fence](nowhere-either.md)',
            '```')
        @(Find-BrokenLinks $site) | Should -Be @(
            'README.md: docs/missing.md (no such file)'
            'README.md: docs/a.md#no-such-heading (no heading with that anchor)'
            'README.md: LICENSE#x (an anchor into a page that is not markdown)')
    }
}

Describe 'The README' {
    BeforeAll {
        $script:readme = Get-Content -LiteralPath (Join-Path $root 'README.md')
    }

    It 'keeps the two set-up commands as they are typed' {
        $readme | Should -Contain 'dotnet tool restore && dotnet pwsh ./build.ps1 -Task Demo'
        $readme | Should -Contain 'dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test'
    }

    It 'shares no section heading with CONTRIBUTING or docs/: each section is in one place' {
        $pages = @(Get-DocPages $root | Where-Object { (Split-Path -Leaf $_) -ne 'CHANGELOG.md' })
        $headings = foreach ($page in $pages) {
            Get-ProseLines $page | Where-Object { $_ -match '^#{2,6}\s' } | ForEach-Object {
                [pscustomobject]@{ Page = Split-Path -Leaf $page; Heading = ($_ -replace '^#+\s+', '').Trim() }
            }
        }
        $shared = @($headings | Group-Object Heading | Where-Object { @($_.Group.Page | Sort-Object -Unique).Count -gt 1 } | ForEach-Object Name)
        $shared | Should -BeNullOrEmpty
    }
}
