# Rules for what is committed, checked over the tracked files themselves (git ls-files).

BeforeAll {
    $script:root = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path

    # Every tracked file that is text: a NUL byte in its first 8000 bytes marks it binary, as git decides.
    function script:Get-TrackedTextFiles {
        $names = @(git -C $root ls-files)
        $LASTEXITCODE | Should -Be 0 -Because 'the tests run in a git checkout'
        foreach ($name in $names) {
            $path = Join-Path $root $name
            if (-not (Test-Path -LiteralPath $path -PathType Leaf)) { continue }
            $bytes = [IO.File]::ReadAllBytes($path)
            if ([Array]::IndexOf($bytes, [byte]0, 0, [Math]::Min($bytes.Length, 8000)) -ge 0) { continue }
            [pscustomobject]@{ Name = $name; Lines = [Text.Encoding]::UTF8.GetString($bytes) -split '\r?\n' }
        }
    }

    # A developer's home or work folder, or a temp folder used as one: on Linux, macOS and Windows. A slash right
    # after a word character (a host name: https://example.com/work/) does not count.
    $script:machinePath = [regex]::new(
        '(?<![\w.~-])/(?:home|Users)/[A-Za-z_][\w.-]*/|(?<![\w.~-])/(?:root|work|tmp)/[\w.-]|(?<![\w])[A-Za-z]:\\Users\\[A-Za-z_][\w.-]*',
        'CultureInvariant')

    function script:Find-MachinePaths($Files) {
        foreach ($file in $Files) {
            for ($i = 0; $i -lt $file.Lines.Count; $i++) {
                if ($machinePath.IsMatch($file.Lines[$i])) { '{0}:{1}: {2}' -f $file.Name, ($i + 1), $file.Lines[$i].Trim() }
            }
        }
    }

    $script:tracked = @(Get-TrackedTextFiles)
}

Describe 'The tracked files' {
    It 'are found: git ls-files lists the build, the sources and the tests' {
        $tracked.Name | Should -Contain 'Directory.Build.props'
        $tracked.Name | Should -Contain 'src/Leanly/Leanly.csproj'
        $tracked.Name | Should -Contain 'tests/TestHelpers.psm1'
    }

    It 'recognises a machine path in <Text>' -ForEach @(
        @{ Text = 'see ' + '/ho' + 'me/alice/notes.md' }
        @{ Text = 'see ' + '/ro' + 'ot/notes.md' }
        @{ Text = 'see ' + '/wo' + 'rk/shared/notes.md' }
        @{ Text = 'see ' + '/Us' + 'ers/alice/notes.md' }
        @{ Text = 'see C:' + '\Us' + 'ers\alice\notes.md' }
        @{ Text = 'written to ' + '/tm' + 'p/leanly-run/out.txt' }
    ) {
        @(Find-MachinePaths @([pscustomobject]@{ Name = 'sample'; Lines = @($Text) })).Count | Should -Be 1
    }

    It 'does not take <Text> for a machine path' -ForEach @(
        @{ Text = 'https://graphql.leanly.cloud/graphql' }
        @{ Text = 'https://example.com/work/items and https://example.com/home/x/' }
        @{ Text = '$HOME/.config and ~/work/notes.md' }
        @{ Text = '[IO.Path]::GetTempPath()' }
    ) {
        @(Find-MachinePaths @([pscustomobject]@{ Name = 'sample'; Lines = @($Text) })) | Should -BeNullOrEmpty
    }

    It 'name no absolute home, work or temp path of a machine' {
        $hits = @(Find-MachinePaths $tracked)
        $hits | Should -BeNullOrEmpty -Because "committed files must not depend on one machine:`n$($hits -join "`n")"
    }
}

Describe 'The C# sources' {
    It 'write error ids only in the error table (src/Leanly/Errors/LeanlyErrorTable.cs)' {
        # Any "Leanly..." string literal outside the table, except a cmdlet's noun, is an error id written elsewhere.
        $elsewhere = foreach ($file in $tracked | Where-Object { $_.Name -like 'src/*.cs' -and $_.Name -ne 'src/Leanly/Errors/LeanlyErrorTable.cs' }) {
            for ($i = 0; $i -lt $file.Lines.Count; $i++) {
                $line = $file.Lines[$i]
                if ($line -cmatch '(?<!cref=)"Leanly[A-Z][A-Za-z]+"' -and $line -notmatch '^\s*\[Cmdlet\(') { '{0}:{1}: {2}' -f $file.Name, ($i + 1), $line.Trim() }
            }
        }

        @($elsewhere) | Should -BeNullOrEmpty
    }
}
