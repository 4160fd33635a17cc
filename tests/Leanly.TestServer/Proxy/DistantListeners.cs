using System.Net;

namespace Leanly.TestServer.Proxy;

/// <summary>
/// The server's listeners again, each behind a <see cref="RoundTripRelay"/>: httpFar in front of the plain listener,
/// httpsFar in front of https (when the server serves HTTPS). One round trip setting applies to all of them.
/// </summary>
public sealed class DistantListeners : IAsyncDisposable
{
    private readonly Dictionary<string, (RoundTripRelay Relay, string Scheme)> _relays = new(StringComparer.Ordinal);

    /// <summary>Starts a relay named <paramref name="name"/> in front of the loopback port of a listener.</summary>
    public void Add(string name, string scheme, int targetPort) =>
        _relays[name] = (new RoundTripRelay(new IPEndPoint(IPAddress.Loopback, targetPort)), scheme);

    public IEnumerable<KeyValuePair<string, RoundTripRelay>> Relays => _relays.Select(r => KeyValuePair.Create(r.Key, r.Value.Relay));

    public int RoundTripMs
    {
        get => _relays.Values.Select(r => r.Relay.RoundTripMs).FirstOrDefault();
        set
        {
            foreach (var (relay, _) in _relays.Values)
            {
                relay.RoundTripMs = value;
            }
        }
    }

    /// <summary>Relay name to its scheme://127.0.0.1:port address.</summary>
    public IReadOnlyDictionary<string, string> Addresses() =>
        _relays.ToDictionary(r => r.Key, r => $"{r.Value.Scheme}://127.0.0.1:{r.Value.Relay.Port}", StringComparer.Ordinal);

    public void Reset()
    {
        foreach (var (relay, _) in _relays.Values)
        {
            relay.Reset();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (relay, _) in _relays.Values)
        {
            await relay.DisposeAsync();
        }
    }
}
