using System;

namespace Leanly.Auth;

/// <summary>A growable byte array that can be wiped, for request bodies that carry a secret.</summary>
internal sealed class ByteBuffer : IDisposable
{
    private byte[] _bytes = new byte[256];

    public int Length { get; private set; }

    public void Append(byte value)
    {
        if (Length == _bytes.Length)
        {
            var larger = new byte[_bytes.Length * 2];
            Buffer.BlockCopy(_bytes, 0, larger, 0, Length);
            Array.Clear(_bytes, 0, _bytes.Length);
            _bytes = larger;
        }

        _bytes[Length++] = value;
    }

    public void Append(string ascii)
    {
        foreach (var c in ascii)
        {
            Append((byte)c);
        }
    }

    public byte[] ToArray()
    {
        var copy = new byte[Length];
        Buffer.BlockCopy(_bytes, 0, copy, 0, Length);
        return copy;
    }

    public void Dispose()
    {
        Array.Clear(_bytes, 0, _bytes.Length);
        Length = 0;
    }
}
