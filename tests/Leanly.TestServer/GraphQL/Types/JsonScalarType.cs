using System.Text.Json;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Leanly.TestServer.GraphQL.Types;

/// <summary>
/// The <c>JSON</c> scalar: any JSON value in, the same value out. Values travel as
/// <see cref="JsonElement"/> so numbers keep their exact text (big integers, decimals).
/// </summary>
internal sealed class JsonScalarType : ScalarGraphType
{
    public JsonScalarType()
    {
        Name = "JSON";
        Description = "Any JSON value, returned exactly as it was given.";
    }

    public override object? ParseLiteral(GraphQLValue value) =>
        value is GraphQLNullValue ? null : JsonValueFactory.FromLiteral(value);

    public override object? ParseValue(object? value) => Normalize(value);

    public override object? Serialize(object? value) => Normalize(value);

    private static object? Normalize(object? value) => value switch
    {
        null => null,
        JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        JsonElement element => element,
        _ => JsonValueFactory.FromClr(value),
    };
}
