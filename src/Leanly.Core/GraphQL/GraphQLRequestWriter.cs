using System;
using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Security;
using System.Text.Json;
using Leanly.Errors;

namespace Leanly.GraphQL;

/// <summary>Writes <c>{query, variables, operationName}</c> as UTF-8 JSON, with variable values as GraphQL expects them.</summary>
public static class GraphQLRequestWriter
{
    private const int MaxDepth = 128;

    /// <summary>The request body; throws a LeanlyException (InvalidRequest) for a variable JSON cannot carry, before anything is sent.</summary>
    public static ArraySegment<byte> Write(GraphQLRequest request) => request.Body ??= WriteBody(request);

    private static ArraySegment<byte> WriteBody(GraphQLRequest request)
    {
        // Sized for the query text as it usually is (ASCII, few escapes), so a long query is written without regrowing.
        var output = new RequestBodyBuffer((int)Math.Min(int.MaxValue - 64, request.Query.Length + (request.Query.Length / 16L) + 256));
        var options = new JsonWriterOptions { SkipValidation = false };
        using (var strings = new LongJsonString(output, options))
        using (var writer = new Utf8JsonWriter(output, options))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("query");
            strings.Write(writer, request.Query);
            if (request.Variables is { Count: > 0 } variables)
            {
                writer.WritePropertyName("variables");
                WriteValue(writer, strings, variables, "variables", 0);
            }

            if (!string.IsNullOrEmpty(request.OperationName))
            {
                writer.WriteString("operationName", request.OperationName);
            }

            writer.WriteEndObject();
        }

        return output.WrittenSegment;
    }

    private static void WriteValue(Utf8JsonWriter writer, LongJsonString strings, object? value, string path, int depth)
    {
        if (depth > MaxDepth)
        {
            throw Refuse(path, $"is nested more than {MaxDepth} levels deep (a reference cycle?)");
        }

        switch (value)
        {
            case null:
            case DBNull:
                writer.WriteNullValue();
                break;
            case string text:
                strings.Write(writer, text);
                break;
            case char character:
                writer.WriteStringValue(character.ToString());
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case JsonElement element:
                element.WriteTo(writer);
                break;
            case DateTime date:
                writer.WriteStringValue(date.ToString("o", CultureInfo.InvariantCulture));
                break;
            case DateTimeOffset dateOffset:
                writer.WriteStringValue(dateOffset.ToString("o", CultureInfo.InvariantCulture));
                break;
            case TimeSpan span:
                writer.WriteStringValue(span.ToString("c", CultureInfo.InvariantCulture));
                break;
            case Guid guid:
                writer.WriteStringValue(guid.ToString());
                break;
            case Uri uri:
                writer.WriteStringValue(uri.OriginalString);
                break;
            case Enum enumeration:
                writer.WriteStringValue(enumeration.ToString());
                break;
            case BigInteger big:
                writer.WriteRawValue(big.ToString(CultureInfo.InvariantCulture));
                break;
            case double number when double.IsNaN(number) || double.IsInfinity(number):
                throw Refuse(path, "is NaN or infinite, which JSON cannot carry");
            case float number when float.IsNaN(number) || float.IsInfinity(number):
                throw Refuse(path, "is NaN or infinite, which JSON cannot carry");
            case byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal:
                WriteNumber(writer, value);
                break;
            case SecureString:
                throw new LeanlyException(
                    LeanlyErrorKind.InvalidRequest,
                    $"The GraphQL variable {path} is a SecureString. LeanlyPS does not decode SecureStrings into query variables, because they would end up in the request body in clear text.",
                    "If the value is meant to be sent, pass it as a plain string; otherwise leave it out of -Variables.");
            case IDictionary dictionary:
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in dictionary)
                {
                    var key = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
                    writer.WritePropertyName(key);
                    WriteValue(writer, strings, entry.Value, path + "." + key, depth + 1);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable sequence:
                writer.WriteStartArray();
                var index = 0;
                foreach (var item in sequence)
                {
                    WriteValue(writer, strings, item, $"{path}[{index++}]", depth + 1);
                }

                writer.WriteEndArray();
                break;
            default:
                throw Refuse(path, $"is a {value.GetType().FullName}, which LeanlyPS cannot turn into a GraphQL value");
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, object value)
    {
        switch (value)
        {
            case long l: writer.WriteNumberValue(l); break;
            case ulong ul: writer.WriteNumberValue(ul); break;
            case double d: writer.WriteNumberValue(d); break;
            case float f: writer.WriteNumberValue(f); break;
            case decimal m: writer.WriteNumberValue(m); break;
            case uint ui: writer.WriteNumberValue(ui); break;
            default: writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
        }
    }

    private static LeanlyException Refuse(string path, string why) =>
        new(LeanlyErrorKind.InvalidRequest, $"The GraphQL variable {path} {why}.", "Pass variables as strings, numbers, booleans, $null, arrays, hashtables or objects.");
}
