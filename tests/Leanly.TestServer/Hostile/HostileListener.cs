using System.Net.Sockets;
using System.Text;
using Leanly.TestServer.Proxy;

namespace Leanly.TestServer.Hostile;

/// <summary>
/// Plain HTTP/1.1 on its own loopback port, written by hand for the answers Kestrel refuses to send: a body cut short
/// of its Content-Length, a Content-Length shorter than the body, broken chunked framing, bytes that are not HTTP.
/// The path picks the misbehaviour (<c>/close-mid-body</c>, <c>/short-length</c>, <c>/bad-chunked</c>,
/// <c>/random-bytes</c>); anything else gets a small valid GraphQL answer. Every connection is closed after one answer.
/// </summary>
public sealed class HostileListener : IAsyncDisposable
{
    private const int MaxHead = 64 * 1024;
    private const string Valid = "{\"data\":{\"hostile\":\"fine\"}}";
    private static readonly byte[] HeadEnd = "\r\n\r\n"u8.ToArray();
    private readonly LoopbackAcceptor _acceptor;

    public HostileListener()
    {
        _acceptor = new LoopbackAcceptor(ServeAsync);
    }

    public Uri Uri => new($"http://127.0.0.1:{_acceptor.Port}/");

    public ValueTask DisposeAsync() => _acceptor.DisposeAsync();

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var path = await ReadRequestAsync(stream, _acceptor.Stopping);
                await stream.WriteAsync(Answer(path), _acceptor.Stopping);
                await stream.FlushAsync(_acceptor.Stopping);
                if (path == "/bad-chunked")
                {
                    // Linger a moment so the client reads the broken framing, not merely a closed connection.
                    await Task.Delay(200, _acceptor.Stopping);
                }
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client gave up first: that is what these answers are for.
            }
        }
    }

    private static byte[] Answer(string path)
    {
        return path switch
        {
            "/close-mid-body" => Ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"data\":{\"echo\":\"" + new string('a', 1000)),
            "/short-length" => Ascii($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 7\r\nConnection: close\r\n\r\n{Valid}"),
            "/bad-chunked" => Ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"dat\r\nzz-not-a-size\r\n" + Valid + "\r\n"),
            "/random-bytes" => RandomBytes(),
            _ => Ascii($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {Valid.Length}\r\nConnection: close\r\n\r\n{Valid}"),
        };
    }

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    // Seeded, so that a failure can be replayed; never starts with "HTTP/".
    private static byte[] RandomBytes()
    {
        var bytes = new byte[4096];
        new Random(21).NextBytes(bytes);
        bytes[0] = 0;
        return bytes;
    }

    /// <summary>Reads the request line and headers and any Content-Length body; gives back the path.</summary>
    private static async Task<string> ReadRequestAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxHead];
        var filled = 0;
        int end;
        while ((end = buffer.AsSpan(0, filled).IndexOf(HeadEnd)) < 0)
        {
            if (filled == buffer.Length)
            {
                throw new IOException("Request head too large.");
            }

            var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            if (read == 0)
            {
                throw new IOException("Closed before the request head ended.");
            }

            filled += read;
        }

        var head = Encoding.ASCII.GetString(buffer, 0, end).Split("\r\n");
        var target = head[0].Split(' ') is { Length: >= 2 } parts ? parts[1] : "/";
        var length = head.Skip(1)
            .Select(line => line.Split(':', 2))
            .Where(pair => pair.Length == 2 && pair[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(pair => long.Parse(pair[1].Trim(), System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault();
        for (var left = length - (filled - end - HeadEnd.Length); left > 0;)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(left, buffer.Length)), cancellationToken);
            if (read == 0)
            {
                break;
            }

            left -= read;
        }

        return target.Split('?')[0];
    }
}
