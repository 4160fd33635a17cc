using System.Text;
using System.Net;
using Microsoft.Extensions.Primitives;

namespace Leanly.TestServer.Token;

/// <summary>Reads client credentials from HTTP Basic or the form body (RFC 6749 2.3.1).</summary>
internal static class ClientAuthenticationReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public static ClientAuthentication Read(HttpRequest request, IFormCollection form)
    {
        var bodyId = Single(form, "client_id");
        var bodySecret = Single(form, "client_secret");
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return bodySecret is null
                ? new ClientAuthentication(null, bodyId, null)
                : new ClientAuthentication("body", bodyId, bodySecret);
        }

        var (id, secret) = DecodeBasic(header["Basic ".Length..].Trim());
        if (bodySecret is not null)
        {
            throw OAuthErrorException.InvalidRequest("The client used more than one authentication method (HTTP Basic and client_secret in the body).");
        }

        if (bodyId is not null && bodyId != id)
        {
            throw OAuthErrorException.InvalidRequest("The client_id in the body differs from the HTTP Basic user name.");
        }

        return new ClientAuthentication("basic", id, secret);
    }

    /// <summary>Only peeks at the request, for statistics; never throws.</summary>
    public static string? PeekMethod(HttpRequest request, IFormCollection? form)
    {
        if (request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return "basic";
        }

        return form is not null && form.ContainsKey("client_secret") ? "body" : null;
    }

    private static string? Single(IFormCollection form, string name)
    {
        if (!form.TryGetValue(name, out StringValues values))
        {
            return null;
        }

        return values.Count == 1 ? values[0] : throw OAuthErrorException.InvalidRequest($"The parameter '{name}' was sent more than once.");
    }

    private static (string Id, string Secret) DecodeBasic(string encoded)
    {
        string decoded;
        try
        {
            decoded = StrictUtf8.GetString(Convert.FromBase64String(encoded));
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException)
        {
            throw OAuthErrorException.InvalidClient("The HTTP Basic credentials are not valid base64 of UTF-8 text.", basicChallenge: true);
        }

        var colon = decoded.IndexOf(':');
        if (colon < 0)
        {
            throw OAuthErrorException.InvalidClient("The HTTP Basic credentials have no ':' separator.", basicChallenge: true);
        }

        // RFC 6749 2.3.1: id and secret are application/x-www-form-urlencoded before Basic encoding.
        return (WebUtility.UrlDecode(decoded[..colon]), WebUtility.UrlDecode(decoded[(colon + 1)..]));
    }
}
