using System.Collections.Generic;
using GraphQLParser.AST;

namespace Leanly.Sdl;

/// <summary>
/// The definitions of an SDL document sorted by what they define: types in the order written, their extensions,
/// directive definitions, the schema definition and its extensions. Names defined twice are refused here.
/// Operations and fragments are left out, as graphql-js's buildSchema leaves them.
/// </summary>
internal sealed class SdlDefinitions
{
    public List<GraphQLTypeDefinition> Types { get; } = new();

    public Dictionary<string, GraphQLTypeDefinition> TypesByName { get; } = new(System.StringComparer.Ordinal);

    public Dictionary<string, List<GraphQLTypeExtension>> Extensions { get; } = new(System.StringComparer.Ordinal);

    public List<GraphQLDirectiveDefinition> Directives { get; } = new();

    public GraphQLSchemaDefinition? Schema { get; private set; }

    public List<GraphQLSchemaExtension> SchemaExtensions { get; } = new();

    public static SdlDefinitions Collect(GraphQLDocument document, SdlSource source)
    {
        var definitions = new SdlDefinitions();
        var directiveNames = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var node in document.Definitions)
        {
            switch (node)
            {
                case GraphQLSchemaDefinition schema:
                    definitions.Schema = definitions.Schema is null ? schema : throw source.Invalid(schema, "Must provide only one schema definition.");
                    break;
                case GraphQLSchemaExtension extension:
                    definitions.SchemaExtensions.Add(extension);
                    break;
                case GraphQLDirectiveDefinition directive:
                    if (!directiveNames.Add(directive.Name.StringValue))
                    {
                        throw source.Invalid(directive.Name, $"There can be only one directive named \"@{directive.Name.StringValue}\".");
                    }

                    definitions.Directives.Add(directive);
                    break;
                case GraphQLTypeExtension extension:
                    var name = extension.Name.StringValue;
                    if (!definitions.Extensions.TryGetValue(name, out var list))
                    {
                        definitions.Extensions[name] = list = new List<GraphQLTypeExtension>();
                    }

                    list.Add(extension);
                    break;
                case GraphQLTypeDefinition type when SdlKinds.Of(type) is not null:
                    if (definitions.TypesByName.ContainsKey(type.Name.StringValue))
                    {
                        throw source.Invalid(type.Name, $"There can be only one type named \"{type.Name.StringValue}\".");
                    }

                    definitions.TypesByName.Add(type.Name.StringValue, type);
                    definitions.Types.Add(type);
                    break;
                default:
                    // Operations and fragments: buildSchema passes over them, and so does this reader.
                    break;
            }
        }

        return definitions;
    }
}
