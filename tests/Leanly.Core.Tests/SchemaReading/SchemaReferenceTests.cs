using System.Text.Json;
using System.Text.Json.Nodes;
using Leanly.Core.Tests.Server;
using Leanly.Core.Tests.Support;
using Leanly.GraphQL;
using Leanly.Http;
using Leanly.Introspection;
using Leanly.Sdl;
using Leanly.TestServer;

namespace Leanly.Core.Tests.SchemaReading;

/// <summary>
/// Schemas read and written by the product against graphql-js 17.1.0 (tests/GraphQLReference/schema.mjs), byte
/// for byte: SdlReader against buildSchema, IntrospectionReader against buildClientSchema, SdlPrinter against
/// printSchema, IntrospectionWriter against introspectionFromSchema.
/// </summary>
public sealed class SchemaReferenceTests
{
    public static TheoryData<string> SdlFiles => new() { "schemas/everything.graphql", "corpus/schema.graphql" };

    [Fact]
    public void IntrospectionQueryTextIsGraphQLJsQueryWithTheFiveOptions() =>
        Assert.Equal(GraphQLReference.Run("schema.mjs", "query"), IntrospectionQuery.Text);

    [Fact]
    public void IntrospectionQueryLegacyIsGraphQLJsQueryWithDescriptionsOnly() =>
        Assert.Equal(GraphQLReference.Run("schema.mjs", "query-legacy"), IntrospectionQuery.Legacy);

    [Fact]
    public void BuiltInsAreGraphQLJsOwnDefinitions() =>
        Assert.Equal(GraphQLReference.Run("schema.mjs", "builtins"), BuiltInSchema.Text().Replace("\r\n", "\n"));

    [Theory]
    [MemberData(nameof(SdlFiles))]
    public void SdlFileReadsAsBuildSchemaBuildsIt(string file) => AssertSdlAgrees(Path.Combine(GraphQLReference.Directory, file));

    [Fact]
    public async Task TestServerSchemaAgreesBothWays() => await AssertServerSchemaAgreesAsync(largeSchema: false);

    [Fact]
    public async Task LargeGeneratedSchemaAgreesBothWays()
    {
        var schema = await AssertServerSchemaAgreesAsync(largeSchema: true);
        Assert.True(schema.Types.Count >= 1500, $"the large schema has {schema.Types.Count} types");
    }

    /// <summary>The test server's introspection answer, through IntrospectionReader, SdlPrinter and IntrospectionWriter; then its SDL through SdlReader.</summary>
    private static async Task<Leanly.Schema> AssertServerSchemaAgreesAsync(bool largeSchema)
    {
        await using var server = await LeanlyTestServer.StartAsync(new TestServerSettings { LargeSchema = largeSchema });
        using var connection = await ServerHarness.ConnectAsync(server);
        string answer;
        using (var response = await connection.ExecuteAsync(new GraphQLRequest(IntrospectionQuery.Text), NullLog.Instance, CancellationToken.None))
        {
            Assert.Empty(response.Errors);
            answer = "{\"data\":" + response.Data.GetRawText() + "}";
        }

        using var files = new TempFiles();
        var schema = IntrospectionReader.Read(answer, server.GraphQLUri.ToString(), DateTimeOffset.UtcNow);
        var printed = GraphQLReference.Run("schema.mjs", "print-introspection", files.Write("answer.json", answer));
        Assert.Equal(printed, SdlPrinter.Print(schema));
        Assert.Equal(printed, GraphQLReference.Run("schema.mjs", "print-introspection", files.Write("written.json", IntrospectionWriter.Write(schema))));

        AssertSdlAgrees(files.Write("server.graphql", printed));
        return schema;
    }

    private static void AssertSdlAgrees(string path)
    {
        var schema = SdlReader.Read(File.ReadAllText(path), path);
        var printed = GraphQLReference.Run("schema.mjs", "print-sdl", path);
        Assert.Equal(printed, SdlPrinter.Print(schema));

        // The whole model, built-in and introspection types, their order and every default value's literal included.
        var introspection = GraphQLReference.Run("schema.mjs", "introspect-sdl", path);
        Assert.Equal(Canonical(introspection), Canonical(IntrospectionWriter.Write(schema)));

        // graphql-js's introspection read by IntrospectionReader, and SdlReader's model written back, rebuild the same schema.
        Assert.Equal(printed, SdlPrinter.Print(IntrospectionReader.Read(introspection, "graphql-js", default)));
        using var files = new TempFiles();
        Assert.Equal(printed, GraphQLReference.Run("schema.mjs", "print-introspection", files.Write("written.json", IntrospectionWriter.Write(schema))));
    }

    /// <summary>JSON with the keys of every object sorted, one value a line, so that a difference shows where it is.</summary>
    private static string Canonical(string json) => Sorted(JsonNode.Parse(json))?.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) ?? "null";

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Sorted).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };
}
