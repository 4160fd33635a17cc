using Leanly.Auth;
using Leanly.Errors;
using Leanly.Http;

namespace Leanly.Core.Tests.Unit;

public class EndpointPolicyTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5000/token")]
    [InlineData("http://127.0.0.1/")]
    [InlineData("http://127.8.9.10/token")]
    [InlineData("http://localhost/token")]
    [InlineData("http://LocalHost:8080/graphql")]
    [InlineData("http://[::1]/token")]
    [InlineData("http://[::1]:9000/graphql")]
    [InlineData("https://anything.example.com/token")]
    [InlineData("https://203.0.113.5:8443/graphql")]
    [InlineData("https://example.com/token?x=1")]
    public void Accepts_https_and_loopback_http(string uri)
    {
        EndpointPolicy.Validate(new Uri(uri), "TokenUri");
    }

    [Theory]
    [InlineData("http://example.com/token")]
    [InlineData("http://example.com:80/")]
    [InlineData("http://localhost.example.com/token")]
    [InlineData("http://127.0.0.1.nip.io/token")]
    [InlineData("http://10.0.0.1/token")]
    [InlineData("http://[2001:db8::1]/token")]
    [InlineData("ftp://127.0.0.1/token")]
    [InlineData("ws://localhost/graphql")]
    [InlineData("file:///c:/token")]
    public void Refuses_everything_else(string uri)
    {
        var ex = Assert.Throws<LeanlyException>(() => EndpointPolicy.Validate(new Uri(uri), "ApiUri"));
        Assert.Equal(LeanlyErrorKind.InsecureEndpoint, ex.Kind);
        Assert.Contains("ApiUri", ex.Message);
    }

    [Fact]
    public void Refuses_relative_uri()
    {
        var ex = Assert.Throws<LeanlyException>(() => EndpointPolicy.Validate(new Uri("/token", UriKind.Relative), "TokenUri"));
        Assert.Equal(LeanlyErrorKind.InvalidEndpointUri, ex.Kind);
    }

    [Fact]
    public void Refusal_does_not_repeat_the_query_string()
    {
        var ex = Assert.Throws<LeanlyException>(() => EndpointPolicy.Validate(new Uri("http://example.com/token?client_secret=qq-SECRET-qq"), "TokenUri"));
        Assert.DoesNotContain("qq-SECRET-qq", ex.Message);
    }

    [Theory]
    [InlineData("https://ops:hunter2-pw@leanly.example.com/token")]
    [InlineData("https://ops%40corp:hunter2-pw@leanly.example.com:8443/token?x=1")]
    [InlineData("http://ops:hunter2-pw@example.com/token")]
    [InlineData("http://ops:hunter2-pw@127.0.0.1:5000/token")]
    [InlineData("https://hunter2-pw@leanly.example.com/token")]
    public void Refuses_a_user_name_or_password_in_the_uri_without_repeating_it(string uri)
    {
        var ex = Assert.Throws<LeanlyException>(() => EndpointPolicy.Validate(new Uri(uri), "TokenUri"));
        Assert.Equal(LeanlyErrorKind.InsecureEndpoint, ex.Kind);
        Assert.Contains("TokenUri", ex.Message);
        Assert.Contains("user:password@", ex.RecommendedAction);
        Assert.DoesNotContain("hunter2-pw", ex.ToString());
        Assert.DoesNotContain("hunter2-pw", ex.RequestUri!.OriginalString);
        Assert.Contains("example.com", ex.Message.Replace("127.0.0.1", "example.com"));
    }

    [Theory]
    [InlineData("http://example.com/token", "https://example.com/graphql")]
    [InlineData("https://example.com/token", "http://example.com/graphql")]
    public void Connection_refuses_an_insecure_endpoint_before_sending_anything(string token, string api)
    {
        using var source = new FixedCredentialSource("ClientSecret", "test", "client", Support.TestUtil.Secure("secret"));
        var options = new LeanlyConnectionOptions { TokenUri = new Uri(token), ApiUri = new Uri(api) };
        var ex = Assert.Throws<LeanlyException>(() => new LeanlyConnection(source, options));
        Assert.Equal(LeanlyErrorKind.InsecureEndpoint, ex.Kind);
    }
}
