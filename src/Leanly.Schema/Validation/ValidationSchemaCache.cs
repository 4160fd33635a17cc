using System.Runtime.CompilerServices;
using GraphQL.Types;

namespace Leanly.Validation;

/// <summary>
/// GraphQL.NET's schema for a schema model, built once (model -> SDL -> schema builder) and kept as long as the model
/// lives, so only the first check against a schema pays for the build.
/// </summary>
internal static class ValidationSchemaCache
{
    private static readonly ConditionalWeakTable<Schema, ISchema> Built = new();

    private static readonly System.Collections.Generic.HashSet<string> SpecifiedScalars = new(System.StringComparer.Ordinal) { "String", "Int", "Float", "Boolean", "ID" };

    public static ISchema Get(Schema schema) => Built.GetValue(schema, Build);

    private static ISchema Build(Schema model)
    {
        var schema = global::GraphQL.Types.Schema.For(ValidationSdl.Write(model), builder =>
        {
            builder.IgnoreComments = true;

            // Validation never resolves an abstract type; GraphQL.NET still insists on a resolver for each.
            foreach (var type in model.Types)
            {
                if (type.Kind is SchemaTypeKind.Object or SchemaTypeKind.Interface or SchemaTypeKind.Union && !type.Name.StartsWith("__", System.StringComparison.Ordinal))
                {
                    var config = builder.Types.For(type.Name);
                    config.ResolveType = _ => null!;
                    config.IsTypeOfFunc = _ => true;
                }
            }
        });
        foreach (var type in model.Types)
        {
            if (type.Kind == SchemaTypeKind.Scalar && !SpecifiedScalars.Contains(type.Name))
            {
                schema.RegisterType(new PassThroughScalar(type.Name));
            }
        }

        schema.Initialize();
        return schema;
    }
}
