using System;
using System.Text.Json;

namespace Leanly.GraphQL;

/// <summary>
/// Writes a long string as a JSON string value a chunk at a time. Utf8JsonWriter escapes a whole string into a buffer
/// of up to six times its length and then transcodes it; for a 20 MB query under a tight heap limit that was an
/// OutOfMemoryException. Each chunk is escaped by a Utf8JsonWriter of its own with the same options, so the bytes are
/// the ones the writer would have written; they go straight into the body buffer.
/// </summary>
internal sealed class LongJsonString : IDisposable
{
    /// <summary>Shorter strings take the writer's own path.</summary>
    public const int ChunkChars = 64 * 1024;

    private static readonly byte[] Quote = { (byte)'"' };

    private readonly RequestBodyBuffer _output;
    private readonly JsonWriterOptions _options;
    private RequestBodyBuffer? _scratch;
    private Utf8JsonWriter? _chunkWriter;

    public LongJsonString(RequestBodyBuffer output, JsonWriterOptions options)
    {
        _output = output;
        _options = options;
    }

    public void Write(Utf8JsonWriter writer, string text)
    {
        if (text.Length <= ChunkChars)
        {
            writer.WriteStringValue(text);
            return;
        }

        // The opening quote goes through the writer, so it writes a separator before it and one before the next
        // value after it; the rest goes into the buffer behind it, which the writer does not read back.
        writer.WriteRawValue(Quote, skipInputValidation: true);
        writer.Flush();
        _output.Ensure(text.Length + (text.Length / 16) + 2); // usually ASCII with few escapes: the room it takes, at once
        _scratch ??= new RequestBodyBuffer(ChunkChars + 16);
        _chunkWriter ??= new Utf8JsonWriter(_scratch, _options);
        for (var start = 0; start < text.Length;)
        {
            var length = Math.Min(ChunkChars, text.Length - start);
            if (start + length < text.Length && char.IsHighSurrogate(text[start + length - 1]))
            {
                length--; // a surrogate pair is escaped as one character: never split between chunks
            }

            _scratch.Clear();
            _chunkWriter.Reset(_scratch);
            _chunkWriter.WriteStringValue(text.AsSpan(start, length));
            _chunkWriter.Flush();
            var escaped = _scratch.WrittenSegment;
            _output.Append(escaped.AsSpan(1, escaped.Count - 2));
            start += length;
        }

        _output.Append(Quote);
    }

    public void Dispose() => _chunkWriter?.Dispose();
}
