using System.Text.Json;
using Leanly.Core.Tests.Support;
using Leanly.Errors;

namespace Leanly.Core.Tests.SchemaReading;

/// <summary>SDL that does not parse or is no valid schema: a SchemaFileInvalid at a line and column, where graphql-js also refuses it.</summary>
public sealed class SdlInvalidTests
{
    private static readonly Dictionary<string, string> Cases = new()
    {
        ["eof"] = "type Query {\n  a: Int\n",
        ["syntax"] = "type Query { a: }",
        ["variable-default"] = "type Query { a(x: Int = $v): Int }",
        ["no-query"] = "type Foo { a: Int }",
        ["duplicate-type"] = "type Query { a: Int }\ntype Query { b: Int }",
        ["duplicate-field"] = "type Query { a: Int\n  a: String }",
        ["unknown-type"] = "type Query { a: Foo }",
        ["extend-undefined"] = "type Query { a: Int }\nextend type Foo { b: Int }",
        ["extend-other-kind"] = "type Query { a: Int }\nenum E { A }\nextend type E { b: Int }",
        ["unknown-directive"] = "type Query { a: Int @nope }",
        ["directive-location"] = "type Query @deprecated { a: Int }",
        ["directive-twice"] = "type Query { a: Int @deprecated @deprecated }",
        ["required-argument"] = "scalar X @specifiedBy\ntype Query { a: X }",
        ["input-as-output"] = "input I { a: Int }\ntype Query { a: I }",
        ["output-as-input"] = "type Query { a(x: Query): Int }",
        ["root-unknown"] = "schema { query: Nope }",
        ["union-member"] = "type Query { u: U }\nunion U = Query | E\nenum E { A }",
        ["implements-object"] = "type Query implements Foo { a: Int }\ntype Foo { a: Int }",
        ["duplicate-enum-value"] = "type Query { a: E }\nenum E { A\n  A }",
    };

    private static readonly Lazy<JsonElement> Reference = new(() =>
    {
        using var files = new TempFiles();
        var paths = Cases.Select(c => files.Write(c.Key + ".graphql", c.Value)).ToArray();
        return JsonDocument.Parse(GraphQLReference.Run(new[] { "schema.mjs", "check-sdl" }.Concat(paths).ToArray())).RootElement.Clone();
    });

    public static TheoryData<string, int, int> Expected => new()
    {
        { "eof", 3, 1 },
        { "syntax", 1, 17 },
        { "variable-default", 1, 25 },
        { "no-query", 1, 1 },
        { "duplicate-type", 2, 6 },
        { "duplicate-field", 2, 3 },
        { "unknown-type", 1, 17 },
        { "extend-undefined", 2, 13 },
        { "extend-other-kind", 3, 1 },
        { "unknown-directive", 1, 21 },
        { "directive-location", 1, 12 },
        { "directive-twice", 1, 33 },
        { "required-argument", 1, 10 },
        { "input-as-output", 2, 17 },
        { "output-as-input", 1, 19 },
        { "root-unknown", 1, 17 },
        { "union-member", 2, 19 },
        { "implements-object", 1, 23 },
        { "duplicate-enum-value", 3, 3 },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void InvalidSdlIsSchemaFileInvalidAtLineAndColumn(string name, int line, int column)
    {
        var error = Assert.Throws<LeanlyException>(() => SdlReader.Read(Cases[name], name + ".graphql"));
        Assert.Equal(LeanlyErrorKind.SchemaFileInvalid, error.Kind);
        Assert.Contains($"'{name}.graphql' is not valid at line {line}, column {column}: ", error.Message, StringComparison.Ordinal);

        var judge = Reference.Value.GetProperty(name + ".graphql");
        Assert.Equal(JsonValueKind.Object, judge.ValueKind);
        var locations = judge.GetProperty("locations").EnumerateArray().Select(l => (l.GetProperty("line").GetInt32(), l.GetProperty("column").GetInt32())).ToList();
        Assert.True(locations.Count == 0 || locations.Contains((line, column)), $"graphql-js puts '{judge.GetProperty("message").GetString()}' at {string.Join(", ", locations)}");
    }

    [Fact]
    public void SchemaFileReadsSdlAndJsonByContent()
    {
        using var files = new TempFiles();
        var sdl = SchemaFile.Read(files.Write("schema.graphql", "type Query { a: Int }"));
        Assert.Equal("Query", sdl.QueryType);
        var json = SchemaFile.Read(files.Write("schema.txt", Leanly.Introspection.IntrospectionWriter.Write(sdl)));
        Assert.Equal(sdl.Types.Select(t => t.Name), json.Types.Select(t => t.Name));
        var error = Assert.Throws<LeanlyException>(() => SchemaFile.Read(files.Write("bad.graphqls", "type Query {")));
        Assert.Equal(LeanlyErrorKind.SchemaFileInvalid, error.Kind);
    }
}
