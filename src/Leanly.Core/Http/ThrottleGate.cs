using System;
using System.Threading;
using System.Threading.Tasks;

namespace Leanly.Http;

/// <summary>
/// Closed by a 429 or 503 with Retry-After until the time the server named; every request to the same endpoint of the
/// connection waits here before it is sent, so a server that asked for a pause gets it from all senders, not only
/// from the one it answered.
/// </summary>
internal sealed class ThrottleGate
{
    private long _closedUntilTicks;

    /// <summary>When the gate opens again (UTC); in the past when it is open.</summary>
    public DateTimeOffset ClosedUntil => new(Interlocked.Read(ref _closedUntilTicks), TimeSpan.Zero);

    /// <summary>Keeps the gate closed for <paramref name="wait"/> from now, or longer if it already was.</summary>
    public void CloseFor(TimeSpan wait)
    {
        var until = DateTimeOffset.UtcNow.Add(wait).UtcTicks;
        long current;
        do
        {
            current = Interlocked.Read(ref _closedUntilTicks);
            if (current >= until)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _closedUntilTicks, until, current) != current);
    }

    public async Task WaitAsync(string purpose, ILeanlyLog log, CancellationToken cancellationToken)
    {
        var logged = false;
        while (true)
        {
            var remaining = ClosedUntil - DateTimeOffset.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                return;
            }

            if (!logged)
            {
                log.Verbose($"The server asked this connection to pause (Retry-After); the {purpose} waits {remaining.TotalSeconds:0.0} s before it is sent.");
                logged = true;
            }

            await Task.Delay(remaining, cancellationToken).ConfigureAwait(false);
        }
    }
}
