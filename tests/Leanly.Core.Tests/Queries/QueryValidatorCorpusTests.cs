using System.Text.Json;
using Leanly.Core.Tests.Support;

namespace Leanly.Core.Tests.Queries;

/// <summary>Every corpus document checked by QueryValidator and by graphql-js validate (+ NoDeprecatedCustomRule).</summary>
public class QueryValidatorCorpusTests
{
    private static readonly Lazy<(Leanly.Schema Schema, JsonElement Reference)> Judged = new(() =>
    {
        var documents = Directory.GetFiles(Path.Combine(GraphQLReference.Directory, "corpus"), "*.graphql").Where(f => Path.GetFileName(f) != "schema.graphql").Order(StringComparer.Ordinal).ToArray();
        var reference = JsonDocument.Parse(GraphQLReference.Run(new[] { "validate.mjs", "validate", GraphQLReference.CorpusSchemaFile }.Concat(documents).ToArray())).RootElement;
        return (GraphQLReference.CorpusSchema(), reference);
    });

    public static TheoryData<string> Documents()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(GraphQLReference.Directory, "corpus"), "*.graphql").Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(file) != "schema.graphql")
            {
                data.Add(Path.GetFileName(file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Verdict_and_first_location_agree_with_graphql_js(string name)
    {
        var (schema, reference) = Judged.Value;
        var expected = reference.GetProperty(name);
        var path = Path.Combine(GraphQLReference.Directory, "corpus", name);
        var problems = QueryValidator.Validate(schema, File.ReadAllText(path), path);
        var errors = problems.Where(p => p.Severity == QueryProblemSeverity.Error).ToList();
        var warnings = problems.Where(p => p.Severity == QueryProblemSeverity.Warning).ToList();
        var expectedErrors = expected.GetProperty("errors").EnumerateArray().ToList();
        var expectedWarnings = expected.GetProperty("warnings").EnumerateArray().ToList();

        Assert.True(expectedErrors.Count == 0 == (errors.Count == 0), $"{name}: graphql-js {Describe(expectedErrors)}; ours {string.Join(" | ", errors)}");
        Assert.All(problems, p => Assert.Equal(path, p.Path));
        if (expectedErrors.Count > 0)
        {
            // Our first error is one graphql-js reports: same rule, at one of its locations.
            var ours = errors[0];
            Assert.True(
                expectedErrors.Any(e => e.GetProperty("rule").GetString() == ours.Rule && Locations(e).Contains((ours.Line, ours.Column))),
                $"{name}: graphql-js {Describe(expectedErrors)} at {string.Join(", ", expectedErrors.Select(e => string.Join(" ", Locations(e))))}; ours {ours} ({ours.Rule})");
        }

        Assert.Equal(expectedWarnings.Count, warnings.Count);
        for (var i = 0; i < warnings.Count; i++)
        {
            Assert.Equal("NoDeprecated", warnings[i].Rule);
            Assert.Contains((warnings[i].Line, warnings[i].Column), Locations(expectedWarnings[i]));
            Assert.Equal(expectedWarnings[i].GetProperty("message").GetString(), warnings[i].Message);
        }
    }

    private static List<(int, int)> Locations(JsonElement problem) =>
        problem.GetProperty("locations").EnumerateArray().Select(l => (l.GetProperty("line").GetInt32(), l.GetProperty("column").GetInt32())).ToList();

    private static string Describe(List<JsonElement> errors) => errors.Count == 0 ? "valid" : string.Join(" | ", errors.Select(e => e.GetProperty("rule").GetString() + ": " + e.GetProperty("message").GetString()));
}
