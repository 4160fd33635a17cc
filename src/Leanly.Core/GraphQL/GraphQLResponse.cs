using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Leanly;

/// <summary>A well-formed GraphQL answer: <c>data</c> and/or <c>errors</c>. Owns the parsed document.</summary>
public sealed class GraphQLResponse : IDisposable
{
    internal GraphQLResponse(int statusCode, JsonDocument document, IReadOnlyList<GraphQLError> errors, long bytes)
    {
        StatusCode = statusCode;
        Document = document;
        Errors = errors;
        Bytes = bytes;
        HasData = document.RootElement.TryGetProperty("data", out var data) && data.ValueKind != JsonValueKind.Null;
        Data = HasData ? data : default;
    }

    public int StatusCode { get; }

    public JsonDocument Document { get; }

    public bool HasData { get; }

    public JsonElement Data { get; }

    public IReadOnlyList<GraphQLError> Errors { get; }

    public long Bytes { get; }

    public string RawText => Document.RootElement.GetRawText();

    public void Dispose() => Document.Dispose();
}
