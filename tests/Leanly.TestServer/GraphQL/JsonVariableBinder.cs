using System.Text.Json;
using GraphQL;
using GraphQL.SystemTextJson;
using GraphQLParser.AST;

namespace Leanly.TestServer.GraphQL;

/// <summary>
/// Turns request variables into <see cref="Inputs"/>. Variables declared as <c>JSON</c> are handed over as raw
/// <see cref="JsonElement"/>s instead of the serializer's CLR conversion, which would lose number text
/// (9007199254740993 as a double, 1.50 as 1.5) and could reinterpret values.
/// </summary>
internal static class JsonVariableBinder
{
    public static Inputs Bind(GraphQLSerializer serializer, JsonElement? variables, GraphQLDocument? document, string? operationName)
    {
        if (variables is not { ValueKind: JsonValueKind.Object } raw)
        {
            return Inputs.Empty;
        }

        var inputs = serializer.ReadNode<Inputs>(raw) ?? Inputs.Empty;
        var operation = SelectOperation(document, operationName);
        Dictionary<string, object?>? bound = null;
        foreach (var definition in operation?.Variables?.Items ?? [])
        {
            var name = definition.Variable.Name.StringValue;
            if (NamedType(definition.Type) == "JSON" && raw.TryGetProperty(name, out var value))
            {
                bound ??= new Dictionary<string, object?>(inputs);
                bound[name] = Shape(value, definition.Type);
            }
        }

        return bound is null ? inputs : new Inputs(bound);
    }

    private static GraphQLOperationDefinition? SelectOperation(GraphQLDocument? document, string? operationName)
    {
        var operations = document?.Definitions.OfType<GraphQLOperationDefinition>().ToList() ?? [];
        if (string.IsNullOrEmpty(operationName))
        {
            return operations.Count == 1 ? operations[0] : null;
        }

        return operations.FirstOrDefault(o => o.Name?.StringValue == operationName);
    }

    private static string NamedType(GraphQLType type) => type switch
    {
        GraphQLNonNullType nonNull => NamedType(nonNull.Type),
        GraphQLListType list => NamedType(list.Type),
        GraphQLNamedType named => named.Name.StringValue,
        _ => string.Empty,
    };

    /// <summary>List wrappers become lists so that <c>[JSON]</c> variables coerce like any list.</summary>
    private static object? Shape(JsonElement value, GraphQLType type) => type switch
    {
        GraphQLNonNullType nonNull => Shape(value, nonNull.Type),
        GraphQLListType list when value.ValueKind == JsonValueKind.Array =>
            value.EnumerateArray().Select(item => Shape(item, list.Type)).ToList(),
        GraphQLListType list => Shape(value, list.Type),
        _ => value.ValueKind == JsonValueKind.Null ? null : value,
    };
}
