using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Leanly.Http;

/// <summary>
/// A read-only wrapper that counts bytes, keeps the first few for error messages, and stops a body that grows past
/// its limit: it sits above any decompression, so the count is of the bytes the reader would hold.
/// </summary>
internal sealed class CountingStream : Stream
{
    private readonly Stream _inner;
    private readonly byte[] _head;
    private readonly long _maxBytes;

    public CountingStream(Stream inner, long maxBytes = long.MaxValue, int headBytes = 512)
    {
        _inner = inner;
        _maxBytes = maxBytes;
        _head = new byte[headBytes];
    }

    public long BytesRead { get; private set; }

    public int HeadLength => (int)Math.Min(BytesRead, _head.Length);

    public byte[] Head => _head;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Record(buffer, offset, _inner.Read(buffer, offset, count));

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        var read = await _inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            // A response closed because the attempt timed out (or was cancelled) may read as a clean end of the
            // body: that must be reported as the timeout, not as a truncated answer.
            cancellationToken.ThrowIfCancellationRequested();
        }

        return Record(buffer, offset, read);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Record(byte[] buffer, int offset, int read)
    {
        if (BytesRead < _head.Length && read > 0)
        {
            var copy = (int)Math.Min(read, _head.Length - BytesRead);
            Buffer.BlockCopy(buffer, offset, _head, (int)BytesRead, copy);
        }

        BytesRead += read;
        if (BytesRead > _maxBytes)
        {
            throw new ResponseTooLargeException(_maxBytes, BytesRead);
        }

        return read;
    }
}
