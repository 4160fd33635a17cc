using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Leanly.TestServer.Proxy;

/// <summary>
/// A forward proxy on its own loopback port, as a corporate proxy looks to a client: CONNECT opens a tunnel
/// (how HTTPS goes through a proxy), an absolute-form request (http://...) is passed on to its target as is.
/// It can demand Basic proxy credentials (answering 407), and keeps every byte it relayed so a test can scan them.
/// Targets are loopback only.
/// </summary>
public sealed class TunnelProxy : IAsyncDisposable
{
    private const int MaxHead = 16 * 1024;
    private const int MaxLog = 32 * 1024 * 1024;

    private readonly LoopbackAcceptor _acceptor;
    private readonly MemoryStream _relayed = new();
    private int _connects;
    private int _forwards;
    private int _authenticationRejected;
    private long _relayedTotal;

    public TunnelProxy() => _acceptor = new LoopbackAcceptor(ServeAsync);

    public Uri Uri => new($"http://127.0.0.1:{_acceptor.Port}/");

    /// <summary>"user:password" a client must send as Basic Proxy-Authorization; null lets everyone through.</summary>
    public string? RequiredCredential { get; set; }

    public int Connects => Volatile.Read(ref _connects);

    public int Forwards => Volatile.Read(ref _forwards);

    public int AuthenticationRejected => Volatile.Read(ref _authenticationRejected);

    public long RelayedTotal => Interlocked.Read(ref _relayedTotal);

    /// <summary>Every byte relayed in either direction (request heads included), up to 32 MB.</summary>
    public byte[] RelayedBytes()
    {
        lock (_relayed)
        {
            return _relayed.ToArray();
        }
    }

    public void Reset()
    {
        RequiredCredential = null;
        Interlocked.Exchange(ref _connects, 0);
        Interlocked.Exchange(ref _forwards, 0);
        Interlocked.Exchange(ref _authenticationRejected, 0);
        Interlocked.Exchange(ref _relayedTotal, 0);
        lock (_relayed)
        {
            _relayed.SetLength(0);
        }
    }

    public ValueTask DisposeAsync() => _acceptor.DisposeAsync();

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var head = await ReadHeadAsync(stream);
                if (head is null)
                {
                    return;
                }

                Log(head);
                var text = Encoding.Latin1.GetString(head);
                var requestLine = text[..text.IndexOf("\r\n", StringComparison.Ordinal)].Split(' ');
                if (requestLine.Length != 3)
                {
                    await AnswerAsync(stream, "400 Bad Request");
                    return;
                }

                if (!IsAuthorized(text))
                {
                    Interlocked.Increment(ref _authenticationRejected);
                    await AnswerAsync(stream, "407 Proxy Authentication Required", "Proxy-Authenticate: Basic realm=\"leanly-test-proxy\"\r\n");
                    return;
                }

                var connect = requestLine[0].Equals("CONNECT", StringComparison.OrdinalIgnoreCase);
                var target = connect ? ParseAuthority(requestLine[1]) : ParseAbsolute(requestLine[1]);
                if (target is null || !IPAddress.IsLoopback(target.Address))
                {
                    await AnswerAsync(stream, "403 Forbidden");
                    return;
                }

                using var upstream = new TcpClient();
                await upstream.ConnectAsync(target, _acceptor.Stopping);
                var upstreamStream = upstream.GetStream();
                if (connect)
                {
                    Interlocked.Increment(ref _connects);
                    await stream.WriteAsync("HTTP/1.1 200 Connection Established\r\n\r\n"u8.ToArray(), _acceptor.Stopping);
                }
                else
                {
                    Interlocked.Increment(ref _forwards);
                    await upstreamStream.WriteAsync(head, _acceptor.Stopping);
                }

                await Task.WhenAll(RelayAsync(stream, upstreamStream), RelayAsync(upstreamStream, stream));
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // Either side went away; the tunnel simply ends.
            }
        }
    }

    private bool IsAuthorized(string head)
    {
        var required = RequiredCredential;
        if (required is null)
        {
            return true;
        }

        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(required));
        foreach (var line in head.Split("\r\n"))
        {
            var colon = line.IndexOf(':');
            if (colon > 0 && line[..colon].Trim().Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase))
            {
                return line[(colon + 1)..].Trim() == expected;
            }
        }

        return false;
    }

    private static IPEndPoint? ParseAuthority(string authority)
    {
        var colon = authority.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(authority[(colon + 1)..], out var port))
        {
            return null;
        }

        var host = authority[..colon].Trim('[', ']');
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            ? new IPEndPoint(IPAddress.Loopback, port)
            : IPAddress.TryParse(host, out var address) ? new IPEndPoint(address, port) : null;
    }

    private static IPEndPoint? ParseAbsolute(string target) =>
        Uri.TryCreate(target, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp
            ? ParseAuthority($"{uri.Host}:{uri.Port}")
            : null;

    private async Task<byte[]?> ReadHeadAsync(NetworkStream stream)
    {
        var buffer = new byte[MaxHead];
        var length = 0;
        while (length < buffer.Length)
        {
            // One byte at a time: the head must not swallow the first bytes of the tunnel (the TLS ClientHello).
            var read = await stream.ReadAsync(buffer.AsMemory(length, 1), _acceptor.Stopping);
            if (read == 0)
            {
                return null;
            }

            length++;
            if (length >= 4 && buffer[length - 4] == '\r' && buffer[length - 3] == '\n' && buffer[length - 2] == '\r' && buffer[length - 1] == '\n')
            {
                return buffer[..length];
            }
        }

        return null;
    }

    private async Task AnswerAsync(NetworkStream stream, string status, string extraHeaders = "")
    {
        var answer = Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\n{extraHeaders}Content-Length: 0\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(answer, _acceptor.Stopping);
    }

    private async Task RelayAsync(NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, _acceptor.Stopping)) > 0)
            {
                Log(buffer.AsSpan(0, read));
                await to.WriteAsync(buffer.AsMemory(0, read), _acceptor.Stopping);
            }
        }
        finally
        {
            // One side finished: end the other, so the tunnel closes as a whole.
            to.Socket.Shutdown(SocketShutdown.Send);
        }
    }

    private void Log(ReadOnlySpan<byte> bytes)
    {
        Interlocked.Add(ref _relayedTotal, bytes.Length);
        lock (_relayed)
        {
            var room = MaxLog - (int)_relayed.Length;
            _relayed.Write(bytes[..Math.Min(room, bytes.Length)]);
        }
    }
}
