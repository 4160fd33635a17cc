using System.Diagnostics;
using System.Text.Json;

namespace Leanly.Core.Tests.Support;

/// <summary>
/// graphql-js (tests/GraphQLReference) as the judge: finds the fixture, installs it with npm ci when node_modules is
/// missing, runs its scripts with node.
/// </summary>
internal static class GraphQLReference
{
    private static readonly Lazy<string> Fixture = new(Install);

    public static string Directory => Fixture.Value;

    public static string CorpusSchemaFile => Path.Combine(Directory, "corpus", "schema.graphql");

    public static string Run(params string[] arguments) => Exec("node", Directory, arguments);

    /// <summary>The corpus schema as the model, read from graphql-js's own introspection of the SDL.</summary>
    public static Schema CorpusSchema() => IntrospectionJson.Read(Run("validate.mjs", "introspect", CorpusSchemaFile));

    private static string Install()
    {
        var directory = AppContext.BaseDirectory;
        while (directory is not null && !File.Exists(Path.Combine(directory, "tests", "GraphQLReference", "package.json")))
        {
            directory = Path.GetDirectoryName(directory);
        }

        var fixture = Path.Combine(directory ?? throw new InvalidOperationException("tests/GraphQLReference not found above " + AppContext.BaseDirectory), "tests", "GraphQLReference");
        if (!System.IO.Directory.Exists(Path.Combine(fixture, "node_modules", "graphql")))
        {
            Exec("npm", fixture, "ci", "--no-audit", "--no-fund");
        }

        return fixture;
    }

    private static string Exec(string program, string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
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

/// <summary>A small test-only reader of graphql-js introspection JSON into the model (the product's reader is issue 20's other part).</summary>
internal static class IntrospectionJson
{
    public static Schema Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        var schema = document.RootElement.TryGetProperty("data", out var data) ? data.GetProperty("__schema") : document.RootElement.GetProperty("__schema");
        return new Schema
        {
            Description = Text(schema, "description"),
            QueryType = schema.GetProperty("queryType").GetProperty("name").GetString()!,
            MutationType = RootName(schema, "mutationType"),
            SubscriptionType = RootName(schema, "subscriptionType"),
            Types = schema.GetProperty("types").EnumerateArray().Select(ReadType).ToList(),
            Directives = schema.GetProperty("directives").EnumerateArray().Select(d => new SchemaDirective
            {
                Name = d.GetProperty("name").GetString()!,
                Description = Text(d, "description"),
                Locations = d.GetProperty("locations").EnumerateArray().Select(l => l.GetString()!).ToList(),
                Arguments = d.GetProperty("args").EnumerateArray().Select(ReadInput).ToList(),
                IsRepeatable = d.TryGetProperty("isRepeatable", out var r) && r.GetBoolean(),
            }).ToList(),
            Source = "graphql-js",
        };
    }

    private static SchemaType ReadType(JsonElement type) => new()
    {
        Name = type.GetProperty("name").GetString()!,
        Kind = type.GetProperty("kind").GetString() switch
        {
            "OBJECT" => SchemaTypeKind.Object,
            "INTERFACE" => SchemaTypeKind.Interface,
            "UNION" => SchemaTypeKind.Union,
            "ENUM" => SchemaTypeKind.Enum,
            "INPUT_OBJECT" => SchemaTypeKind.InputObject,
            _ => SchemaTypeKind.Scalar,
        },
        Description = Text(type, "description"),
        SpecifiedByUrl = Text(type, "specifiedByURL"),
        Fields = List(type, "fields").Select(f => new SchemaField
        {
            Name = f.GetProperty("name").GetString()!,
            Type = Sdl(f.GetProperty("type")),
            NamedType = Named(f.GetProperty("type")),
            Arguments = f.GetProperty("args").EnumerateArray().Select(ReadInput).ToList(),
            Description = Text(f, "description"),
            IsDeprecated = f.GetProperty("isDeprecated").GetBoolean(),
            DeprecationReason = Text(f, "deprecationReason"),
        }).ToList(),
        InputFields = List(type, "inputFields").Select(ReadInput).ToList(),
        EnumValues = List(type, "enumValues").Select(v => new SchemaEnumValue
        {
            Name = v.GetProperty("name").GetString()!,
            Description = Text(v, "description"),
            IsDeprecated = v.GetProperty("isDeprecated").GetBoolean(),
            DeprecationReason = Text(v, "deprecationReason"),
        }).ToList(),
        Interfaces = List(type, "interfaces").Select(i => i.GetProperty("name").GetString()!).ToList(),
        PossibleTypes = List(type, "possibleTypes").Select(i => i.GetProperty("name").GetString()!).ToList(),
    };

    private static SchemaInputValue ReadInput(JsonElement value) => new()
    {
        Name = value.GetProperty("name").GetString()!,
        Type = Sdl(value.GetProperty("type")),
        NamedType = Named(value.GetProperty("type")),
        DefaultValue = Text(value, "defaultValue"),
        Description = Text(value, "description"),
        IsDeprecated = value.TryGetProperty("isDeprecated", out var d) && d.GetBoolean(),
        DeprecationReason = Text(value, "deprecationReason"),
    };

    private static string Sdl(JsonElement type) => type.GetProperty("kind").GetString() switch
    {
        "NON_NULL" => Sdl(type.GetProperty("ofType")) + "!",
        "LIST" => "[" + Sdl(type.GetProperty("ofType")) + "]",
        _ => type.GetProperty("name").GetString()!,
    };

    private static string Named(JsonElement type) => type.GetProperty("ofType").ValueKind == JsonValueKind.Object ? Named(type.GetProperty("ofType")) : type.GetProperty("name").GetString()!;

    private static IEnumerable<JsonElement> List(JsonElement owner, string name) =>
        owner.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray() : Enumerable.Empty<JsonElement>();

    private static string? RootName(JsonElement schema, string name) =>
        schema.TryGetProperty(name, out var root) && root.ValueKind == JsonValueKind.Object ? root.GetProperty("name").GetString() : null;

    private static string? Text(JsonElement owner, string name) =>
        owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
