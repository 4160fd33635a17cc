using Leanly.TestServer.Http;

namespace Leanly.TestServer.Token;

/// <summary>Writes RFC 6749 5.1 success and 5.2 error answers.</summary>
internal static class TokenResponseWriter
{
    public static Task WriteGrantAsync(HttpResponse response, TokenGrant grant)
    {
        NoStore(response);
        return JsonResponse.WriteAsync(response, StatusCodes.Status200OK, w =>
        {
            w.WriteStartObject();
            w.WriteString("access_token", grant.AccessToken.Value);
            w.WriteString("token_type", "Bearer");
            w.WriteNumber("expires_in", grant.ExpiresIn);
            if (grant.RefreshToken is not null)
            {
                w.WriteString("refresh_token", grant.RefreshToken.Value);
            }

            w.WriteString("scope", string.Join(' ', grant.AccessToken.Scopes));
            w.WriteEndObject();
        });
    }

    public static Task WriteErrorAsync(HttpResponse response, OAuthErrorException error)
    {
        NoStore(response);
        if (error.BasicChallenge)
        {
            response.Headers.WWWAuthenticate = "Basic realm=\"leanly\", charset=\"UTF-8\"";
        }

        return JsonResponse.WriteAsync(response, error.Status, w =>
        {
            w.WriteStartObject();
            w.WriteString("error", error.Error);
            w.WriteString("error_description", error.Message);
            w.WriteEndObject();
        });
    }

    private static void NoStore(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
    }
}
