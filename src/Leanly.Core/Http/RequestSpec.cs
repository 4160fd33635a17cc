using System;
using System.Net.Http;

namespace Leanly.Http;

/// <summary>One logical request the pipeline may send several times (retries): it builds a fresh message per attempt.</summary>
internal sealed class RequestSpec
{
    public RequestSpec(Uri uri, Func<HttpRequestMessage> create, string purpose, bool mayReplayAfterSend)
    {
        Uri = uri;
        Create = create;
        Purpose = purpose;
        MayReplayAfterSend = mayReplayAfterSend;
    }

    public Uri Uri { get; }

    public Func<HttpRequestMessage> Create { get; }

    /// <summary>For messages: "token request (client_credentials)", "GraphQL query", ...</summary>
    public string Purpose { get; }

    /// <summary>False for a mutation: once the server may have applied it, it is not sent again.</summary>
    public bool MayReplayAfterSend { get; }

    /// <summary>The connection-wide pause this request honours and closes on a 429/503 with Retry-After; null for none.</summary>
    public ThrottleGate? Gate { get; init; }
}
