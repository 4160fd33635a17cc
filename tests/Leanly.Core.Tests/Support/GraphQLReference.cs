using System.Diagnostics;
using Leanly.Introspection;

namespace Leanly.Core.Tests.Support;

/// <summary>
/// graphql-js (tests/GraphQLReference) as the judge: finds the fixture and runs its scripts with node. build.ps1's
/// test task installs it (npm ci) when node_modules is missing.
/// </summary>
internal static class GraphQLReference
{
    private static readonly Lazy<string> Fixture = new(Find);

    public static string Directory => Fixture.Value;

    public static string CorpusSchemaFile => Path.Combine(Directory, "corpus", "schema.graphql");

    public static string Run(params string[] arguments) => Exec("node", Directory, arguments);

    /// <summary>The corpus schema as the model, read by the product's reader from graphql-js's own introspection of the SDL.</summary>
    public static Schema CorpusSchema() => IntrospectionReader.Read(Run("validate.mjs", "introspect", CorpusSchemaFile), "graphql-js", default);

    private static string Find()
    {
        var directory = AppContext.BaseDirectory;
        while (directory is not null && !File.Exists(Path.Combine(directory, "tests", "GraphQLReference", "package.json")))
        {
            directory = Path.GetDirectoryName(directory);
        }

        var fixture = Path.Combine(directory ?? throw new InvalidOperationException("tests/GraphQLReference not found above " + AppContext.BaseDirectory), "tests", "GraphQLReference");
        if (!System.IO.Directory.Exists(Path.Combine(fixture, "node_modules", "graphql")))
        {
            throw new InvalidOperationException($"graphql-js is not installed in {fixture}: run 'dotnet pwsh ./build.ps1 -Task Test' (it runs npm ci there), or npm ci in that folder.");
        }

        return fixture;
    }

    private static string Exec(string program, string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, StandardOutputEncoding = System.Text.Encoding.UTF8 };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException(program + " did not start");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error.Result}");
        }

        return output;
    }
}
