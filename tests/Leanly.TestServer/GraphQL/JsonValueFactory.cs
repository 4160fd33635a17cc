using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using GraphQLParser.AST;

namespace Leanly.TestServer.GraphQL;

/// <summary>Builds <see cref="JsonElement"/>s for the JSON scalar, keeping number text exactly as written.</summary>
internal static class JsonValueFactory
{
    public static JsonElement FromLiteral(GraphQLValue literal) => Build(w => WriteLiteral(w, literal));

    public static JsonElement FromClr(object? value) => Build(w => WriteClr(w, value));

    private static JsonElement Build(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return JsonSerializer.Deserialize<JsonElement>(buffer.WrittenSpan);
    }

    private static void WriteLiteral(Utf8JsonWriter writer, GraphQLValue literal)
    {
        switch (literal)
        {
            case GraphQLNullValue:
                writer.WriteNullValue();
                break;
            case GraphQLIntValue i:
                // GraphQL number literals are valid JSON numbers, so their text goes through untouched.
                writer.WriteRawValue(i.Value.Span);
                break;
            case GraphQLFloatValue f:
                writer.WriteRawValue(f.Value.Span);
                break;
            case GraphQLStringValue s:
                writer.WriteStringValue(s.Value.Span);
                break;
            case GraphQLBooleanValue b:
                writer.WriteBooleanValue(b.BoolValue);
                break;
            case GraphQLEnumValue e:
                writer.WriteStringValue(e.Name.Value.Span);
                break;
            case GraphQLListValue list:
                writer.WriteStartArray();
                foreach (var item in list.Values ?? [])
                {
                    WriteLiteral(writer, item);
                }

                writer.WriteEndArray();
                break;
            case GraphQLObjectValue obj:
                writer.WriteStartObject();
                foreach (var field in obj.Fields ?? [])
                {
                    writer.WritePropertyName(field.Name.Value.Span);
                    WriteLiteral(writer, field.Value);
                }

                writer.WriteEndObject();
                break;
            default:
                throw new InvalidOperationException("A JSON literal cannot contain variables; pass the whole value as a variable instead.");
        }
    }

    private static void WriteClr(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonElement element:
                element.WriteTo(writer);
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case BigInteger big:
                writer.WriteRawValue(big.ToString(CultureInfo.InvariantCulture));
                break;
            case int or long or short or byte or sbyte or uint or ulong or ushort or double or float or decimal:
                writer.WriteRawValue(Convert.ToString(value, CultureInfo.InvariantCulture)!);
                break;
            case IDictionary<string, object?> map:
                writer.WriteStartObject();
                foreach (var (key, item) in map)
                {
                    writer.WritePropertyName(key);
                    WriteClr(writer, item);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    WriteClr(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                JsonSerializer.Serialize(writer, value, value.GetType());
                break;
        }
    }
}
