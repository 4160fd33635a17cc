using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Leanly.Sdl;

/// <summary>
/// What graphql-js's buildSchema adds to every schema: the specified scalars, directives and introspection types,
/// read once from BuiltIns.graphql (graphql-js 17.1.0's own definitions, printed by tests/GraphQLReference/schema.mjs
/// builtins; a test keeps the two equal).
/// </summary>
internal sealed class BuiltInSchema
{
    private static readonly Lazy<BuiltInSchema> Instance = new(Load);

    private BuiltInSchema(Dictionary<string, SchemaType> types, IReadOnlyList<SchemaDirective> directives)
    {
        Types = types;
        Directives = directives;
    }

    public static BuiltInSchema Value => Instance.Value;

    public IReadOnlyDictionary<string, SchemaType> Types { get; }

    public IReadOnlyList<SchemaDirective> Directives { get; }

    public SchemaType? Find(string name) => Types.TryGetValue(name, out var type) ? type : null;

    public static string Text()
    {
        using var stream = typeof(BuiltInSchema).Assembly.GetManifestResourceStream("Leanly.Sdl.BuiltIns.graphql")
            ?? throw new InvalidOperationException("BuiltIns.graphql is not embedded in Leanly.Schema.dll.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static BuiltInSchema Load()
    {
        // graphql-js 17 allows @deprecated on directive definitions, a location GraphQL-Parser 9.5 does not parse:
        // it is taken out of the text and given back to the directive whose definition held it.
        var text = Text().Replace("\r\n", "\n");
        var held = text.IndexOf(NewLocation, StringComparison.Ordinal);
        var source = new SdlSource(held < 0 ? text : text.Remove(held, NewLocation.Length), "BuiltIns.graphql");
        var definitions = SdlDefinitions.Collect(SdlParsing.Parse(source), source);
        var builder = new SdlTypeBuilder(source, definitions, _ => null);
        var types = definitions.Types.Select(builder.Type).ToDictionary(t => t.Name, StringComparer.Ordinal);
        var directives = definitions.Directives.Select(node => node.Location.Start <= held && held <= node.Location.End
            ? WithLocation(builder.Directive(node), "DIRECTIVE_DEFINITION")
            : builder.Directive(node)).ToList();
        return new BuiltInSchema(types, directives);
    }

    private const string NewLocation = " | DIRECTIVE_DEFINITION";

    private static SchemaDirective WithLocation(SchemaDirective directive, string location) => new()
    {
        Name = directive.Name,
        Description = directive.Description,
        Locations = directive.Locations.Concat(new[] { location }).ToList(),
        Arguments = directive.Arguments,
        IsRepeatable = directive.IsRepeatable,
    };
}
