using System.Collections.Frozen;
using System.Net;

namespace Leanly.TestServer.Proxy;

/// <summary>
/// The server's listeners again, each behind a <see cref="RoundTripRelay"/>: httpFar in front of the plain listener,
/// httpsFar in front of https (when the server serves HTTPS). One round trip setting applies to all of them.
/// </summary>
public sealed class FarListeners : IAsyncDisposable
{
    // Set once, complete, after the server has bound its ports; requests may read it from the start.
    private FrozenDictionary<string, (RoundTripRelay Relay, string Scheme)> _relays = FrozenDictionary<string, (RoundTripRelay, string)>.Empty;
    private int _roundTripMs;

    /// <summary>Starts one relay per entry: name to the scheme and loopback port of the listener it stands in front of.</summary>
    public void Start(IReadOnlyDictionary<string, (string Scheme, int Port)> listeners) =>
        Volatile.Write(ref _relays, listeners.ToFrozenDictionary(
            l => l.Key,
            l => (new RoundTripRelay(new IPEndPoint(IPAddress.Loopback, l.Value.Port), () => RoundTripMs), l.Value.Scheme),
            StringComparer.Ordinal));

    public IReadOnlyDictionary<string, RoundTripRelay> Relays => Volatile.Read(ref _relays).ToDictionary(r => r.Key, r => r.Value.Relay, StringComparer.Ordinal);

    /// <summary>The simulated round trip of every relay; 0 relays at once.</summary>
    public int RoundTripMs
    {
        get => Volatile.Read(ref _roundTripMs);
        set => Volatile.Write(ref _roundTripMs, value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), "A round trip cannot be negative."));
    }

    /// <summary>Relay name to its scheme://127.0.0.1:port address.</summary>
    public IReadOnlyDictionary<string, string> Addresses() =>
        Volatile.Read(ref _relays).ToDictionary(r => r.Key, r => $"{r.Value.Scheme}://127.0.0.1:{r.Value.Relay.Port}", StringComparer.Ordinal);

    public void Reset()
    {
        RoundTripMs = 0;
        foreach (var (relay, _) in Volatile.Read(ref _relays).Values)
        {
            relay.ResetConnections();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (relay, _) in Volatile.Read(ref _relays).Values)
        {
            await relay.DisposeAsync();
        }
    }
}
