using System.IO.Pipelines;
using System.Text.Encodings.Web;
using System.Text.Json;
using GraphQL;
using GraphQL.Execution;
using GraphQL.SystemTextJson;

namespace Leanly.TestServer.GraphQL;

/// <summary>
/// Writes an execution result straight into the response pipe, flushing as it goes, so a 20 MB answer
/// never sits in one buffer (GraphQL.NET's own converter builds the whole JSON before writing).
/// </summary>
internal static class GraphQLResultWriter
{
    private const int FlushThreshold = 64 * 1024;

    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new ExecutionErrorJsonConverter(new ErrorInfoProvider()) },
    };

    public static async Task WriteAsync(HttpResponse response, ExecutionResult result, CancellationToken cancellationToken)
    {
        var pipe = response.BodyWriter;
        await using var writer = new Utf8JsonWriter(pipe, new JsonWriterOptions { Encoder = Options.Encoder, SkipValidation = true });
        writer.WriteStartObject();
        if (result.Errors is { Count: > 0 })
        {
            writer.WritePropertyName("errors");
            JsonSerializer.Serialize(writer, result.Errors, Options);
        }

        if (result.Executed)
        {
            writer.WritePropertyName("data");
            if (result.Data is ExecutionNode node)
            {
                await WriteNodeAsync(writer, pipe, node, cancellationToken);
            }
            else
            {
                JsonSerializer.Serialize(writer, result.Data, Options);
            }
        }

        if (result.Extensions is { Count: > 0 })
        {
            writer.WritePropertyName("extensions");
            JsonSerializer.Serialize(writer, result.Extensions, Options);
        }

        writer.WriteEndObject();
        writer.Flush();
        await pipe.FlushAsync(cancellationToken);
    }

    private static async ValueTask WriteNodeAsync(Utf8JsonWriter writer, PipeWriter pipe, ExecutionNode? node, CancellationToken cancellationToken)
    {
        switch (node)
        {
            case ValueExecutionNode value:
                WriteValue(writer, value.ToValue());
                break;
            case ObjectExecutionNode { SubFields: { } fields }:
                writer.WriteStartObject();
                foreach (var field in fields)
                {
                    // The node name is the response key (alias or field name), written as the client asked.
                    writer.WritePropertyName(field.Name!);
                    await WriteNodeAsync(writer, pipe, field, cancellationToken);
                }

                writer.WriteEndObject();
                break;
            case ArrayExecutionNode { Items: { } items }:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    await WriteNodeAsync(writer, pipe, item, cancellationToken);
                    if (writer.BytesPending > FlushThreshold)
                    {
                        writer.Flush();
                        await pipe.FlushAsync(cancellationToken);
                    }
                }

                writer.WriteEndArray();
                break;
            case ArrayExecutionNode array:
                WriteValue(writer, array.SerializedResult);
                break;
            case null or NullExecutionNode or ObjectExecutionNode:
                writer.WriteNullValue();
                break;
            default:
                WriteValue(writer, node.ToValue());
                break;
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case double d:
                writer.WriteNumberValue(d);
                break;
            case JsonElement element:
                element.WriteTo(writer);
                break;
            default:
                JsonSerializer.Serialize(writer, value, value.GetType(), Options);
                break;
        }
    }
}
