using System;
using System.Buffers;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Leanly.GraphQL;

/// <summary>
/// Reads a response body into chunks that grow as the body does, so a large answer is held once, never copied into
/// ever larger arrays, and never turned into one big string.
/// </summary>
internal static class ResponseBody
{
    private const int FirstChunk = 4 * 1024;
    private const int LargestChunk = 1024 * 1024;

    private static readonly byte[] Utf8Bom = { 0xEF, 0xBB, 0xBF };

    public static async Task<ReadOnlySequence<byte>> ReadAsync(Stream stream, long? contentLength, CancellationToken cancellationToken)
    {
        // One spare byte lets the read that finds the end of a body of announced length land in the same chunk.
        var size = contentLength is > 0 and < LargestChunk ? (int)contentLength.Value + 1 : FirstChunk;
        BodySegment? first = null;
        BodySegment? last = null;
        var buffer = new byte[size];
        var filled = 0;
        while (true)
        {
            if (filled == buffer.Length)
            {
                last = new BodySegment(buffer, last);
                first ??= last;
                size = Math.Min(size * 2, LargestChunk);
                buffer = new byte[size];
                filled = 0;
            }

            var read = await stream.ReadAsync(buffer, filled, buffer.Length - filled, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        if (first is null)
        {
            return new ReadOnlySequence<byte>(buffer, 0, filled);
        }

        if (filled > 0)
        {
            last = new BodySegment(new ReadOnlyMemory<byte>(buffer, 0, filled), last);
        }

        return new ReadOnlySequence<byte>(first, 0, last!, last!.Memory.Length);
    }

    /// <summary>The body without a UTF-8 byte order mark, which JSON readers refuse.</summary>
    public static ReadOnlySequence<byte> SkipBom(ReadOnlySequence<byte> body)
    {
        if (body.Length < 3)
        {
            return body;
        }

        Span<byte> head = stackalloc byte[3];
        body.Slice(0, 3).CopyTo(head);
        return head.SequenceEqual(Utf8Bom) ? body.Slice(3) : body;
    }

    public static string ToText(ReadOnlySequence<byte> body)
    {
        var bytes = body.IsSingleSegment && System.Runtime.InteropServices.MemoryMarshal.TryGetArray(body.First, out var segment)
            ? segment
            : new ArraySegment<byte>(body.ToArray());
        return Encoding.UTF8.GetString(bytes.Array!, bytes.Offset, bytes.Count);
    }
}
