using System;
using System.Collections.Generic;
using System.Linq;
using GraphQLParser.AST;

namespace Leanly.Sdl;

/// <summary>
/// Turns type and directive definitions (extensions merged) into the schema model as graphql-js's buildSchema
/// would: every type reference known and of the right kind (input or output, interface, union member), names
/// unique within their type. Applied directives are gathered for <see cref="SdlDirectives"/> to check once all
/// directives are known.
/// </summary>
internal sealed class SdlTypeBuilder
{
    private readonly SdlSource _source;
    private readonly SdlDefinitions _definitions;
    private readonly Func<string, SchemaTypeKind?> _builtInKind;

    public SdlTypeBuilder(SdlSource source, SdlDefinitions definitions, Func<string, SchemaTypeKind?> builtInKind)
    {
        _source = source;
        _definitions = definitions;
        _builtInKind = builtInKind;
    }

    /// <summary>Nodes that carry directives, with the location they stand at.</summary>
    public List<(IHasDirectivesNode Node, string Location)> Applied { get; } = new();

    public SchemaTypeKind? KindOf(string name) =>
        _builtInKind(name) ?? (_definitions.TypesByName.TryGetValue(name, out var type) ? SdlKinds.Of(type) : null);

    public SchemaDirective Directive(GraphQLDirectiveDefinition node) => new()
    {
        Name = node.Name.StringValue,
        Description = Description(node),
        Locations = node.Locations.Items.Select(Location).ToList(),
        Arguments = InputValues(node.Arguments?.Items, "@" + node.Name.StringValue, "ARGUMENT_DEFINITION", (owner, name) => $"Argument \"{owner}({name}:)\" can only be defined once."),
        IsRepeatable = node.Repeatable,
    };

    public SchemaType Type(GraphQLTypeDefinition node)
    {
        var name = node.Name.StringValue;
        var kind = SdlKinds.Of(node)!.Value;
        var nodes = new List<ASTNode> { node };
        if (_definitions.Extensions.TryGetValue(name, out var extensions))
        {
            foreach (var extension in extensions)
            {
                if (SdlKinds.Of(extension) != kind)
                {
                    throw _source.Invalid(extension, $"Cannot extend non-{SdlKinds.Describe(SdlKinds.Of(extension)!.Value)} type \"{name}\".");
                }

                nodes.Add(extension);
            }
        }

        foreach (var directed in nodes.OfType<IHasDirectivesNode>())
        {
            Applied.Add((directed, SdlKinds.Location(kind)));
        }

        return kind switch
        {
            SchemaTypeKind.Object or SchemaTypeKind.Interface => new SchemaType
            {
                Name = name,
                Kind = kind,
                Description = Description(node),
                Interfaces = Interfaces(nodes, name),
                Fields = Fields(nodes, name),
            },
            SchemaTypeKind.Union => new SchemaType { Name = name, Kind = kind, Description = Description(node), PossibleTypes = Members(nodes, name) },
            SchemaTypeKind.Enum => new SchemaType { Name = name, Kind = kind, Description = Description(node), EnumValues = EnumValues(nodes, name) },
            SchemaTypeKind.InputObject => new SchemaType
            {
                Name = name,
                Kind = kind,
                Description = Description(node),
                InputFields = InputValues(nodes.SelectMany(n => InputFieldsOf(n)), name, "INPUT_FIELD_DEFINITION", (owner, field) => $"Field \"{owner}.{field}\" can only be defined once."),
            },
            _ => new SchemaType
            {
                Name = name,
                Kind = kind,
                Description = Description(node),
                SpecifiedByUrl = nodes.OfType<IHasDirectivesNode>().Select(SdlDirectives.SpecifiedByUrl).LastOrDefault(url => url is not null),
            },
        };
    }

    /// <summary>A root operation type: known, and an object type.</summary>
    public string RootType(GraphQLNamedType node, string operation)
    {
        var name = node.Name.StringValue;
        var kind = KindOf(name) ?? throw _source.Invalid(node, $"Unknown type \"{name}\".");
        return kind == SchemaTypeKind.Object ? name : throw _source.Invalid(node, $"{operation} root type must be Object type, it cannot be {name}.");
    }

    private List<string> Interfaces(List<ASTNode> nodes, string owner)
    {
        var names = new List<string>();
        foreach (var reference in nodes.OfType<IHasInterfacesNode>().SelectMany(n => n.Interfaces?.Items ?? Enumerable.Empty<GraphQLNamedType>()))
        {
            var name = reference.Name.StringValue;
            var kind = KindOf(name) ?? throw _source.Invalid(reference, $"Unknown type \"{name}\".");
            if (kind != SchemaTypeKind.Interface)
            {
                throw _source.Invalid(reference, $"Type {owner} must only implement Interface types, it cannot implement {name}.");
            }

            if (names.Contains(name))
            {
                throw _source.Invalid(reference, $"Type {owner} can only implement {name} once.");
            }

            names.Add(name);
        }

        return names;
    }

    private List<string> Members(List<ASTNode> nodes, string owner)
    {
        var names = new List<string>();
        foreach (var reference in nodes.SelectMany(n => n switch
        {
            GraphQLUnionTypeDefinition d => d.Types?.Items,
            GraphQLUnionTypeExtension e => e.Types?.Items,
            _ => null,
        } ?? Enumerable.Empty<GraphQLNamedType>()))
        {
            var name = reference.Name.StringValue;
            var kind = KindOf(name) ?? throw _source.Invalid(reference, $"Unknown type \"{name}\".");
            if (kind != SchemaTypeKind.Object)
            {
                throw _source.Invalid(reference, $"Union type {owner} can only include Object types, it cannot include {name}.");
            }

            if (names.Contains(name))
            {
                throw _source.Invalid(reference, $"Union type {owner} can only include type {name} once.");
            }

            names.Add(name);
        }

        return names;
    }

    private List<SchemaField> Fields(List<ASTNode> nodes, string owner)
    {
        var fields = new List<SchemaField>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in nodes.OfType<IHasFieldsDefinitionNode>().SelectMany(n => n.Fields?.Items ?? Enumerable.Empty<GraphQLFieldDefinition>()))
        {
            var name = field.Name.StringValue;
            if (!names.Add(name))
            {
                throw _source.Invalid(field.Name, $"Field \"{owner}.{name}\" can only be defined once.");
            }

            Applied.Add((field, "FIELD_DEFINITION"));
            var (sdl, named) = TypeReference(field.Type, $"{owner}.{name}", input: false);
            var reason = SdlDirectives.DeprecationReason(field);
            fields.Add(new SchemaField
            {
                Name = name,
                Type = sdl,
                NamedType = named,
                Arguments = InputValues(field.Arguments?.Items, $"{owner}.{name}", "ARGUMENT_DEFINITION", (o, a) => $"Argument \"{o}({a}:)\" can only be defined once."),
                Description = Description(field),
                IsDeprecated = reason is not null,
                DeprecationReason = reason,
            });
        }

        return fields;
    }

    private List<SchemaEnumValue> EnumValues(List<ASTNode> nodes, string owner)
    {
        var values = new List<SchemaEnumValue>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in nodes.SelectMany(n => n switch
        {
            GraphQLEnumTypeDefinition d => d.Values?.Items,
            GraphQLEnumTypeExtension e => e.Values?.Items,
            _ => null,
        } ?? Enumerable.Empty<GraphQLEnumValueDefinition>()))
        {
            var name = value.Name.StringValue;
            if (name is "true" or "false" or "null")
            {
                throw _source.Invalid(value.Name, $"Enum type {owner} cannot include value: {name}.");
            }

            if (!names.Add(name))
            {
                throw _source.Invalid(value.Name, $"Enum value \"{owner}.{name}\" can only be defined once.");
            }

            Applied.Add((value, "ENUM_VALUE"));
            var reason = SdlDirectives.DeprecationReason(value);
            values.Add(new SchemaEnumValue { Name = name, Description = Description(value), IsDeprecated = reason is not null, DeprecationReason = reason });
        }

        return values;
    }

    private List<SchemaInputValue> InputValues(IEnumerable<GraphQLInputValueDefinition>? nodes, string owner, string location, Func<string, string, string> duplicate)
    {
        var values = new List<SchemaInputValue>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in nodes ?? Enumerable.Empty<GraphQLInputValueDefinition>())
        {
            var name = value.Name.StringValue;
            if (!names.Add(name))
            {
                throw _source.Invalid(value.Name, duplicate(owner, name));
            }

            Applied.Add((value, location));
            var (sdl, named) = TypeReference(value.Type, location == "INPUT_FIELD_DEFINITION" ? $"{owner}.{name}" : $"{owner}({name}:)", input: true);
            var reason = SdlDirectives.DeprecationReason(value);
            values.Add(new SchemaInputValue
            {
                Name = name,
                Type = sdl,
                NamedType = named,
                DefaultValue = value.DefaultValue is null ? null : SdlValuePrinter.Print(value.DefaultValue, _source),
                Description = Description(value),
                IsDeprecated = reason is not null,
                DeprecationReason = reason,
            });
        }

        return values;
    }

    private static IEnumerable<GraphQLInputValueDefinition> InputFieldsOf(ASTNode node) => node switch
    {
        GraphQLInputObjectTypeDefinition d => d.Fields?.Items,
        GraphQLInputObjectTypeExtension e => e.Fields?.Items,
        _ => null,
    } ?? Enumerable.Empty<GraphQLInputValueDefinition>();

    private (string Sdl, string Named) TypeReference(GraphQLType type, string owner, bool input)
    {
        switch (type)
        {
            case GraphQLNonNullType nonNull:
                var (inner, named) = TypeReference(nonNull.Type, owner, input);
                return (inner + "!", named);
            case GraphQLListType list:
                var (item, itemNamed) = TypeReference(list.Type, owner, input);
                return ("[" + item + "]", itemNamed);
            default:
                var reference = (GraphQLNamedType)type;
                var name = reference.Name.StringValue;
                var kind = KindOf(name) ?? throw _source.Invalid(reference, $"Unknown type \"{name}\".");
                if (input ? !SdlKinds.IsInput(kind) : !SdlKinds.IsOutput(kind))
                {
                    throw _source.Invalid(reference, $"The type of {owner} must be {(input ? "Input" : "Output")} Type but got: {name}.");
                }

                return (name, name);
        }
    }

    private static string? Description(ASTNode node) => (node as IHasDescriptionNode)?.Description?.Value.ToString();

    // FieldDefinition -> FIELD_DEFINITION: introspection's __DirectiveLocation names.
    private static string Location(DirectiveLocation location)
    {
        var name = location.ToString();
        var text = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                text.Append('_');
            }

            text.Append(char.ToUpperInvariant(name[i]));
        }

        return text.ToString();
    }
}
