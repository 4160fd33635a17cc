namespace Leanly.TestServer.Faults;

public enum FaultKind
{
    /// <summary>A bare status code, optionally with Retry-After and a body.</summary>
    Status,

    /// <summary>An HTML error page such as a proxy would send.</summary>
    Html,

    /// <summary>An arbitrary raw body with the given status and content type.</summary>
    Body,

    /// <summary>A 200 JSON answer that breaks off mid-object.</summary>
    Malformed,

    /// <summary>The real answer, cut to half its bytes.</summary>
    Truncated,

    /// <summary>A huge JSON-looking body, streamed.</summary>
    Big,

    /// <summary>The connection is aborted without an answer.</summary>
    Drop,

    /// <summary>A delay before the normal answer.</summary>
    Hang,

    /// <summary>A redirect elsewhere.</summary>
    Redirect,
}
