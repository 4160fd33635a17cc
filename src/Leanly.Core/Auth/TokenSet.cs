using System;

namespace Leanly.Auth;

/// <summary>One immutable generation of a connection's tokens; replaced whole so no caller sees a half-updated state.</summary>
internal sealed class TokenSet
{
    public TokenSet(string accessToken, string? refreshToken, TimeSpan? lifetime, string? scope, DateTimeOffset issuedOn)
    {
        AccessToken = accessToken;
        RefreshToken = refreshToken;
        Lifetime = lifetime;
        Scope = scope;
        IssuedOn = issuedOn;
        ExpiresOn = lifetime is { } span ? issuedOn + span : null;
        Authorization = "Bearer " + accessToken;
    }

    public string AccessToken { get; }

    /// <summary>The Authorization header value, built once per token rather than once per request.</summary>
    public string Authorization { get; }

    public string? RefreshToken { get; }

    public TimeSpan? Lifetime { get; }

    public string? Scope { get; }

    public DateTimeOffset IssuedOn { get; }

    public DateTimeOffset? ExpiresOn { get; }

    /// <summary>5 minutes or half the lifetime, whichever is shorter: 2-second test tokens and 1-hour tokens both refresh in time.</summary>
    public TimeSpan RefreshWindow
    {
        get
        {
            if (Lifetime is not { } lifetime)
            {
                return TimeSpan.Zero;
            }

            var half = TimeSpan.FromTicks(lifetime.Ticks / 2);
            return half < TimeSpan.FromMinutes(5) ? half : TimeSpan.FromMinutes(5);
        }
    }

    public DateTimeOffset? RefreshOn => ExpiresOn - RefreshWindow;

    public bool NeedsRefresh(DateTimeOffset now) => RefreshOn is { } when && now >= when;

    /// <summary>The token set after a refresh grant: an answer without a refresh token keeps the old one (Leanly's documented behaviour).</summary>
    public TokenSet WithRefreshedAccess(TokenSet refreshed) =>
        new(refreshed.AccessToken, refreshed.RefreshToken ?? RefreshToken, refreshed.Lifetime, refreshed.Scope ?? Scope, refreshed.IssuedOn);

    public override string ToString() => $"TokenSet (expires {ExpiresOn:u}, tokens hidden)";
}
