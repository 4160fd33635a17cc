using System;
using System.Collections.Generic;
using System.Linq;

namespace Leanly.Sdl;

/// <summary>
/// The order of graphql-js's type map (GraphQLSchema's collectReferencedTypes): the defined types as written, each
/// followed by the built-in types it first reaches; then those the directives' arguments reach; then the
/// introspection types from __Schema. Introspection lists types in this order, so reading SDL gives what
/// buildSchema + introspection give.
/// </summary>
internal static class SchemaTypeOrder
{
    public static List<SchemaType> Arrange(IReadOnlyList<SchemaType> defined, Func<string, SchemaType?> builtIn, IEnumerable<SchemaDirective> directives)
    {
        var seen = new HashSet<string>(defined.Select(t => t.Name), StringComparer.Ordinal);
        var order = new List<SchemaType>(defined.Count + 20);

        void Visit(string name)
        {
            if (!seen.Add(name) || builtIn(name) is not { } type)
            {
                return;
            }

            order.Add(type);
            foreach (var reference in References(type))
            {
                Visit(reference);
            }
        }

        foreach (var type in defined)
        {
            order.Add(type);
            foreach (var reference in References(type))
            {
                Visit(reference);
            }
        }

        foreach (var argument in directives.SelectMany(d => d.Arguments))
        {
            Visit(argument.NamedType);
        }

        Visit("__Schema");
        return order;
    }

    private static IEnumerable<string> References(SchemaType type) => type.Kind switch
    {
        SchemaTypeKind.Object or SchemaTypeKind.Interface => type.Interfaces.Concat(type.Fields.SelectMany(f => new[] { f.NamedType }.Concat(f.Arguments.Select(a => a.NamedType)))),
        SchemaTypeKind.Union => type.PossibleTypes,
        SchemaTypeKind.InputObject => type.InputFields.Select(f => f.NamedType),
        _ => Enumerable.Empty<string>(),
    };
}
