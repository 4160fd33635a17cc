using System.Globalization;
using System.Text;
using Leanly.Auth;
using Leanly.Errors;

namespace Leanly.Core.Tests.Unit;

public class TokenResponseParserTests
{
    // Short on purpose: longer runs of token characters are masked by the opaque-run rule whatever the context,
    // so these check that the JSON and form rules keep token values out of messages by themselves.
    private const string FakeAccess = "AT-LEAK-7f3a";
    private const string FakeRefresh = "RT-LEAK-9c1b";

    private static readonly Uri TokenUri = new("https://login.example.test/oauth/token");
    private static readonly DateTimeOffset Now = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static TokenSet Parse(string body, int status = 200, string? contentType = "application/json")
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return TokenResponseParser.Parse(status, contentType, bytes, bytes.Length, TokenUri, Now);
    }

    private static LeanlyException ParseRefused(string body, LeanlyErrorKind kind, int status = 200, string? contentType = "application/json")
    {
        var ex = Assert.Throws<LeanlyException>(() => Parse(body, status, contentType));
        Assert.Equal(kind, ex.Kind);
        Assert.Equal(status, ex.StatusCode);
        Assert.Equal(TokenUri, ex.RequestUri);
        Assert.False(string.IsNullOrWhiteSpace(ex.RecommendedAction));
        Support.TestUtil.AssertNoSecret(ex, FakeAccess, FakeRefresh);
        return ex;
    }

    private static string Answer(string accessToken = $"\"{FakeAccess}\"", string? tokenType = "\"Bearer\"", string? expiresIn = "3600", string? refreshToken = $"\"{FakeRefresh}\"", string? scope = "\"read write\"")
    {
        var fields = new List<string> { $"\"access_token\":{accessToken}" };
        if (tokenType is not null)
        {
            fields.Add($"\"token_type\":{tokenType}");
        }

        if (expiresIn is not null)
        {
            fields.Add($"\"expires_in\":{expiresIn}");
        }

        if (refreshToken is not null)
        {
            fields.Add($"\"refresh_token\":{refreshToken}");
        }

        if (scope is not null)
        {
            fields.Add($"\"scope\":{scope}");
        }

        return "{" + string.Join(",", fields) + "}";
    }

    [Fact]
    public void Full_success_answer_gives_every_field()
    {
        var tokens = Parse(Answer());
        Assert.Equal(FakeAccess, tokens.AccessToken);
        Assert.Equal(FakeRefresh, tokens.RefreshToken);
        Assert.Equal("read write", tokens.Scope);
        Assert.Equal(TimeSpan.FromSeconds(3600), tokens.Lifetime);
        Assert.Equal(Now, tokens.IssuedOn);
        Assert.Equal(Now.AddSeconds(3600), tokens.ExpiresOn);
        Assert.DoesNotContain(FakeAccess, tokens.ToString());
    }

    [Fact]
    public void Only_the_given_length_of_the_buffer_is_read()
    {
        var answer = Encoding.UTF8.GetBytes(Answer());
        var buffer = new byte[answer.Length + 64];
        answer.CopyTo(buffer, 0);
        Encoding.ASCII.GetBytes("GARBAGE that is not JSON {{{").CopyTo(buffer, answer.Length);
        var tokens = TokenResponseParser.Parse(200, "application/json", buffer, answer.Length, TokenUri, Now);
        Assert.Equal(FakeAccess, tokens.AccessToken);
    }

    [Fact]
    public void Answer_without_refresh_token_has_none()
    {
        Assert.Null(Parse(Answer(refreshToken: null)).RefreshToken);
        Assert.Null(Parse(Answer(refreshToken: "null")).RefreshToken);
        Assert.Null(Parse(Answer(refreshToken: "\"\"")).RefreshToken);
    }

    [Theory]
    [InlineData("\"bearer\"")]
    [InlineData("\"BEARER\"")]
    [InlineData("\"Bearer\"")]
    [InlineData(null)]
    public void Bearer_token_type_is_accepted_in_any_case(string? tokenType)
    {
        Assert.Equal(FakeAccess, Parse(Answer(tokenType: tokenType)).AccessToken);
    }

    [Theory]
    [InlineData("\"mac\"")]
    [InlineData("\"DPoP\"")]
    [InlineData("\"\"")]
    public void Other_token_types_are_refused(string tokenType)
    {
        var ex = ParseRefused(Answer(tokenType: tokenType), LeanlyErrorKind.InvalidTokenResponse);
        Assert.Contains("Bearer", ex.Message);
    }

    [Fact]
    public void Token_type_mac_is_named_in_the_refusal()
    {
        var ex = ParseRefused(Answer(tokenType: "\"mac\""), LeanlyErrorKind.InvalidTokenResponse);
        Assert.Contains("'mac'", ex.Message);
    }

    [Fact]
    public void Missing_or_null_expires_in_gives_no_expiry()
    {
        var missing = Parse(Answer(expiresIn: null));
        Assert.Null(missing.ExpiresOn);
        Assert.Null(missing.Lifetime);
        Assert.Null(Parse(Answer(expiresIn: "null")).ExpiresOn);
    }

    [Theory]
    [InlineData("\"3600\"", 3600)]
    [InlineData("\"3599\"", 3599)]
    [InlineData("1.5", 1.5)]
    [InlineData("2", 2)]
    public void Expires_in_as_number_or_numeric_string_is_accepted(string expiresIn, double seconds)
    {
        var tokens = Parse(Answer(expiresIn: expiresIn));
        Assert.Equal(TimeSpan.FromSeconds(seconds), tokens.Lifetime);
        Assert.Equal(Now + TimeSpan.FromSeconds(seconds), tokens.ExpiresOn);
    }

    [Theory]
    [InlineData("\"soon\"")]
    [InlineData("\"\"")]
    [InlineData("\"3600s\"")]
    [InlineData("true")]
    [InlineData("[3600]")]
    [InlineData("{\"seconds\":3600}")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("-3600")]
    [InlineData("\"0\"")]
    [InlineData("\"-5\"")]
    [InlineData("\"NaN\"")]
    [InlineData("\"Infinity\"")]
    [InlineData("\"1e400\"")]
    [InlineData("1e12")]
    public void Unusable_expires_in_is_refused(string expiresIn)
    {
        var ex = ParseRefused(Answer(expiresIn: expiresIn), LeanlyErrorKind.InvalidTokenResponse);
        Assert.Contains("expires_in", ex.Message);
    }

    /// <summary>A JSON number too large for a double: JsonElement.GetDouble throws FormatException for it.</summary>
    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    public void Expires_in_overflowing_a_double_is_refused_as_LeanlyException(string expiresIn)
    {
        var ex = ParseRefused(Answer(expiresIn: expiresIn), LeanlyErrorKind.InvalidTokenResponse);
        Assert.Contains("expires_in", ex.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("null")]
    [InlineData("\"\"")]
    [InlineData("12345")]
    [InlineData("true")]
    [InlineData("[\"x\"]")]
    [InlineData("{}")]
    public void Missing_empty_or_non_string_access_token_is_refused(string? accessToken)
    {
        var body = accessToken is null ? $"{{\"token_type\":\"Bearer\",\"expires_in\":3600,\"refresh_token\":\"{FakeRefresh}\"}}" : Answer(accessToken: accessToken);
        var ex = ParseRefused(body, LeanlyErrorKind.InvalidTokenResponse);
        Assert.Contains("access_token", ex.Message);
    }

    [Theory]
    [InlineData("\"abc\\r\\nX-Injected: 1\"")]
    [InlineData("\"abc def\"")]
    [InlineData("\"abc\\u0000\"")]
    [InlineData("\"caf\u00e9\"")]
    public void Access_token_that_cannot_go_in_a_header_is_refused_without_showing_it(string accessToken)
    {
        var ex = ParseRefused(Answer(accessToken: accessToken), LeanlyErrorKind.InvalidTokenResponse);
        Assert.Contains("Authorization header", ex.Message);
        Assert.DoesNotContain("abc", ex.Message);
        Assert.DoesNotContain("caf", ex.Message);
    }

    [Fact]
    public void Access_token_with_every_b64token_character_is_accepted()
    {
        const string token = "AZaz09-._~+/abc==";
        Assert.Equal(token, Parse(Answer(accessToken: $"\"{token}\"")).AccessToken);
        Assert.Equal("Bearer " + token, Parse(Answer(accessToken: $"\"{token}\"")).Authorization);
    }

    [Theory]
    [InlineData("42")]
    [InlineData("false")]
    [InlineData("[]")]
    [InlineData("{}")]
    public void Non_string_refresh_token_is_refused(string refreshToken)
    {
        var ex = ParseRefused(Answer(refreshToken: refreshToken), LeanlyErrorKind.InvalidTokenResponse);
        Assert.Contains("refresh_token", ex.Message);
    }

    [Theory]
    [InlineData("42")]
    [InlineData("[\"read\"]")]
    public void Non_string_scope_is_refused(string scope)
    {
        ParseRefused(Answer(scope: scope), LeanlyErrorKind.InvalidTokenResponse);
    }

    [Fact]
    public void Empty_body_is_refused()
    {
        var ex = ParseRefused(string.Empty, LeanlyErrorKind.InvalidTokenResponse);
        Assert.Contains("empty", ex.Message);
    }

    [Fact]
    public void Html_body_is_refused()
    {
        var html = $"<!DOCTYPE html><html><body><h1>Sign in</h1><form><input name=\"access_token\" value=\"x\"></form></body></html>";
        var ex = ParseRefused(html, LeanlyErrorKind.InvalidTokenResponse, contentType: "text/html");
        Assert.Contains("not JSON", ex.Message);
        Assert.Contains("text/html", ex.Message);
    }

    [Fact]
    public void Truncated_json_is_refused_and_the_cut_token_is_masked()
    {
        var full = Answer();
        var cut = full.Substring(0, full.IndexOf(FakeAccess, StringComparison.Ordinal) + FakeAccess.Length - 2);
        ParseRefused(cut, LeanlyErrorKind.InvalidTokenResponse);
        ParseRefused(full.Substring(0, full.Length - 1), LeanlyErrorKind.InvalidTokenResponse);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[{\"access_token\":\"AT-LEAK-7f3a\",\"token_type\":\"Bearer\"}]")]
    [InlineData("\"just a string\"")]
    [InlineData("null")]
    [InlineData("42")]
    public void Json_that_is_not_an_object_is_refused(string body)
    {
        ParseRefused(body, LeanlyErrorKind.InvalidTokenResponse);
    }

    [Theory]
    [InlineData("invalid_request", 400)]
    [InlineData("invalid_client", 401)]
    [InlineData("invalid_grant", 400)]
    [InlineData("unauthorized_client", 400)]
    [InlineData("unsupported_grant_type", 400)]
    [InlineData("invalid_scope", 400)]
    public void Rfc6749_error_answers_keep_code_description_and_status(string code, int status)
    {
        var description = $"Details about {code}.";
        var ex = ParseRefused($"{{\"error\":\"{code}\",\"error_description\":\"{description}\",\"error_uri\":\"https://x.test/e\"}}", LeanlyErrorKind.AuthenticationFailed, status);
        Assert.Equal(code, ex.OAuthError);
        Assert.Equal(description, ex.OAuthErrorDescription);
        Assert.Contains(code, ex.Message);
        Assert.Contains(description, ex.Message);
        Assert.Contains(status.ToString(CultureInfo.InvariantCulture), ex.Message);
    }

    [Fact]
    public void Error_answer_without_description_keeps_the_code()
    {
        var ex = ParseRefused("{\"error\":\"invalid_client\"}", LeanlyErrorKind.AuthenticationFailed, 401);
        Assert.Equal("invalid_client", ex.OAuthError);
        Assert.Null(ex.OAuthErrorDescription);
        Assert.Contains("secret", ex.RecommendedAction);
    }

    [Fact]
    public void Error_description_that_carries_a_token_is_redacted()
    {
        var ex = ParseRefused($"{{\"error\":\"invalid_grant\",\"error_description\":\"refresh_token={FakeRefresh} expired\"}}", LeanlyErrorKind.AuthenticationFailed, 400);
        Assert.Equal("invalid_grant", ex.OAuthError);
    }

    [Fact]
    public void Server_error_as_plain_text_is_a_token_endpoint_error()
    {
        var ex = ParseRefused("Internal Server Error", LeanlyErrorKind.TokenEndpointError, 500, "text/plain");
        Assert.Null(ex.OAuthError);
        Assert.Contains("500", ex.Message);
        Assert.Contains("Internal Server Error", ex.Message);
    }

    [Theory]
    [InlineData(429, LeanlyErrorKind.Throttled)]
    [InlineData(502, LeanlyErrorKind.ServerUnavailable)]
    [InlineData(503, LeanlyErrorKind.ServerUnavailable)]
    [InlineData(504, LeanlyErrorKind.ServerUnavailable)]
    [InlineData(404, LeanlyErrorKind.TokenEndpointError)]
    [InlineData(302, LeanlyErrorKind.TokenEndpointError)]
    public void Failed_answers_without_oauth_error_are_classified_by_status(int status, LeanlyErrorKind kind)
    {
        ParseRefused("<html>nope</html>", kind, status, "text/html");
    }

    [Theory]
    [InlineData("{\"error\":42}")]
    [InlineData("{\"error\":null}")]
    [InlineData("[\"invalid_client\"]")]
    public void Failed_answer_with_malformed_error_is_a_token_endpoint_error(string body)
    {
        var ex = ParseRefused(body, LeanlyErrorKind.TokenEndpointError, 400);
        Assert.Null(ex.OAuthError);
    }

    [Fact]
    public void Failed_answer_that_echoes_tokens_does_not_show_them()
    {
        ParseRefused(Answer(), LeanlyErrorKind.TokenEndpointError, 500);
        ParseRefused($"grant_type=refresh_token&refresh_token={FakeRefresh}&access_token={FakeAccess}", LeanlyErrorKind.TokenEndpointError, 500, "text/plain");
    }

    [Fact]
    public void Success_answer_with_an_error_member_but_no_token_is_refused()
    {
        ParseRefused("{\"error\":\"invalid_client\"}", LeanlyErrorKind.InvalidTokenResponse, 200);
    }

    [Fact]
    public void Json_nested_deeper_than_the_limit_is_refused()
    {
        var deep = "{\"access_token\":\"x\",\"extra\":" + new string('[', 100) + new string(']', 100) + "}";
        ParseRefused(deep, LeanlyErrorKind.InvalidTokenResponse);
    }

    /// <summary>
    /// JsonElement.GetString throws InvalidOperationException for a lone surrogate escape or invalid UTF-8 in a
    /// string; ReadString (and the error branch) let it escape instead of reporting InvalidTokenResponse.
    /// </summary>
    [Theory]
    [InlineData(200, "{\"access_token\":\"\\ud800\",\"token_type\":\"Bearer\"}")]
    [InlineData(200, "{\"access_token\":\"AT-1\",\"token_type\":\"\\udc00\"}")]
    [InlineData(200, "{\"access_token\":\"AT-1\",\"expires_in\":\"\\ud800\"}")]
    [InlineData(400, "{\"error\":\"\\ud800\"}")]
    [InlineData(400, "{\"error\":\"invalid_grant\",\"error_description\":\"\\udc00x\"}")]
    public void Invalid_unicode_escape_in_a_string_is_a_leanly_exception(int status, string body)
    {
        var ex = Record.Exception(() => Parse(body, status));
        Assert.IsType<LeanlyException>(ex);
    }

    [Fact]
    public void Invalid_utf8_in_the_access_token_is_a_leanly_exception()
    {
        var body = Encoding.UTF8.GetBytes("{\"access_token\":\"AT-\u0001\",\"token_type\":\"Bearer\"}");
        body[Array.IndexOf(body, (byte)1)] = 0xFF;
        var ex = Record.Exception(() => TokenResponseParser.Parse(200, "application/json", body, body.Length, TokenUri, Now));
        Assert.IsType<LeanlyException>(ex);
    }

    [Fact]
    public void An_error_description_cut_inside_an_echoed_secret_shows_none_of_it()
    {
        const string secret = "Zq9!x7Lw#2mN";
        var words = string.Join(" ", Enumerable.Repeat("padding", 50));
        for (var shift = 0; shift < secret.Length; shift++)
        {
            // error_description is cut at 300 characters: put the cut at every position inside the secret.
            var description = string.Concat(words.AsSpan(0, 300 - shift - 1), " ", secret, " was refused");
            var ex = ParseRefused($"{{\"error\":\"invalid_client\",\"error_description\":\"{description}\"}}", LeanlyErrorKind.AuthenticationFailed, 401);
            Assert.DoesNotContain(secret.Substring(0, 2), ex.Message);
            Assert.DoesNotContain(secret.Substring(0, 2), ex.OAuthErrorDescription);
        }
    }
}
