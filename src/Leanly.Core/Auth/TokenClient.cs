using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Leanly.Errors;
using Leanly.Http;

namespace Leanly.Auth;

/// <summary>The two OAuth 2.0 grants Leanly uses: client_credentials (RFC 6749 4.4) and refresh_token (section 6).</summary>
internal sealed class TokenClient
{
    private readonly HttpPipeline _http;
    private readonly LeanlyConnectionOptions _options;

    public TokenClient(HttpPipeline http, LeanlyConnectionOptions options)
    {
        _http = http;
        _options = options;
    }

    public Task<TokenSet> ClientCredentialsAsync(ClientCredential credential, ILeanlyLog log, CancellationToken cancellationToken)
    {
        var fields = new List<KeyValuePair<string, string>> { new("grant_type", "client_credentials") };
        if (_options.Scopes.Count > 0)
        {
            fields.Add(new("scope", string.Join(" ", _options.Scopes)));
        }

        var scopeNote = _options.Scopes.Count > 0 ? $", scope '{string.Join(" ", _options.Scopes)}'" : string.Empty;
        log.Verbose($"Requesting an access token for client '{credential.ClientId}' (client_credentials grant{scopeNote}, client authentication: {_options.ClientAuthentication}).");
        return RequestAsync(fields, credential, "token request (client_credentials)", log, cancellationToken);
    }

    /// <summary>RFC 6749 section 6 requires a confidential client to authenticate on refresh too; servers ignore what they do not need.</summary>
    public Task<TokenSet> RefreshAsync(string refreshToken, ClientCredential credential, ILeanlyLog log, CancellationToken cancellationToken)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "refresh_token"),
            new("refresh_token", refreshToken),
        };
        log.Verbose($"Refreshing the access token for client '{credential.ClientId}' (refresh_token grant).");
        return RequestAsync(fields, credential, "token request (refresh_token)", log, cancellationToken);
    }

    private async Task<TokenSet> RequestAsync(
        List<KeyValuePair<string, string>> fields,
        ClientCredential credential,
        string purpose,
        ILeanlyLog log,
        CancellationToken cancellationToken)
    {
        var body = BuildBody(fields, credential);
        var basic = _options.ClientAuthentication == ClientAuthenticationMethod.Basic ? BuildBasicHeader(credential) : null;
        try
        {
            var spec = new RequestSpec(_options.TokenUri, () => CreateMessage(body, basic), purpose, mayReplayAfterSend: true);
            return await _http.SendAsync(spec, ReadAnswerAsync, log, cancellationToken).ConfigureAwait(false);
        }
        catch (LeanlyException ex)
        {
            var masked = MaskEchoedSecrets(ex, fields, credential, basic);
            if (ReferenceEquals(masked, ex))
            {
                throw;
            }

            throw masked;
        }
        finally
        {
            Array.Clear(body, 0, body.Length);
        }
    }

    /// <summary>
    /// The token endpoint, or a gateway in front of it, may echo what it was sent into its error answer. Token
    /// patterns cannot recognise a client secret, so it is masked by value; the exception is rebuilt only when
    /// something was masked.
    /// </summary>
    private static LeanlyException MaskEchoedSecrets(LeanlyException ex, List<KeyValuePair<string, string>> fields, ClientCredential credential, string? basic)
    {
        var known = new List<string?> { basic, SecureStrings.ToPlainText(credential.Secret) };
        foreach (var field in fields)
        {
            if (field.Key == "refresh_token")
            {
                known.Add(field.Value);
            }
        }

        var message = Redactor.RedactKnown(ex.Message, known)!;
        var code = Redactor.RedactKnown(ex.OAuthError, known);
        var description = Redactor.RedactKnown(ex.OAuthErrorDescription, known);
        if (message == ex.Message && code == ex.OAuthError && description == ex.OAuthErrorDescription)
        {
            return ex;
        }

        return new LeanlyException(ex.Kind, message, ex.RecommendedAction, ex.InnerException)
        {
            OAuthError = code,
            OAuthErrorDescription = description,
            StatusCode = ex.StatusCode,
            RequestUri = ex.RequestUri,
        };
    }

    private HttpRequestMessage CreateMessage(byte[] body, string? basic)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, _options.TokenUri)
        {
            Content = new ByteArrayContent(body),
        };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (basic is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        }

        return message;
    }

    private async Task<TokenSet> ReadAnswerAsync(HttpResponseMessage response, CountingStream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (buffer.Length > TokenResponseParser.MaxBodyBytes)
                {
                    throw new LeanlyException(
                        LeanlyErrorKind.InvalidTokenResponse,
                        $"The token endpoint {_options.TokenUri} answered HTTP {(int)response.StatusCode} with a body larger than 1 MiB (starting: {Redactor.Preview(buffer, length)}); a token answer is a few hundred bytes.",
                        "Check that -TokenUri points at the Leanly token endpoint and not at another service.")
                    {
                        StatusCode = (int)response.StatusCode,
                        RequestUri = _options.TokenUri,
                    };
                }

                Array.Resize(ref buffer, Math.Min(buffer.Length * 4, TokenResponseParser.MaxBodyBytes + 1));
            }

            var read = await body.ReadAsync(buffer, length, buffer.Length - length, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        try
        {
            return TokenResponseParser.Parse((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), buffer, length, _options.TokenUri, DateTimeOffset.UtcNow);
        }
        finally
        {
            Array.Clear(buffer, 0, length);
        }
    }

    private byte[] BuildBody(List<KeyValuePair<string, string>> fields, ClientCredential credential)
    {
        using var buffer = new ByteBuffer();
        foreach (var field in fields)
        {
            AppendField(buffer, field.Key);
            SecretText.AppendFormEncoded(buffer, field.Value);
        }

        if (_options.ClientAuthentication == ClientAuthenticationMethod.Body)
        {
            AppendField(buffer, "client_id");
            SecretText.AppendFormEncoded(buffer, credential.ClientId);
            AppendField(buffer, "client_secret");
            SecretText.Use(credential.Secret, chars =>
            {
                SecretText.AppendFormEncoded(buffer, chars);
                return true;
            });
        }

        return buffer.ToArray();
    }

    private static void AppendField(ByteBuffer buffer, string name)
    {
        if (buffer.Length > 0)
        {
            buffer.Append((byte)'&');
        }

        buffer.Append(name);
        buffer.Append((byte)'=');
    }

    /// <summary>RFC 6749 2.3.1: the id and secret are form-url-encoded before they are joined and Base64-encoded.</summary>
    private static string BuildBasicHeader(ClientCredential credential)
    {
        using var buffer = new ByteBuffer();
        SecretText.AppendFormEncoded(buffer, credential.ClientId);
        buffer.Append((byte)':');
        SecretText.Use(credential.Secret, chars =>
        {
            SecretText.AppendFormEncoded(buffer, chars);
            return true;
        });
        var bytes = buffer.ToArray();
        try
        {
            return Convert.ToBase64String(bytes);
        }
        finally
        {
            Array.Clear(bytes, 0, bytes.Length);
        }
    }
}
