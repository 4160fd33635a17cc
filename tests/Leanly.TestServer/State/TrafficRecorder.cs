using System.Diagnostics;

namespace Leanly.TestServer.State;

/// <summary>
/// What arrived at /token and /graphql over time: how many requests were in flight at once (at most), and when each
/// started and ended, in milliseconds since the server started (or was reset). Tests prove concurrency and
/// fetching ahead from these, not from a client's stopwatch.
/// </summary>
public sealed class TrafficRecorder
{
    /// <summary>Only the most recent requests are kept, so a long load run cannot grow the server's memory without limit.</summary>
    public const int MaxRecorded = 20_000;

    private readonly object _gate = new();
    private readonly Queue<RequestTiming> _recorded = new();
    private Stopwatch _clock = Stopwatch.StartNew();
    private int _inFlight;
    private int _maxInFlight;

    public int InFlight => Volatile.Read(ref _inFlight);

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public IReadOnlyList<RequestTiming> Requests
    {
        get
        {
            lock (_gate)
            {
                return _recorded.ToArray();
            }
        }
    }

    /// <summary>Counts a request in flight until the returned scope is disposed; <c>endpoint</c> is "token" or "graphql".</summary>
    public Scope Begin(string endpoint, HttpContext context)
    {
        int now;
        lock (_gate)
        {
            now = ++_inFlight;
            if (now > _maxInFlight)
            {
                _maxInFlight = now;
            }
        }

        return new Scope(this, endpoint, context, _clock.Elapsed.TotalMilliseconds);
    }

    public void Reset()
    {
        lock (_gate)
        {
            _recorded.Clear();
            _maxInFlight = _inFlight;
            _clock = Stopwatch.StartNew();
        }
    }

    private void End(string endpoint, int status, double startMs)
    {
        lock (_gate)
        {
            _inFlight--;
            _recorded.Enqueue(new RequestTiming(endpoint, startMs, _clock.Elapsed.TotalMilliseconds, status));
            if (_recorded.Count > MaxRecorded)
            {
                _recorded.Dequeue();
            }
        }
    }

    public readonly struct Scope(TrafficRecorder owner, string endpoint, HttpContext context, double startMs) : IDisposable
    {
        public void Dispose() => owner.End(endpoint, context.Response.StatusCode, startMs);
    }
}

/// <summary>One request as <see cref="TrafficRecorder"/> saw it.</summary>
public sealed record RequestTiming(string Endpoint, double StartMs, double EndMs, int Status);
