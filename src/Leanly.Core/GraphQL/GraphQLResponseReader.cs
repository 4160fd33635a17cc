using System;
using System.Buffers;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Leanly.Auth;
using Leanly.Errors;
using Leanly.Http;

namespace Leanly.GraphQL;

/// <summary>
/// Reads a GraphQL answer from the response stream and checks that it has the GraphQL shape, in one forward pass:
/// <c>errors</c> are parsed, <c>data</c> is only located (its objects are built later, straight from the bytes).
/// </summary>
internal static class GraphQLResponseReader
{
    public const int MaxDepth = 512;

    private static readonly JsonReaderOptions Options = new() { MaxDepth = MaxDepth };

    public static async Task<GraphQLResponse> ReadAsync(HttpResponseMessage response, CountingStream body, Uri apiUri, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var contentType = response.Content.Headers.ContentType?.ToString();
        var bytes = await ResponseBody.ReadAsync(body, response.Content.Headers.ContentLength, cancellationToken).ConfigureAwait(false);
        var json = ResponseBody.SkipBom(bytes);
        var shape = Scan(json);
        if (shape.NotJson)
        {
            throw Invalid(status, contentType, body, apiUri, "which is not JSON");
        }

        try
        {
            if (shape.RootKind != JsonValueKind.Object)
            {
                throw Invalid(status, contentType, body, apiUri, $"a JSON {shape.RootKind} where a GraphQL response object was expected");
            }

            if (shape.Data is null && shape.ErrorsKind is null)
            {
                throw Invalid(status, contentType, body, apiUri, "a JSON object with neither data nor errors");
            }

            var errors = new List<GraphQLError>();
            if (shape.ErrorsKind is { } kind && kind != JsonValueKind.Null)
            {
                if (kind != JsonValueKind.Array)
                {
                    throw Invalid(status, contentType, body, apiUri, $"errors as a JSON {kind} where an array was expected");
                }

                foreach (var error in shape.Errors!.RootElement.EnumerateArray())
                {
                    errors.Add(GraphQLError.From(error));
                }
            }

            ReadOnlySequence<byte>? data = shape.Data is { } range && range.Kind != JsonValueKind.Null ? json.Slice(range.Start, range.Length) : null;
            return new GraphQLResponse(status, json, data, errors, body.BytesRead);
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json reads lone surrogates and invalid UTF-8 inside strings only when the value is taken.
            throw Invalid(status, contentType, body, apiUri, "an error entry with a string that is not valid Unicode");
        }
        finally
        {
            shape.Errors?.Dispose();
        }
    }

    /// <summary>One pass over the whole body: valid JSON or not, the root's kind, where data is, the errors array.</summary>
    private static Shape Scan(ReadOnlySequence<byte> json)
    {
        var shape = new Shape();
        try
        {
            var reader = new Utf8JsonReader(json, Options);
            if (!reader.Read())
            {
                shape.NotJson = true;
                return shape;
            }

            shape.RootKind = KindOf(reader.TokenType);
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                ScanMembers(ref reader, ref shape);
            }
            else
            {
                reader.Skip();
            }

            if (reader.Read())
            {
                shape.NotJson = true;
            }
        }
        catch (JsonException)
        {
            shape.NotJson = true;
        }

        if (shape.NotJson)
        {
            shape.Errors?.Dispose();
            shape.Errors = null;
        }

        return shape;
    }

    private static void ScanMembers(ref Utf8JsonReader reader, ref Shape shape)
    {
        // A repeated name: the last one counts, as with JsonElement.TryGetProperty.
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isData = reader.ValueTextEquals("data");
            var isErrors = !isData && reader.ValueTextEquals("errors");
            reader.Read();
            if (isData)
            {
                var start = reader.TokenStartIndex;
                var kind = KindOf(reader.TokenType);
                reader.Skip();
                shape.Data = new ValueRange(start, reader.BytesConsumed - start, kind);
            }
            else if (isErrors && reader.TokenType == JsonTokenType.StartArray)
            {
                shape.Errors?.Dispose();
                shape.Errors = JsonDocument.ParseValue(ref reader);
                shape.ErrorsKind = JsonValueKind.Array;
            }
            else
            {
                if (isErrors)
                {
                    shape.Errors?.Dispose();
                    shape.Errors = null;
                    shape.ErrorsKind = KindOf(reader.TokenType);
                }

                reader.Skip();
            }
        }
    }

    private static JsonValueKind KindOf(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => JsonValueKind.Object,
        JsonTokenType.StartArray => JsonValueKind.Array,
        JsonTokenType.String => JsonValueKind.String,
        JsonTokenType.Number => JsonValueKind.Number,
        JsonTokenType.True => JsonValueKind.True,
        JsonTokenType.False => JsonValueKind.False,
        JsonTokenType.Null => JsonValueKind.Null,
        _ => JsonValueKind.Undefined,
    };

    private static LeanlyException Invalid(int status, string? contentType, CountingStream body, Uri apiUri, string what)
    {
        var description = TokenResponseParser.Describe(status, contentType, body.Head, body.HeadLength);
        if (status >= 200 && status <= 299)
        {
            return new LeanlyException(
                LeanlyErrorKind.InvalidGraphQLResponse,
                $"The GraphQL endpoint {apiUri} answered {description}: {what}.",
                "Check that -ApiUri points at the Leanly GraphQL endpoint and that no proxy or gateway replaces its answers.")
            {
                StatusCode = status,
                RequestUri = apiUri,
            };
        }

        return new LeanlyException(
            LeanlyErrorKind.GraphQLHttpError,
            $"The GraphQL endpoint {apiUri} failed with {description}.",
            status >= 500
                ? "The service had an internal error. Try again later; if it persists, contact Leanly support with the time of the request."
                : "Check -ApiUri and the request; the answer was not a GraphQL response.")
        {
            StatusCode = status,
            RequestUri = apiUri,
        };
    }

    private struct Shape
    {
        public bool NotJson;
        public JsonValueKind RootKind;
        public ValueRange? Data;
        public JsonValueKind? ErrorsKind;
        public JsonDocument? Errors;
    }

    private readonly struct ValueRange
    {
        public ValueRange(long start, long length, JsonValueKind kind)
        {
            Start = start;
            Length = length;
            Kind = kind;
        }

        public long Start { get; }

        public long Length { get; }

        public JsonValueKind Kind { get; }
    }
}
