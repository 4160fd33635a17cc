using System.Text;
using Leanly.Errors;

namespace Leanly.Core.Tests.Unit;

public class RedactorTests
{
    [Theory]
    [InlineData("{\"access_token\":\"at-123\",\"token_type\":\"Bearer\"}", "at-123", "{\"access_token\":\"***\",\"token_type\":\"Bearer\"}")]
    [InlineData("{\"refresh_token\" : \"rt-456\", \"x\": 1}", "rt-456", "{\"refresh_token\" : \"***\", \"x\": 1}")]
    [InlineData("{\"Access_Token\":\"at-123\"}", "at-123", "{\"Access_Token\":\"***\"}")]
    [InlineData("{\"id_token\":\"it-1\",\"client_secret\":\"cs-2\",\"password\":\"pw-3\"}", "cs-2", "{\"id_token\":\"***\",\"client_secret\":\"***\",\"password\":\"***\"}")]
    [InlineData("{\"access_token\":\"a\\\"b-quoted\",\"next\":true}", "b-quoted", "{\"access_token\":\"***\",\"next\":true}")]
    [InlineData("{\"access_token\":\"cut-off-val", "cut-off-val", "{\"access_token\":\"***\"")]
    public void Json_token_values_are_masked(string text, string secret, string expected)
    {
        var redacted = Redactor.Redact(text);
        Assert.Equal(expected, redacted);
        Assert.DoesNotContain(secret, redacted);
    }

    [Theory]
    [InlineData("Authorization: Bearer abc.def-ghi_jkl~mno+pqr/stu==", "abc.def")]
    [InlineData("authorization: bearer short1", "short1")]
    [InlineData("Authorization: Basic Y2xpZW50OnNlY3JldA==", "Y2xpZW50OnNlY3JldA")]
    public void Authorization_header_values_are_masked(string text, string secret)
    {
        var redacted = Redactor.Redact(text);
        Assert.DoesNotContain(secret, redacted);
        Assert.Contains("***", redacted);
        Assert.StartsWith("Authorization:", redacted, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Form_fields_are_masked_and_others_kept()
    {
        var redacted = Redactor.Redact("grant_type=refresh_token&refresh_token=rt-9&client_id=app&client_secret=s3cr%21t&scope=read");
        Assert.Equal("grant_type=refresh_token&refresh_token=***&client_id=app&client_secret=***&scope=read", redacted);
        Assert.Equal("https://x.test/cb?code=***&state=ok", Redactor.Redact("https://x.test/cb?code=c0de-1&state=ok"));
        Assert.Equal("see access_token=*** now", Redactor.Redact("see access_token=at-7 now"));
    }

    [Fact]
    public void Long_opaque_runs_and_jwts_are_masked()
    {
        const string opaque = "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWpr";
        const string jwt = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
        var redacted = Redactor.Redact($"token {opaque} and {jwt} end");
        Assert.Equal("token *** and *** end", redacted);
    }

    [Fact]
    public void Ordinary_text_is_left_alone()
    {
        const string text = "The token endpoint https://login.example.test/oauth/token answered HTTP 500 (text/plain, 21 bytes).";
        Assert.Equal(text, Redactor.Redact(text));
        Assert.Equal(string.Empty, Redactor.Redact(null));
        Assert.Equal(string.Empty, Redactor.Redact(string.Empty));
    }

    [Theory]
    [InlineData("s3cr3t-V@lue")]
    [InlineData("+&=% ü\"'")]
    [InlineData("with space/and:colon")]
    public void Known_secrets_are_masked_in_clear_url_encoded_and_base64_forms(string secret)
    {
        var forms = Support.TestUtil.Forms(secret).Distinct().ToArray();
        Assert.True(forms.Length >= 3);
        foreach (var form in forms)
        {
            var redacted = Redactor.Redact($"before [{form}] after", new[] { secret });
            Assert.Equal("before [***] after", redacted);
        }
    }

    [Fact]
    public void Several_known_secrets_and_nulls()
    {
        var redacted = Redactor.Redact("id=client-one pw=first-secret other=second-secret", new[] { null, "", "first-secret", "second-secret" });
        Assert.Equal("id=client-one pw=*** other=***", redacted);
    }

    [Fact]
    public void Preview_is_printable_redacted_and_bounded()
    {
        Assert.Equal("(empty body)", Redactor.Preview(Array.Empty<byte>(), 0));
        var body = Encoding.UTF8.GetBytes("line1\r\nline2\t{\"access_token\":\"at-5\"}");
        var preview = Redactor.Preview(body, body.Length);
        Assert.Equal("line1  line2 {\"access_token\":\"***\"}", preview);

        var big = Encoding.UTF8.GetBytes(new string('x', 5000).Replace("xxxxx", "abc d"));
        var shown = Redactor.Preview(big, big.Length, 100);
        Assert.EndsWith("...", shown);
        Assert.True(shown.Length <= 103, shown);

        var invalid = new byte[] { 0x7B, 0xFF, 0xFE, 0x22, 0x7D };
        Assert.NotNull(Redactor.Preview(invalid, invalid.Length));
    }

    [Fact]
    public void Preview_honours_the_length()
    {
        var buffer = Encoding.UTF8.GetBytes("shown|hidden-part");
        Assert.Equal("shown", Redactor.Preview(buffer, 5));
    }

    // Short and with characters outside the token alphabet, so only the cut itself can keep it out.
    private const string EchoedSecret = "Zq9!x7Lw#2mN";

    [Fact]
    public void A_cut_inside_an_echoed_secret_drops_all_of_it()
    {
        var text = "The client secret " + EchoedSecret + " is not valid for this client.";
        var start = text.IndexOf(EchoedSecret, StringComparison.Ordinal);
        for (var cut = start; cut < start + EchoedSecret.Length; cut++)
        {
            Assert.Equal("The client secret...", Redactor.Shorten(text, cut));
            var bytes = Encoding.UTF8.GetBytes(text);
            Assert.Equal("The client secret...", Redactor.Preview(bytes, bytes.Length, cut));
        }
    }

    [Fact]
    public void A_preview_that_decodes_only_the_start_of_a_body_is_cut_at_a_word_too()
    {
        // 3-byte characters: the 40 bytes decoded (twice 20) are fewer than 20 characters, and end inside the secret.
        var bytes = Encoding.UTF8.GetBytes(new string('\u20AC', 11) + " " + EchoedSecret);
        Assert.Equal(new string('\u20AC', 11) + "...", Redactor.Preview(bytes, bytes.Length, 20));
    }

    [Theory]
    [InlineData("short text", 20, "short text")]
    [InlineData("one two three", 7, "one two...")]
    [InlineData("one two three", 8, "one two...")]
    [InlineData("{\"error\":\"invalid_client\"}", 12, "{\"error\":\"...")]
    [InlineData("unbrokenrunofcharacters", 10, "...")]
    public void Shorten_cuts_at_word_breaks(string text, int max, string expected)
    {
        Assert.Equal(expected, Redactor.Shorten(text, max));
    }

    [Fact]
    public void The_start_of_a_known_secret_left_before_a_cut_is_masked()
    {
        // A secret with spaces has word breaks inside it, so a cut at a word break can still fall within it.
        const string secret = "correct horse battery staple";
        var shown = Redactor.Shorten("invalid secret " + secret + " was refused", 36);
        Assert.Equal("invalid secret correct horse battery...", shown);
        Assert.Equal("invalid secret ***...", Redactor.RedactKnown(shown, new[] { secret }));
        Assert.Equal("nothing cut here... at all", Redactor.RedactKnown("nothing cut here... at all", new[] { secret }));
    }

    [Theory]
    [InlineData("The proxy tunnel request to proxy 'http://proxy-user:Pa55w0rd@10.0.0.5:3128/' failed with status code '407'.", "The proxy tunnel request to proxy 'http://10.0.0.5:3128/' failed with status code '407'.")]
    [InlineData("via https://DOMAIN%5Cuser:p%40ss@proxy.example:8080 and http://plain.example/", "via https://proxy.example:8080 and http://plain.example/")]
    [InlineData("mail me at someone@example.com", "mail me at someone@example.com")]
    public void A_user_and_password_in_an_address_are_dropped(string text, string expected)
    {
        Assert.Equal(expected, Redactor.Redact(text));
    }

    [Fact]
    public void An_exception_chain_holding_a_password_is_replaced_by_a_redacted_stand_in()
    {
        var raw = new HttpRequestException(
            "The proxy tunnel request to proxy 'http://u:Pa55w0rd@10.0.0.5:3128/' failed with status code '407'.",
            new InvalidOperationException("inner at http://u:Pa55w0rd@10.0.0.5:3128/"));

        var wrapped = new LeanlyException(LeanlyErrorKind.ProxyAuthenticationRequired, "The proxy asked for credentials.", null, raw);

        var standIn = Assert.IsType<RedactedException>(wrapped.InnerException);
        Assert.Equal(typeof(HttpRequestException).FullName, standIn.OriginalType);
        Assert.IsType<RedactedException>(standIn.InnerException);
        Assert.DoesNotContain("Pa55w0rd", standIn.ToString());
        Assert.Contains("http://10.0.0.5:3128/", standIn.Message);
    }

    [Theory]
    [InlineData("Connection refused (127.0.0.1:9)")]
    [InlineData("The remote certificate is invalid: thumbprint 3F2B8C9D0E1F2A3B4C5D6E7F8091A2B3C4D5E6F7 at https://127.0.0.1/a/very/long/path/segment/abcdefghijklmnopqrstuvwxyz0123456789")]
    public void An_exception_chain_without_secrets_is_kept_as_it_is(string message)
    {
        var raw = new HttpRequestException(message, new IOException("inner"));
        Assert.Same(raw, new LeanlyException(LeanlyErrorKind.NetworkError, "failed", null, raw).InnerException);
    }

    [Fact]
    public void Every_exception_of_an_aggregate_is_cleaned()
    {
        var aggregate = new AggregateException(new IOException("first, clean"), new HttpRequestException("proxy 'http://u:Pa55w0rd@10.0.0.5:3128/' refused"));

        var cleaned = Assert.IsType<AggregateException>(Redactor.Clean(aggregate));

        Assert.Equal(2, cleaned.InnerExceptions.Count);
        Assert.DoesNotContain("Pa55w0rd", cleaned.ToString());
    }
}
