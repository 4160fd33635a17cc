namespace Leanly.TestServer.Faults;

/// <summary>One misbehaviour to serve instead of (or around) a normal answer.</summary>
public sealed class FaultSpec
{
    public FaultKind Kind { get; init; }

    /// <summary>Status code; defaults per kind (503 status, 200 html/body/malformed/big, 302 redirect).</summary>
    public int? Status { get; init; }

    /// <summary>Raw Retry-After header value, e.g. "2" or an HTTP-date.</summary>
    public string? RetryAfter { get; init; }

    public string? Body { get; init; }

    public string? ContentType { get; init; }

    /// <summary>Size of a <see cref="FaultKind.Big"/> body; the server stops early when the client goes away.</summary>
    public long SizeBytes { get; init; } = 5_000_000;

    /// <summary>Whether a <see cref="FaultKind.Big"/> body announces its length instead of being chunked.</summary>
    public bool SendContentLength { get; init; }

    /// <summary>For <see cref="FaultKind.Big"/>: send the body gzip-compressed (Content-Encoding: gzip), SizeBytes counted before compression.</summary>
    public bool Gzip { get; init; }

    /// <summary>For <see cref="FaultKind.Big"/>: a pause after each 64 KB written, for a body that trickles.</summary>
    public int ChunkDelayMs { get; init; }

    /// <summary>For <see cref="FaultKind.Drop"/>: process the request (and run any mutation) before dropping.</summary>
    public bool AfterExecute { get; init; }

    /// <summary>For <see cref="FaultKind.Hang"/>.</summary>
    public int DelayMs { get; init; } = 60_000;

    /// <summary>For <see cref="FaultKind.Redirect"/>.</summary>
    public string Location { get; init; } = "http://127.0.0.1:1/elsewhere";

    /// <summary>
    /// When set, only a request whose body contains this text gets the fault (say "\"i\":\"5\""): one chosen input of
    /// a batch sent many at once, where "the next request" could be any of them.
    /// </summary>
    public string? WhenBodyContains { get; init; }

    /// <summary>
    /// Holds the fault until the endpoint has received this many requests in all (this one included), so that the
    /// requests sent after it are surely in flight or answered when it is served.
    /// </summary>
    public int WaitForRequests { get; init; }
}
