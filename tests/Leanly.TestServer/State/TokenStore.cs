using System.Buffers.Text;
using System.Security.Cryptography;

namespace Leanly.TestServer.State;

/// <summary>Every access and refresh token issued, with their expiry and revocation.</summary>
public sealed class TokenStore
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly Dictionary<string, IssuedToken> _accessTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IssuedToken> _refreshTokens = new(StringComparer.Ordinal);
    private readonly List<string> _accessOrder = [];
    private readonly List<string> _refreshOrder = [];

    public TokenStore(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>Access token values in the order they were issued.</summary>
    public IReadOnlyList<string> AccessTokens
    {
        get
        {
            lock (_gate)
            {
                return _accessOrder.ToArray();
            }
        }
    }

    /// <summary>Refresh token values in the order they were issued.</summary>
    public IReadOnlyList<string> RefreshTokens
    {
        get
        {
            lock (_gate)
            {
                return _refreshOrder.ToArray();
            }
        }
    }

    public static string NewLineage() => Guid.NewGuid().ToString("N");

    public IssuedToken IssueAccessToken(string clientId, IReadOnlyList<string> scopes, string lineage, int lifetimeSeconds) =>
        Issue(_accessTokens, _accessOrder, clientId, scopes, lineage, lifetimeSeconds);

    public IssuedToken IssueRefreshToken(string clientId, IReadOnlyList<string> scopes, string lineage, int lifetimeSeconds) =>
        Issue(_refreshTokens, _refreshOrder, clientId, scopes, lineage, lifetimeSeconds);

    public TokenStatus CheckAccessToken(string value, out IssuedToken? token) => Check(_accessTokens, value, out token);

    public TokenStatus CheckRefreshToken(string value, out IssuedToken? token) => Check(_refreshTokens, value, out token);

    public void Revoke(IssuedToken token)
    {
        lock (_gate)
        {
            token.Revoked = true;
        }
    }

    public void RevokeAccessTokensOfLineage(string lineage)
    {
        lock (_gate)
        {
            foreach (var token in _accessTokens.Values.Where(t => t.Lineage == lineage))
            {
                token.Revoked = true;
            }
        }
    }

    public void RevokeAll(bool access, bool refresh)
    {
        lock (_gate)
        {
            if (access)
            {
                MarkAll(_accessTokens, t => t.Revoked = true);
            }

            if (refresh)
            {
                MarkAll(_refreshTokens, t => t.Revoked = true);
            }
        }
    }

    public void ExpireAccessTokens() => ExpireAll(_accessTokens);

    public void ExpireRefreshTokens() => ExpireAll(_refreshTokens);

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
        var past = _time.GetUtcNow().AddSeconds(-1);
        lock (_gate)
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
        var token = new IssuedToken(NewTokenValue(), clientId, scopes, lineage, _time.GetUtcNow().AddSeconds(lifetimeSeconds));
        lock (_gate)
        {
            tokens.Add(token.Value, token);
            order.Add(token.Value);
        }

        return token;
    }

    private TokenStatus Check(Dictionary<string, IssuedToken> tokens, string value, out IssuedToken? token)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
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
