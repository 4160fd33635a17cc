using Leanly.TestServer.Faults;
using Leanly.TestServer.State;
using Microsoft.Net.Http.Headers;

namespace Leanly.TestServer.Token;

/// <summary>POST /token: the OAuth2 token endpoint (RFC 6749 3.2).</summary>
internal sealed class TokenEndpoint(ServerState state, FaultResponder faults)
{
    public async Task HandleAsync(HttpContext context)
    {
        state.Stats.CountTokenRequest();
        var form = await TryReadFormAsync(context.Request);
        var grantType = form?["grant_type"].ToString();
        state.Stats.CountGrant(grantType);
        state.Stats.RecordTokenRequestShape(
            ClientAuthenticationReader.PeekMethod(context.Request, form),
            form is not null && form.TryGetValue("scope", out var scope) ? scope.ToString() : null);

        var fault = state.Faults.TryTake(FaultEndpoint.Token);
        if (fault is null)
        {
            await AnswerAsync(context);
        }
        else
        {
            state.Stats.CountFault();
            await faults.ServeAsync(context, FaultEndpoint.Token, fault, AnswerAsync);
        }
    }

    private static bool IsFormUrlEncoded(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    private static async Task<IFormCollection?> TryReadFormAsync(HttpRequest request)
    {
        if (!HttpMethods.IsPost(request.Method) || !IsFormUrlEncoded(request))
        {
            return null;
        }

        try
        {
            return await request.ReadFormAsync(request.HttpContext.RequestAborted);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private async Task AnswerAsync(HttpContext context)
    {
        try
        {
            var grant = await GrantAsync(context.Request);
            await TokenResponseWriter.WriteGrantAsync(context.Response, grant);
        }
        catch (OAuthErrorException error)
        {
            state.Stats.CountTokenFailure();
            await TokenResponseWriter.WriteErrorAsync(context.Response, error);
        }
    }

    private async Task<TokenGrant> GrantAsync(HttpRequest request)
    {
        if (!HttpMethods.IsPost(request.Method))
        {
            request.HttpContext.Response.Headers.Allow = "POST";
            throw new OAuthErrorException(StatusCodes.Status405MethodNotAllowed, "invalid_request", "The token endpoint only accepts POST.");
        }

        if (!IsFormUrlEncoded(request))
        {
            throw OAuthErrorException.InvalidRequest("The body must be application/x-www-form-urlencoded.");
        }

        var form = await TryReadFormAsync(request)
            ?? throw OAuthErrorException.InvalidRequest("The form body could not be read.");
        var repeated = form.FirstOrDefault(p => p.Value.Count > 1).Key;
        if (repeated is not null)
        {
            throw OAuthErrorException.InvalidRequest($"The parameter '{repeated}' was sent more than once.");
        }

        var presented = ClientAuthenticationReader.Read(request, form);
        var grantType = form["grant_type"].ToString();
        string? scope = form.TryGetValue("scope", out var s) ? s.ToString() : null;
        return grantType switch
        {
            "client_credentials" => ClientCredentialsGrantHandler.Handle(state, presented, scope),
            "refresh_token" => RefreshTokenGrantHandler.Handle(state, presented, form["refresh_token"].ToString(), scope),
            "" => throw OAuthErrorException.InvalidRequest("The grant_type parameter is missing."),
            _ => throw new OAuthErrorException(StatusCodes.Status400BadRequest, "unsupported_grant_type", "Only client_credentials and refresh_token are supported."),
        };
    }
}
