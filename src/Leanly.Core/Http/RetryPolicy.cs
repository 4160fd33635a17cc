using System;
using System.Globalization;
using System.Net.Http;
using System.Threading;

namespace Leanly.Http;

/// <summary>Bounded retries with exponential backoff and jitter, honouring Retry-After.</summary>
public sealed class RetryPolicy
{
    private static int _seed = Environment.TickCount;
    private static readonly ThreadLocal<Random> Jitter = new(() => new Random(Interlocked.Increment(ref _seed)));

    /// <summary>Retries after the first attempt (so 3 means at most 4 attempts).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>All the waiting between attempts of one request together stays under this.</summary>
    public TimeSpan MaxTotalWait { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    public static bool IsTransientStatus(int status) => status is 429 or 502 or 503 or 504;

    /// <summary>429 and 503 say the request was not processed, so even a mutation may be sent again.</summary>
    public static bool IsNotProcessedStatus(int status) => status is 429 or 503;

    /// <summary>The wait before retry number <paramref name="retry"/> (1-based): Retry-After when the server gave one, else backoff with jitter.</summary>
    public TimeSpan DelayFor(int retry, HttpResponseMessage? response, DateTimeOffset now)
    {
        var serverAsked = RetryAfter(response, now);
        if (serverAsked is { } asked)
        {
            return asked;
        }

        var exponential = BaseDelay.TotalMilliseconds * Math.Pow(2, retry - 1);
        var capped = Math.Min(exponential, MaxDelay.TotalMilliseconds);
        var jittered = capped * (0.5 + (Jitter.Value!.NextDouble() * 0.5));
        return TimeSpan.FromMilliseconds(jittered);
    }

    public static TimeSpan? RetryAfter(HttpResponseMessage? response, DateTimeOffset now)
    {
        var header = response?.Headers.RetryAfter;
        if (header is null)
        {
            if (response is not null && response.Headers.TryGetValues("Retry-After", out var raw))
            {
                foreach (var value in raw)
                {
                    if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
                    {
                        return TimeSpan.FromSeconds(seconds);
                    }
                }
            }

            return null;
        }

        if (header.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    public override string ToString() => $"{MaxRetries} retries, at most {MaxTotalWait.TotalSeconds:0} s of waiting";
}
