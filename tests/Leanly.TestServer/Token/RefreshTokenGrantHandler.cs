using Leanly.TestServer.State;

namespace Leanly.TestServer.Token;

/// <summary>RFC 6749 6: a refresh token is traded for a new access token.</summary>
internal static class RefreshTokenGrantHandler
{
    public static TokenGrant Handle(ServerState state, ClientAuthentication presented, string? refreshTokenValue, string? scope)
    {
        if (string.IsNullOrEmpty(refreshTokenValue))
        {
            throw OAuthErrorException.InvalidRequest("The refresh_token parameter is missing.");
        }

        var settings = state.Settings;
        var client = IdentifyClient(settings, presented);
        var refreshToken = Check(state.Tokens, refreshTokenValue);
        if (client is not null && client.ClientId != refreshToken.ClientId)
        {
            throw OAuthErrorException.InvalidGrant("The refresh token was issued to another client.");
        }

        if (settings.FindClient(refreshToken.ClientId) is null)
        {
            throw OAuthErrorException.InvalidGrant("The client of this refresh token no longer exists.");
        }

        var scopes = ScopeResolver.Resolve(scope, refreshToken.Scopes);
        if (settings.RevokeAccessOnRefresh)
        {
            state.Tokens.RevokeAccessTokensOfLineage(refreshToken.Lineage);
        }

        var lifetime = settings.AccessTokenLifetime;
        var access = state.Tokens.IssueAccessToken(refreshToken.ClientId, scopes, refreshToken.Lineage, lifetime);
        IssuedToken? rotated = null;
        if (settings.RotateRefreshTokens)
        {
            state.Tokens.Revoke(refreshToken);
            rotated = state.Tokens.IssueRefreshToken(refreshToken.ClientId, refreshToken.Scopes, refreshToken.Lineage, settings.RefreshTokenLifetime);
        }

        return new TokenGrant(access, rotated, lifetime);
    }

    /// <summary>Client authentication is optional here, but whatever is presented must hold.</summary>
    private static TestClient? IdentifyClient(TestServerSettings settings, ClientAuthentication presented)
    {
        if (presented.HasSecret)
        {
            return ClientAuthenticator.Authenticate(settings, presented);
        }

        if (presented.ClientId is null)
        {
            return null;
        }

        return settings.FindClient(presented.ClientId)
            ?? throw OAuthErrorException.InvalidClient("The client_id is not known.", basicChallenge: false);
    }

    private static IssuedToken Check(TokenStore tokens, string value) =>
        tokens.CheckRefreshToken(value, out var token) switch
        {
            TokenStatus.Valid => token!,
            TokenStatus.Expired => throw OAuthErrorException.InvalidGrant("The refresh token has expired."),
            TokenStatus.Revoked => throw OAuthErrorException.InvalidGrant("The refresh token has been revoked."),
            _ => throw OAuthErrorException.InvalidGrant("The refresh token is not recognised."),
        };
}
