using System;
using System.Collections.Generic;
using System.Net;
using Leanly.Http;

namespace Leanly;

/// <summary>How a connection reaches Leanly. Validated by <see cref="EndpointPolicy"/> before anything is sent.</summary>
public sealed class LeanlyConnectionOptions
{
    public const long DefaultMaxResponseBytes = 100L * 1024 * 1024;

    public static readonly Uri DefaultTokenUri = new("https://oauth.leanly.cloud/token");
    public static readonly Uri DefaultApiUri = new("https://graphql.leanly.cloud/graphql");

    public Uri TokenUri { get; set; } = DefaultTokenUri;

    public Uri ApiUri { get; set; } = DefaultApiUri;

    public IReadOnlyList<string> Scopes { get; set; } = Array.Empty<string>();

    public ClientAuthenticationMethod ClientAuthentication { get; set; } = ClientAuthenticationMethod.Body;

    /// <summary>Bounds each HTTP request, body included (Invoke-RestMethod's default is 100 s).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    public RetryPolicy Retry { get; set; } = new();

    /// <summary>
    /// The most bytes any one answer may have once decompressed; every reader of the connection's transport stops
    /// there. Far above any normal Leanly answer, far below what would exhaust a 400 MB runbook sandbox once the
    /// answer becomes objects several times its size.
    /// </summary>
    public long MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;

    /// <summary>A proxy of the connection's own; when null the system and environment proxy settings apply.</summary>
    public Uri? Proxy { get; set; }

    public NetworkCredential? ProxyCredential { get; set; }

    /// <summary>Where <see cref="ProxyCredential"/> came from, for the advice of a proxy's refusal.</summary>
    public ProxyLoginSource ProxyLogin { get; set; }
}
