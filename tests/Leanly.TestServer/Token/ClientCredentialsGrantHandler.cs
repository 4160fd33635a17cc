using Leanly.TestServer.State;

namespace Leanly.TestServer.Token;

/// <summary>RFC 6749 4.4: the client trades its own credentials for tokens.</summary>
internal static class ClientCredentialsGrantHandler
{
    public static TokenGrant Handle(ServerState state, ClientAuthentication presented, string? scope)
    {
        var settings = state.Settings;
        var client = ClientAuthenticator.Authenticate(settings, presented);
        var scopes = ScopeResolver.Resolve(scope, client.Scopes);
        var lineage = TokenStore.NewLineage();
        var lifetime = settings.AccessTokenLifetime;
        var access = state.Tokens.IssueAccessToken(client.ClientId, scopes, lineage, lifetime);
        var refresh = settings.Strict
            ? null
            : state.Tokens.IssueRefreshToken(client.ClientId, scopes, lineage, settings.RefreshTokenLifetime);
        return new TokenGrant(access, refresh, lifetime);
    }
}
