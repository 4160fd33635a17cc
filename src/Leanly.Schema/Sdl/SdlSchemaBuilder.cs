using System;
using System.Collections.Generic;
using System.Linq;
using GraphQLParser.AST;

namespace Leanly.Sdl;

/// <summary>
/// A whole schema from SDL definitions, as graphql-js's buildSchema assembles it: the built-in scalars, directives
/// and introspection types added, root types from the schema definition (or named Query, Mutation, Subscription),
/// types in graphql-js's order, an interface's possible types being the object types that implement it.
/// </summary>
internal sealed class SdlSchemaBuilder
{
    private readonly SdlSource _source;
    private readonly SdlDefinitions _definitions;
    private readonly BuiltInSchema _builtIns;
    private readonly SdlTypeBuilder _types;

    public SdlSchemaBuilder(SdlSource source, SdlDefinitions definitions, BuiltInSchema builtIns)
    {
        _source = source;
        _definitions = definitions;
        _builtIns = builtIns;
        _types = new SdlTypeBuilder(source, definitions, name => builtIns.Find(name)?.Kind);
    }

    public Schema Build(DateTimeOffset fetchedOn)
    {
        foreach (var name in _definitions.Extensions.Keys.Where(n => _types.KindOf(n) is null))
        {
            throw _source.Invalid(_definitions.Extensions[name][0].Name, $"Cannot extend type \"{name}\" because it is not defined.");
        }

        // A type named as a built-in one keeps the built-in definition, as buildSchema does.
        var defined = _definitions.Types.Where(t => _builtIns.Find(t.Name.StringValue) is null).Select(_types.Type).ToList();
        var declared = _definitions.Directives.Select(_types.Directive).ToList();
        var directives = declared.Concat(_builtIns.Directives.Where(b => declared.All(d => d.Name != b.Name))).ToList();
        var roots = Roots(defined);
        CheckDirectives(directives);

        var ordered = SchemaTypeOrder.Arrange(defined, _builtIns.Find, directives);
        return new Schema
        {
            Description = _definitions.Schema?.Description?.Value.ToString(),
            Types = WithImplementations(ordered),
            QueryType = roots.TryGetValue(OperationType.Query, out var query) ? query : throw _source.Invalid(_definitions.Schema, "Query root type must be provided."),
            MutationType = roots.TryGetValue(OperationType.Mutation, out var mutation) ? mutation : null,
            SubscriptionType = roots.TryGetValue(OperationType.Subscription, out var subscription) ? subscription : null,
            Directives = directives,
            Source = _source.Name,
            FetchedOn = fetchedOn,
        };
    }

    private Dictionary<OperationType, string> Roots(List<SchemaType> defined)
    {
        var roots = new Dictionary<OperationType, string>();
        var schemaNodes = new List<ASTNode>();
        if (_definitions.Schema is not null)
        {
            schemaNodes.Add(_definitions.Schema);
        }

        schemaNodes.AddRange(_definitions.SchemaExtensions);
        foreach (var node in schemaNodes)
        {
            _types.Applied.Add(((IHasDirectivesNode)node, "SCHEMA"));
            var operations = node is GraphQLSchemaDefinition d ? d.OperationTypes : ((GraphQLSchemaExtension)node).OperationTypes;
            foreach (var operation in operations ?? Enumerable.Empty<GraphQLRootOperationTypeDefinition>())
            {
                var word = operation.Operation.ToString().ToLowerInvariant();
                if (roots.ContainsKey(operation.Operation))
                {
                    throw _source.Invalid(operation, $"There can be only one {word} type in schema.");
                }

                roots[operation.Operation] = _types.RootType(operation.Type!, char.ToUpperInvariant(word[0]) + word.Substring(1));
            }
        }

        if (_definitions.Schema is null)
        {
            foreach (var (operation, name) in new[] { (OperationType.Query, "Query"), (OperationType.Mutation, "Mutation"), (OperationType.Subscription, "Subscription") })
            {
                if (defined.FirstOrDefault(t => t.Name == name) is { } type)
                {
                    roots[operation] = type.Kind == SchemaTypeKind.Object
                        ? name
                        : throw _source.Invalid(_definitions.TypesByName[name].Name, $"{name} root type must be Object type, it cannot be {name}.");
                }
            }
        }

        return roots;
    }

    private void CheckDirectives(IEnumerable<SchemaDirective> directives)
    {
        var check = new SdlDirectives(directives, _source);
        foreach (var (node, location) in _types.Applied)
        {
            check.Check(node, location);
        }
    }

    private static List<SchemaType> WithImplementations(List<SchemaType> types)
    {
        var implementations = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var type in types.Where(t => t.Kind == SchemaTypeKind.Object))
        {
            foreach (var name in type.Interfaces)
            {
                if (!implementations.TryGetValue(name, out var list))
                {
                    implementations[name] = list = new List<string>();
                }

                list.Add(type.Name);
            }
        }

        return types.Select(t => t.Kind == SchemaTypeKind.Interface && implementations.TryGetValue(t.Name, out var list)
            ? new SchemaType { Name = t.Name, Kind = t.Kind, Description = t.Description, Fields = t.Fields, Interfaces = t.Interfaces, PossibleTypes = list }
            : t).ToList();
    }
}
