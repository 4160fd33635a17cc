using System;
using System.Buffers;

namespace Leanly.GraphQL;

/// <summary>
/// The growable buffer a request body is written into; the body is sent from it as it stands, with no copy to an exact-size array.
/// </summary>
internal sealed class RequestBodyBuffer : IBufferWriter<byte>
{
    private byte[] _buffer;

    public RequestBodyBuffer(int capacity) => _buffer = new byte[Math.Max(capacity, 256)];

    public int Written { get; private set; }

    public ArraySegment<byte> WrittenSegment => new(_buffer, 0, Written);

    public void Clear() => Written = 0;

    public void Advance(int count) => Written += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(Math.Max(sizeHint, 1));
        return _buffer.AsMemory(Written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(Math.Max(sizeHint, 1));
        return _buffer.AsSpan(Written);
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        Advance(bytes.Length);
    }

    /// <summary>Makes room for <paramref name="more"/> bytes after those written, growing once rather than step by step.</summary>
    public void Ensure(int more)
    {
        var needed = (int)Math.Min(int.MaxValue, (long)Written + more);
        if (needed > _buffer.Length)
        {
            // Half as much again, not double: a body of a long query is one big buffer, and the old one is alive while copying.
            var grown = new byte[Math.Max(needed, (int)Math.Min(int.MaxValue, _buffer.Length + ((long)_buffer.Length / 2)))];
            _buffer.AsSpan(0, Written).CopyTo(grown);
            _buffer = grown;
        }
    }
}
