using System.Buffers.Text;
using System.Security.Cryptography;

namespace Leanly.TestServer.State;

/// <summary>Every access and refresh token issued, with their expiry and revocation.</summary>
public sealed class TokenStore
{
    private readonly object gate = new();
    private readonly TimeProvider time;
    private readonly Dictionary<string, IssuedToken> accessTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IssuedToken> refreshTokens = new(StringComparer.Ordinal);
    private readonly List<string> accessOrder = [];
    private readonly List<string> refreshOrder = [];

    public TokenStore(TimeProvider time)
    {
        this.time = time;
    }

    /// <summary>Access token values in the order they were issued.</summary>
    public IReadOnlyList<string> AccessTokens
    {
        get
        {
            lock (gate)
            {
                return accessOrder.ToArray();
            }
        }
    }

    /// <summary>Refresh token values in the order they were issued.</summary>
    public IReadOnlyList<string> RefreshTokens
    {
        get
        {
            lock (gate)
            {
                return refreshOrder.ToArray();
            }
        }
    }

    public static string NewLineage() => Guid.NewGuid().ToString("N");

    public IssuedToken IssueAccessToken(string clientId, IReadOnlyList<string> scopes, string lineage, int lifetimeSeconds) =>
        Issue(accessTokens, accessOrder, clientId, scopes, lineage, lifetimeSeconds);

    public IssuedToken IssueRefreshToken(string clientId, IReadOnlyList<string> scopes, string lineage, int lifetimeSeconds) =>
        Issue(refreshTokens, refreshOrder, clientId, scopes, lineage, lifetimeSeconds);

    public TokenStatus CheckAccessToken(string value, out IssuedToken? token) => Check(accessTokens, value, out token);

    public TokenStatus CheckRefreshToken(string value, out IssuedToken? token) => Check(refreshTokens, value, out token);

    public void Revoke(IssuedToken token)
    {
        lock (gate)
        {
            token.Revoked = true;
        }
    }

    public void RevokeAccessTokensOfLineage(string lineage)
    {
        lock (gate)
        {
            foreach (var token in accessTokens.Values.Where(t => t.Lineage == lineage))
            {
                token.Revoked = true;
            }
        }
    }

    public void RevokeAll(bool access, bool refresh)
    {
        lock (gate)
        {
            if (access)
            {
                MarkAll(accessTokens, t => t.Revoked = true);
            }

            if (refresh)
            {
                MarkAll(refreshTokens, t => t.Revoked = true);
            }
        }
    }

    public void ExpireAccessTokens() => ExpireAll(accessTokens);

    public void ExpireRefreshTokens() => ExpireAll(refreshTokens);

    private static void MarkAll(Dictionary<string, IssuedToken> tokens, Action<IssuedToken> mark)
    {
        foreach (var token in tokens.Values)
        {
            mark(token);
        }
    }

    private static string NewTokenValue() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    private void ExpireAll(Dictionary<string, IssuedToken> tokens)
    {
        var past = time.GetUtcNow().AddSeconds(-1);
        lock (gate)
        {
            MarkAll(tokens, t => t.ExpiresAt = past < t.ExpiresAt ? past : t.ExpiresAt);
        }
    }

    private IssuedToken Issue(
        Dictionary<string, IssuedToken> tokens,
        List<string> order,
        string clientId,
        IReadOnlyList<string> scopes,
        string lineage,
        int lifetimeSeconds)
    {
        var token = new IssuedToken(NewTokenValue(), clientId, scopes, lineage, time.GetUtcNow().AddSeconds(lifetimeSeconds));
        lock (gate)
        {
            tokens.Add(token.Value, token);
            order.Add(token.Value);
        }

        return token;
    }

    private TokenStatus Check(Dictionary<string, IssuedToken> tokens, string value, out IssuedToken? token)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            if (!tokens.TryGetValue(value, out token))
            {
                return TokenStatus.Unknown;
            }

            if (token.Revoked)
            {
                return TokenStatus.Revoked;
            }

            return now < token.ExpiresAt ? TokenStatus.Valid : TokenStatus.Expired;
        }
    }
}
