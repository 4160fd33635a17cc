using System.Net;
using System.Security.Authentication;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Leanly.TestServer.Tls;

/// <summary>
/// The HTTPS listeners, each on its own loopback port and each counted (<see cref="ListenerCounters"/>):
/// https (HTTP/1.1 and HTTP/2 by ALPN), httpsHttp1 (HTTP/2 turned off), otherHost (a certificate for another name),
/// expired, untrusted (issued by a CA nobody trusts) and tlsOld (offers only TLS 1.0 and 1.1).
/// </summary>
public sealed class TlsListeners
{
    private readonly Dictionary<string, ListenOptions> _listeners = new(StringComparer.Ordinal);

    public TlsListeners(string? certificateDirectory) => CertificateDirectory = certificateDirectory;

    public string? CertificateDirectory { get; }

    /// <summary>Counters by listener name, plus "http" for the plain listener.</summary>
    public Dictionary<string, ListenerCounters> Counters { get; } = new(StringComparer.Ordinal) { ["http"] = new() };

    public void Configure(KestrelServerOptions kestrel)
    {
        if (CertificateDirectory is null)
        {
            return;
        }

        var localhost = TestCertificates.Load(CertificateDirectory, TestCertificates.LocalhostFile);
        Add(kestrel, "https", localhost, HttpProtocols.Http1AndHttp2);
        Add(kestrel, "httpsHttp1", localhost, HttpProtocols.Http1);
        Add(kestrel, "otherHost", TestCertificates.Load(CertificateDirectory, TestCertificates.OtherHostFile), HttpProtocols.Http1AndHttp2);
        Add(kestrel, "expired", TestCertificates.Load(CertificateDirectory, TestCertificates.ExpiredFile), HttpProtocols.Http1AndHttp2);
        Add(kestrel, "untrusted", TestCertificates.Load(CertificateDirectory, TestCertificates.UntrustedFile), HttpProtocols.Http1AndHttp2);
#pragma warning disable SYSLIB0039, CA5397 // A server that offers only TLS 1.0/1.1 is the point: clients must refuse it.
        Add(kestrel, "tlsOld", localhost, HttpProtocols.Http1, SslProtocols.Tls | SslProtocols.Tls11);
#pragma warning restore SYSLIB0039, CA5397
    }

    /// <summary>Listener name to its https://127.0.0.1:port address, once the server has bound.</summary>
    public IReadOnlyDictionary<string, string> Addresses() =>
        _listeners.ToDictionary(l => l.Key, l => $"https://127.0.0.1:{l.Value.IPEndPoint!.Port}", StringComparer.Ordinal);

    /// <summary>The counters of the listener a request came in on.</summary>
    public ListenerCounters For(int localPort) =>
        _listeners.FirstOrDefault(l => l.Value.IPEndPoint!.Port == localPort) is { Key: { } name } ? Counters[name] : Counters["http"];

    public void Reset()
    {
        foreach (var counters in Counters.Values)
        {
            counters.Reset();
        }
    }

    private void Add(KestrelServerOptions kestrel, string name, System.Security.Cryptography.X509Certificates.X509Certificate2 certificate, HttpProtocols protocols, SslProtocols tls = SslProtocols.None)
    {
        var counters = Counters[name] = new ListenerCounters();
        kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = protocols;
            listen.Use(next => connection =>
            {
                counters.CountConnection();
                return next(connection);
            });
            listen.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificate = certificate,
                SslProtocols = tls,
                OnAuthenticate = (_, _) => counters.CountHandshakeStarted(),
            });
            listen.Use(next => connection =>
            {
                var handshake = connection.Features.Get<ITlsHandshakeFeature>();
                counters.CountHandshake(handshake?.Protocol.ToString() ?? "unknown");
                return next(connection);
            });
            _listeners[name] = listen;
        });
    }
}
