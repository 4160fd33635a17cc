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
        schema.Initialize();
        return schema;
    }
}
