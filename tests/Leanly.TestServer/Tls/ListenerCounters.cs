using System.Collections.Concurrent;

namespace Leanly.TestServer.Tls;

/// <summary>What one listener saw: TCP connections, TLS handshakes begun and completed, requests per protocol.</summary>
public sealed class ListenerCounters
{
    private int _connections;
    private int _handshakesStarted;
    private int _handshakes;

    public int Connections => Volatile.Read(ref _connections);

    /// <summary>ClientHellos answered; a client that then rejects the certificate leaves this above <see cref="Handshakes"/>.</summary>
    public int HandshakesStarted => Volatile.Read(ref _handshakesStarted);

    public int Handshakes => Volatile.Read(ref _handshakes);

    /// <summary>Requests by protocol as Kestrel reports it (HTTP/1.1, HTTP/2).</summary>
    public ConcurrentDictionary<string, int> Protocols { get; } = new(StringComparer.Ordinal);

    /// <summary>Completed handshakes by TLS version (Tls12, Tls13).</summary>
    public ConcurrentDictionary<string, int> TlsVersions { get; } = new(StringComparer.Ordinal);

    public void CountConnection() => Interlocked.Increment(ref _connections);

    public void CountHandshakeStarted() => Interlocked.Increment(ref _handshakesStarted);

    public void CountHandshake(string version)
    {
        Interlocked.Increment(ref _handshakes);
        TlsVersions.AddOrUpdate(version, 1, (_, n) => n + 1);
    }

    public void CountRequest(string protocol) => Protocols.AddOrUpdate(protocol, 1, (_, n) => n + 1);

    public void Reset()
    {
        Interlocked.Exchange(ref _connections, 0);
        Interlocked.Exchange(ref _handshakesStarted, 0);
        Interlocked.Exchange(ref _handshakes, 0);
        Protocols.Clear();
        TlsVersions.Clear();
    }
}
