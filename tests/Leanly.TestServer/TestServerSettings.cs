namespace Leanly.TestServer;

/// <summary>The behaviour of the server; every property may be changed while it runs.</summary>
public sealed class TestServerSettings
{
    public const string DefaultClientId = "leanly-demo";
    public const string DefaultClientSecret = "demo-secret-!&=+ü";

    public IReadOnlyList<TestClient> Clients { get; set; } =
        [new TestClient(DefaultClientId, DefaultClientSecret, ["read", "write"])];

    /// <summary>Seconds an access token stays valid (at least 1).</summary>
    public int AccessTokenLifetime { get; set; } = 3600;

    /// <summary>Seconds a refresh token stays valid (at least 1).</summary>
    public int RefreshTokenLifetime { get; set; } = 86400;

    /// <summary>A refresh answers with a new refresh token and revokes the old one.</summary>
    public bool RotateRefreshTokens { get; set; }

    /// <summary>A refresh revokes the access tokens issued earlier in the same grant lineage.</summary>
    public bool RevokeAccessOnRefresh { get; set; }

    /// <summary>client_credentials answers without a refresh token, as RFC 6749 4.4.3 recommends.</summary>
    public bool Strict { get; set; }

    /// <summary>Default length of the <c>items</c> connection.</summary>
    public int ItemCount { get; set; } = 2500;

    /// <summary>Milliseconds every /graphql request waits before it is handled (simulated distance).</summary>
    public int GraphQLLatencyMs { get; set; }

    /// <summary>Up to this many milliseconds more per /graphql request, chosen at random.</summary>
    public int GraphQLJitterMs { get; set; }

    /// <summary>Milliseconds every /token request waits before it is handled.</summary>
    public int TokenLatencyMs { get; set; }

    /// <summary>Up to this many milliseconds more per /token request.</summary>
    public int TokenJitterMs { get; set; }

    /// <summary>Serve the large generated schema (1,500 more types, for the bench) instead of the normal one.</summary>
    public bool LargeSchema { get; set; }

    /// <summary>Answer __schema and __type queries; false refuses them with a GraphQL error (HTTP 200), as servers in production do.</summary>
    public bool Introspection { get; set; } = true;

    public TestClient? FindClient(string clientId) =>
        Clients.FirstOrDefault(c => string.Equals(c.ClientId, clientId, StringComparison.Ordinal));

    /// <summary>Returns why these settings cannot be used, or null when they can.</summary>
    public string? Validate()
    {
        if (AccessTokenLifetime < 1)
        {
            return "accessTokenLifetime must be at least 1 second.";
        }

        if (RefreshTokenLifetime < 1)
        {
            return "refreshTokenLifetime must be at least 1 second.";
        }

        if (ItemCount < 0)
        {
            return "itemCount must not be negative.";
        }

        if (GraphQLLatencyMs is < 0 or > 60_000 || GraphQLJitterMs is < 0 or > 60_000 || TokenLatencyMs is < 0 or > 60_000 || TokenJitterMs is < 0 or > 60_000)
        {
            return "latency and jitter must be 0..60000 ms.";
        }

        if (Clients.Any(c => string.IsNullOrEmpty(c.ClientId) || c.ClientSecret is null || c.Scopes is null))
        {
            return "every client needs a clientId, a clientSecret and scopes.";
        }

        if (Clients.Select(c => c.ClientId).Distinct(StringComparer.Ordinal).Count() != Clients.Count)
        {
            return "client ids must be unique.";
        }

        return null;
    }

    public TestServerSettings Clone()
    {
        var copy = new TestServerSettings();
        copy.CopyFrom(this);
        return copy;
    }

    public void CopyFrom(TestServerSettings other)
    {
        Clients = other.Clients.ToArray();
        AccessTokenLifetime = other.AccessTokenLifetime;
        RefreshTokenLifetime = other.RefreshTokenLifetime;
        RotateRefreshTokens = other.RotateRefreshTokens;
        RevokeAccessOnRefresh = other.RevokeAccessOnRefresh;
        Strict = other.Strict;
        ItemCount = other.ItemCount;
        GraphQLLatencyMs = other.GraphQLLatencyMs;
        GraphQLJitterMs = other.GraphQLJitterMs;
        TokenLatencyMs = other.TokenLatencyMs;
        TokenJitterMs = other.TokenJitterMs;
        LargeSchema = other.LargeSchema;
        Introspection = other.Introspection;
    }
}
