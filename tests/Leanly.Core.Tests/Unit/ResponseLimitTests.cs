using System.IO.Compression;
using Leanly.GraphQL;
using Leanly.Http;

namespace Leanly.Core.Tests.Unit;

/// <summary>The size limit of <see cref="CountingStream"/> as <see cref="ResponseBody"/> reads through it.</summary>
public class ResponseLimitTests
{
    private const long Limit = 1024 * 1024;

    [Fact]
    public async Task An_endless_body_stops_just_past_the_limit()
    {
        using var body = new CountingStream(new EndlessStream(), Limit);

        var ex = await Assert.ThrowsAsync<ResponseTooLargeException>(() => ResponseBody.ReadAsync(body, null, CancellationToken.None));

        Assert.Equal(Limit, ex.MaxBytes);
        Assert.InRange(ex.BytesRead, Limit + 1, Limit + (1024 * 1024));
    }

    [Fact]
    public async Task A_body_of_exactly_the_limit_is_read_whole()
    {
        var bytes = new byte[Limit];
        using var body = new CountingStream(new MemoryStream(bytes, writable: false), Limit);

        var read = await ResponseBody.ReadAsync(body, bytes.Length, CancellationToken.None);

        Assert.Equal(Limit, read.Length);
    }

    [Fact]
    public async Task A_body_one_byte_over_the_limit_is_refused()
    {
        using var body = new CountingStream(new MemoryStream(new byte[Limit + 1], writable: false), Limit);

        var ex = await Assert.ThrowsAsync<ResponseTooLargeException>(() => ResponseBody.ReadAsync(body, Limit + 1, CancellationToken.None));

        Assert.Equal(Limit + 1, ex.BytesRead);
    }

    [Fact]
    public async Task A_decompression_bomb_is_counted_after_decompression()
    {
        // 64 MB of zeros compress to about 64 KB: far below the limit on the wire, far above it once expanded.
        var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 64; i++)
            {
                gzip.Write(zeros, 0, zeros.Length);
            }
        }

        Assert.True(compressed.Length < Limit);
        compressed.Position = 0;
        using var body = new CountingStream(new GZipStream(compressed, CompressionMode.Decompress), Limit);

        var ex = await Assert.ThrowsAsync<ResponseTooLargeException>(() => ResponseBody.ReadAsync(body, null, CancellationToken.None));

        Assert.InRange(ex.BytesRead, Limit + 1, 2 * Limit);
    }

    [Fact]
    public void Without_a_limit_nothing_is_refused()
    {
        using var body = new CountingStream(new EndlessStream());
        var buffer = new byte[64 * 1024];

        for (var i = 0; i < 64; i++)
        {
            Assert.Equal(buffer.Length, body.Read(buffer, 0, buffer.Length));
        }

        Assert.Equal(64L * buffer.Length, body.BytesRead);
    }

    /// <summary>A JSON string that never ends, as a broken server sends it.</summary>
    private sealed class EndlessStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill((byte)'a');
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
