namespace Leanly.TestServer.Hosting;

/// <summary>
/// The simulated network distance of an endpoint: a fixed delay plus up to <c>jitterMs</c> more, chosen per request.
/// Awaited with Task.Delay, so a thousand delayed requests hold no threads.
/// </summary>
internal static class Latency
{
    public static Task DelayAsync(int fixedMs, int jitterMs, CancellationToken cancellationToken)
    {
        var ms = fixedMs + (jitterMs > 0 ? Random.Shared.Next(jitterMs + 1) : 0);
        return ms > 0 ? Task.Delay(ms, cancellationToken) : Task.CompletedTask;
    }
}
