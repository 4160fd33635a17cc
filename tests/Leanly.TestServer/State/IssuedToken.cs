namespace Leanly.TestServer.State;

/// <summary>A token the server handed out; mutable parts are guarded by the owning <see cref="TokenStore"/>.</summary>
public sealed class IssuedToken
{
    internal IssuedToken(string value, string clientId, IReadOnlyList<string> scopes, string lineage, DateTimeOffset expiresAt)
    {
        Value = value;
        ClientId = clientId;
        Scopes = scopes;
        Lineage = lineage;
        ExpiresAt = expiresAt;
    }

    public string Value { get; }

    public string ClientId { get; }

    public IReadOnlyList<string> Scopes { get; }

    /// <summary>Shared by every token that descends from one client_credentials grant.</summary>
    public string Lineage { get; }

    public DateTimeOffset ExpiresAt { get; internal set; }

    public bool Revoked { get; internal set; }
}
