using System.Globalization;
using GraphQL.Resolvers;
using GraphQL.Types;

namespace Leanly.TestServer.GraphQL.Generated;

/// <summary>
/// The large schema for the bench: <see cref="Groups"/> groups of five types (object, interface, enum, input object,
/// union) that refer to each other, reached from <c>Query.generated</c>. Every generated field answers null.
/// </summary>
internal static class GeneratedTypes
{
    public const int Groups = 300;

    private static readonly FuncFieldResolver<object?> Nothing = new(_ => null);

    public static void AddTo(Schema schema, ObjectGraphType query)
    {
        var interfaces = Enumerable.Range(0, Groups).Select(Interface).ToArray();
        var objects = Enumerable.Range(0, Groups).Select(g => Object(g, interfaces[g])).ToArray();
        for (var g = 0; g < Groups; g++)
        {
            var union = new UnionGraphType { Name = Name("Related", g), ResolveType = _ => null };
            union.AddPossibleType(objects[g]);
            union.AddPossibleType(objects[(g + 1) % Groups]);
            schema.RegisterType(objects[g]);
            schema.RegisterType(interfaces[g]);
            schema.RegisterType(Enum(g));
            schema.RegisterType(Input(g));
            schema.RegisterType(union);
        }

        query.AddField(new FieldType { Name = "generated", Description = "The root of the generated types (large schema only).", ResolvedType = objects[0], Resolver = Nothing });
    }

    private static string Name(string kind, int g) => "Gen" + kind + (g % Groups).ToString("D4", CultureInfo.InvariantCulture);

    private static GraphQLTypeReference Ref(string kind, int g) => new(Name(kind, g));

    private static FieldType Field(string name, IGraphType type, string? description = null) =>
        new() { Name = name, ResolvedType = type, Description = description, Resolver = Nothing };

    private static InterfaceGraphType Interface(int g)
    {
        var type = new InterfaceGraphType { Name = Name("Node", g), Description = $"Generated interface {g}.", ResolveType = _ => null };
        type.AddField(new FieldType { Name = "id", ResolvedType = new NonNullGraphType(new IdGraphType()) });
        type.AddField(new FieldType { Name = "name", ResolvedType = new StringGraphType() });
        return type;
    }

    private static ObjectGraphType Object(int g, InterfaceGraphType node)
    {
        var type = new ObjectGraphType { Name = Name("Object", g), Description = $"Generated object {g}." };
        type.AddField(Field("id", new NonNullGraphType(new IdGraphType())));
        type.AddField(Field("name", new StringGraphType()));
        type.AddField(Field("count", new NonNullGraphType(new IntGraphType())));
        type.AddField(Field("score", new FloatGraphType()));
        type.AddField(Field("flag", new BooleanGraphType()));
        type.AddField(Field("state", Ref("State", g), "The generated state."));
        type.AddField(Field("next", Ref("Object", g + 1)));
        type.AddField(Field("related", new NonNullGraphType(new ListGraphType(new NonNullGraphType(Ref("Related", g))))));
        var items = Field("items", new NonNullGraphType(new ListGraphType(new NonNullGraphType(Ref("Object", g + 7)))));
        items.Arguments = new QueryArguments(
            new QueryArgument(new IntGraphType()) { Name = "first", DefaultValue = 10 },
            new QueryArgument(Ref("Filter", g)) { Name = "filter" },
            new QueryArgument(Ref("State", g)) { Name = "state", DeprecationReason = "Use filter." });
        type.AddField(items);
        type.AddField(new FieldType { Name = "legacyName", ResolvedType = new StringGraphType(), Resolver = Nothing, DeprecationReason = "Use name." });
        type.AddResolvedInterface(node);
        return type;
    }

    private static EnumerationGraphType Enum(int g)
    {
        var type = new EnumerationGraphType { Name = Name("State", g) };
        type.Add("ALPHA", "ALPHA");
        type.Add("BETA", "BETA");
        type.Add("GAMMA", "GAMMA");
        type.Add("OMEGA", "OMEGA", deprecationReason: "Use GAMMA.");
        return type;
    }

    private static InputObjectGraphType Input(int g)
    {
        var type = new InputObjectGraphType { Name = Name("Filter", g) };
        type.AddField(new FieldType { Name = "state", ResolvedType = Ref("State", g) });
        type.AddField(new FieldType { Name = "text", ResolvedType = new StringGraphType() });
        type.AddField(new FieldType { Name = "min", ResolvedType = new IntGraphType(), DefaultValue = 0 });
        type.AddField(new FieldType { Name = "next", ResolvedType = Ref("Filter", g + 1) });
        return type;
    }
}
