using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Leanly.TestServer.Http;

/// <summary>Writes small JSON answers with a known length.</summary>
internal static class JsonResponse
{
    public const string ContentType = "application/json; charset=utf-8";

    // Relaxed escaping sends non-ASCII text as raw UTF-8, so clients' decoding is really exercised.
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteAsync(HttpResponse response, int status, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        response.StatusCode = status;
        response.ContentType = ContentType;
        response.ContentLength = buffer.WrittenCount;
        await response.Body.WriteAsync(buffer.WrittenMemory, response.HttpContext.RequestAborted);
    }

    /// <summary>A GraphQL-style <c>{"errors":[{"message":...}]}</c> body.</summary>
    public static Task WriteGraphQLErrorAsync(HttpResponse response, int status, string message) =>
        WriteAsync(response, status, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("errors");
            w.WriteStartObject();
            w.WriteString("message", message);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        });

    /// <summary>A control-style <c>{"error": ...}</c> body.</summary>
    public static Task WriteErrorAsync(HttpResponse response, int status, string message) =>
        WriteAsync(response, status, w =>
        {
            w.WriteStartObject();
            w.WriteString("error", message);
            w.WriteEndObject();
        });
}
