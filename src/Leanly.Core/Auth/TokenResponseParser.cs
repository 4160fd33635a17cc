using System;
using System.Globalization;
using System.Text.Json;
using Leanly.Errors;

namespace Leanly.Auth;

/// <summary>Turns a token endpoint's answer (RFC 6749 5.1 success or 5.2 error) into a <see cref="TokenSet"/> or a <see cref="LeanlyException"/>.</summary>
internal static class TokenResponseParser
{
    public const int MaxBodyBytes = 1024 * 1024;

    public static TokenSet Parse(int status, string? contentType, byte[] body, int length, Uri tokenUri, DateTimeOffset now)
    {
        try
        {
            return ParseCore(status, contentType, body, length, tokenUri, now);
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json reads lone surrogates and invalid UTF-8 inside strings only when the value is taken.
            throw Invalid($"The token endpoint {tokenUri} answered {Describe(status, contentType, body, length)} with a string that is not valid Unicode.", status, tokenUri);
        }
    }

    private static TokenSet ParseCore(int status, string? contentType, byte[] body, int length, Uri tokenUri, DateTimeOffset now)
    {
        var what = Describe(status, contentType, body, length);
        if (status < 200 || status > 299)
        {
            throw ErrorFromFailedAnswer(status, body, length, tokenUri, what);
        }

        if (length == 0)
        {
            throw Invalid($"The token endpoint {tokenUri} answered {what} with an empty body instead of a token.", status, tokenUri);
        }

        using var document = TryParse(body, length)
            ?? throw Invalid($"The token endpoint {tokenUri} answered {what}, which is not JSON (a proxy or gateway page, or a truncated answer).", status, tokenUri);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Invalid($"The token endpoint {tokenUri} answered {what}: a JSON {root.ValueKind} where an object was expected.", status, tokenUri);
        }

        var accessToken = ReadString(root, "access_token", status, tokenUri, what);
        if (string.IsNullOrEmpty(accessToken))
        {
            throw Invalid($"The token endpoint {tokenUri} answered {what} without an access_token.", status, tokenUri);
        }

        if (!IsHeaderSafe(accessToken!))
        {
            throw Invalid($"The token endpoint {tokenUri} answered {what} with an access_token that holds spaces, control or non-ASCII characters, which cannot be sent in an Authorization header.", status, tokenUri);
        }

        var tokenType = ReadString(root, "token_type", status, tokenUri, what);
        if (tokenType is not null && !string.Equals(tokenType, "Bearer", StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid($"The token endpoint {tokenUri} issued a token of type '{Redactor.Redact(Truncate(tokenType))}'; LeanlyPS supports only Bearer tokens.", status, tokenUri);
        }

        var refreshToken = ReadString(root, "refresh_token", status, tokenUri, what);
        var scope = ReadString(root, "scope", status, tokenUri, what);
        var lifetime = ReadLifetime(root, status, tokenUri, what);
        return new TokenSet(accessToken!, string.IsNullOrEmpty(refreshToken) ? null : refreshToken, lifetime, scope, now);
    }

    // RFC 6750 allows a narrower set; only what would break or inject into the header line is refused.
    private static bool IsHeaderSafe(string token)
    {
        foreach (var c in token)
        {
            if (c <= ' ' || c > '~')
            {
                return false;
            }
        }

        return true;
    }

    private static LeanlyException ErrorFromFailedAnswer(int status, byte[] body, int length, Uri tokenUri, string what)
    {
        using var document = TryParse(body, length);
        if (document is not null
            && document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("error", out var error)
            && error.ValueKind == JsonValueKind.String)
        {
            var code = Redactor.Redact(Truncate(error.GetString() ?? string.Empty));
            string? description = null;
            if (document.RootElement.TryGetProperty("error_description", out var descriptionElement) && descriptionElement.ValueKind == JsonValueKind.String)
            {
                description = Redactor.Redact(Truncate(descriptionElement.GetString() ?? string.Empty, 300));
            }

            var message = description is null
                ? $"The token endpoint refused the request: {code} (HTTP {status})."
                : $"The token endpoint refused the request: {code}: {description} (HTTP {status}).";
            return new LeanlyException(LeanlyErrorKind.AuthenticationFailed, message, OAuthAdvice(code))
            {
                OAuthError = code,
                OAuthErrorDescription = description,
                StatusCode = status,
                RequestUri = tokenUri,
            };
        }

        var kind = status switch
        {
            429 => LeanlyErrorKind.Throttled,
            502 or 503 or 504 => LeanlyErrorKind.ServerUnavailable,
            _ => LeanlyErrorKind.TokenEndpointError,
        };
        return new LeanlyException(
            kind,
            $"The token endpoint {tokenUri} answered {what}.",
            "Check that -TokenUri (or LEANLY_TOKEN_URI) points at the Leanly token endpoint and that the service is up; try again later if it is throttling or unavailable.")
        {
            StatusCode = status,
            RequestUri = tokenUri,
        };
    }

    internal static string OAuthAdvice(string code) => code switch
    {
        "invalid_client" => "Check the client id and client secret: the secret may be wrong, rotated or expired. Get the current secret from your Leanly admin or vault and run Connect-Leanly again.",
        "invalid_grant" => "The refresh token is no longer valid. Run Connect-Leanly again to sign in with the client credentials.",
        "invalid_scope" => "Ask only for scopes this client is allowed (-Scope), or leave -Scope out to get the client's default scopes.",
        "unauthorized_client" => "This client may not use the client_credentials grant. Ask your Leanly admin to allow it.",
        "unsupported_grant_type" or "invalid_request" => "Check that -TokenUri points at a Leanly OAuth token endpoint.",
        _ => "Check the client credentials and -TokenUri, then run Connect-Leanly again.",
    };

    private static TimeSpan? ReadLifetime(JsonElement root, int status, Uri tokenUri, string what)
    {
        if (!root.TryGetProperty("expires_in", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        double seconds;
        if (element.ValueKind == JsonValueKind.Number)
        {
            seconds = element.GetDouble();
        }
        else if (element.ValueKind == JsonValueKind.String
            && double.TryParse(element.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
        {
            // Some servers quote the number ("3599"); the value is still clear.
            seconds = parsed;
        }
        else
        {
            throw Invalid($"The token endpoint {tokenUri} answered {what} with an expires_in that is not a number of seconds.", status, tokenUri);
        }

        if (double.IsNaN(seconds) || double.IsInfinity(seconds) || seconds <= 0 || seconds > TimeSpan.FromDays(3650).TotalSeconds)
        {
            throw Invalid($"The token endpoint {tokenUri} answered {what} with expires_in {Truncate(element.GetRawText(), 40)}, which is not a usable lifetime (it must be a positive number of seconds).", status, tokenUri);
        }

        return TimeSpan.FromSeconds(seconds);
    }

    private static string? ReadString(JsonElement root, string name, int status, Uri tokenUri, string what)
    {
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            throw Invalid($"The token endpoint {tokenUri} answered {what} with {name} as a JSON {element.ValueKind}, where a string was expected.", status, tokenUri);
        }

        return element.GetString();
    }

    private static JsonDocument? TryParse(byte[] body, int length)
    {
        if (length == 0)
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(new ReadOnlyMemory<byte>(body, 0, length), new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    internal static string Describe(int status, string? contentType, byte[] body, int length) =>
        $"HTTP {status} ({(string.IsNullOrEmpty(contentType) ? "no content type" : contentType)}, {length} bytes: {Redactor.Preview(body, length)})";

    private static LeanlyException Invalid(string message, int status, Uri tokenUri) =>
        new(LeanlyErrorKind.InvalidTokenResponse, message, "The server at -TokenUri did not answer like an OAuth 2.0 token endpoint. Check the URI and any proxy in between, then try again.")
        {
            StatusCode = status,
            RequestUri = tokenUri,
        };

    private static string Truncate(string text, int max = 80) => Redactor.Shorten(text, max);
}
