using Leanly.TestServer.GraphQL.Model;
using Leanly.TestServer.State;

namespace Leanly.TestServer.GraphQL;

/// <summary>Checks the RFC 6750 bearer token of a GraphQL request.</summary>
internal static class BearerAuthenticator
{
    /// <summary>Returns the viewer, or null with a message that never repeats the token.</summary>
    public static Viewer? Authenticate(HttpRequest request, TokenStore tokens, out string problem)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= "Bearer ".Length)
        {
            problem = "Authentication required: send 'Authorization: Bearer <access token>'.";
            return null;
        }

        var status = tokens.CheckAccessToken(header["Bearer ".Length..].Trim(), out var token);
        problem = status switch
        {
            TokenStatus.Valid => string.Empty,
            TokenStatus.Expired => "The access token has expired.",
            TokenStatus.Revoked => "The access token has been revoked.",
            _ => "The access token is not valid.",
        };
        return status == TokenStatus.Valid ? new Viewer(token!.ClientId, token.Scopes) : null;
    }
}
