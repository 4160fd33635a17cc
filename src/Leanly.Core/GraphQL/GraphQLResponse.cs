using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;

namespace Leanly.GraphQL;

/// <summary>
/// A well-formed GraphQL answer: <c>data</c> and/or <c>errors</c>. Holds the body as read; <see cref="DataJson"/> is
/// the UTF-8 of <c>data</c> for a reader that builds objects straight from it, and <see cref="Document"/> is parsed
/// only when something asks for it.
/// </summary>
public sealed class GraphQLResponse : IDisposable
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = GraphQLResponseReader.MaxDepth };

    private ReadOnlySequence<byte> _body;
    private JsonDocument? _document;
    private JsonElement _data;
    private bool _disposed;

    internal GraphQLResponse(int statusCode, ReadOnlySequence<byte> body, ReadOnlySequence<byte>? data, IReadOnlyList<GraphQLError> errors, long bytes)
    {
        StatusCode = statusCode;
        _body = body;
        Errors = errors;
        Bytes = bytes;
        HasData = data is not null;
        DataJson = data ?? ReadOnlySequence<byte>.Empty;
    }

    public int StatusCode { get; }

    /// <summary>The whole answer as a JsonDocument, parsed on first use.</summary>
    public JsonDocument Document
    {
        get
        {
            if (_disposed)
            {
                throw new ObjectDisposedException(nameof(GraphQLResponse));
            }

            if (_document is null)
            {
                _document = JsonDocument.Parse(_body, Options);
                _data = HasData && _document.RootElement.TryGetProperty("data", out var data) ? data : default;
            }

            return _document;
        }
    }

    /// <summary>True when the answer has a <c>data</c> that is not null.</summary>
    public bool HasData { get; }

    public JsonElement Data => Document is not null && HasData ? _data : default;

    /// <summary>The UTF-8 JSON of <c>data</c>, empty when <see cref="HasData"/> is false.</summary>
    public ReadOnlySequence<byte> DataJson { get; private set; }

    public IReadOnlyList<GraphQLError> Errors { get; }

    public long Bytes { get; }

    public string RawText => ResponseBody.ToText(_body).Trim(' ', '\t', '\r', '\n');

    public void Dispose()
    {
        _disposed = true;
        _document?.Dispose();
        _document = null;
        _body = ReadOnlySequence<byte>.Empty;
        DataJson = ReadOnlySequence<byte>.Empty;
    }
}
