using System.Net;
using System.Net.Http;
using System.Security.Authentication;
using Leanly.Errors;
using Leanly.Http;

namespace Leanly.Core.Tests.Unit;

// The wording .NET and .NET Framework use; the end-to-end cases run against the real TLS listeners in Network.Tests.ps1.
public class SecureChannelFailureTests
{
    private static readonly RequestSpec Spec = new(new Uri("https://oauth.leanly.cloud/token"), () => new HttpRequestMessage(), "token request", true);

    private static HttpRequestException Tls(string inner) =>
        new("The SSL connection could not be established, see inner exception.", new AuthenticationException(inner));

    [Theory]
    [InlineData("The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot", "does not trust")]
    [InlineData("The remote certificate is invalid because of errors in the certificate chain: PartialChain", "does not trust")]
    [InlineData("The remote certificate is invalid according to the validation procedure: RemoteCertificateNameMismatch", "different host name, not for oauth.leanly.cloud")]
    [InlineData("The remote certificate is invalid because of errors in the certificate chain: NotTimeValid", "has expired")]
    [InlineData("The remote certificate is invalid because of errors in the certificate chain: Revoked", "revoked")]
    public void Names_the_certificate_problem_and_the_host(string message, string reason)
    {
        var error = SecureChannelFailure.Classify(Tls(message), Spec, null, ProxyLoginSource.None);
        Assert.NotNull(error);
        Assert.Equal(LeanlyErrorKind.CertificateInvalid, error!.Kind);
        Assert.StartsWith("The certificate of oauth.leanly.cloud was not accepted: ", error.Message);
        Assert.Contains(reason, error.Message);
        Assert.Contains("trust store", error.RecommendedAction);
    }

    [Fact]
    public void A_NET_Framework_trust_failure_is_a_certificate_error_without_detail()
    {
        var web = new WebException("The underlying connection was closed: Could not establish trust relationship for the SSL/TLS secure channel.", null, WebExceptionStatus.TrustFailure, null);
        var error = SecureChannelFailure.Classify(new HttpRequestException("An error occurred while sending the request.", web), Spec, null, ProxyLoginSource.None);
        Assert.Equal(LeanlyErrorKind.CertificateInvalid, error!.Kind);
        Assert.Contains("Windows gives no further detail", error.Message);
    }

    [Theory]
    [InlineData("error:0A000102:SSL routines::unsupported protocol")]
    [InlineData("error:0A00042E:SSL routines::tlsv1 alert protocol version")]
    [InlineData("error:0A000410:SSL routines::sslv3 alert handshake failure")]
    [InlineData("The client and server cannot communicate, because they do not possess a common algorithm.")]
    public void An_old_TLS_server_is_a_handshake_error_that_says_so(string message)
    {
        var error = SecureChannelFailure.Classify(Tls(message), Spec, null, ProxyLoginSource.None);
        Assert.Equal(LeanlyErrorKind.TlsHandshakeFailed, error!.Kind);
        Assert.Contains("older than 1.2", error.Message);
    }

    [Fact]
    public void A_407_in_a_CONNECT_tunnel_names_the_proxy_from_the_message()
    {
        var failure = new HttpRequestException("The proxy tunnel request to proxy 'http://proxy.corp.example:8080/' failed with status code '407'.");
        var error = SecureChannelFailure.Classify(failure, Spec, null, ProxyLoginSource.None);
        Assert.Equal(LeanlyErrorKind.ProxyAuthenticationRequired, error!.Kind);
        Assert.StartsWith("The proxy http://proxy.corp.example:8080 asked for credentials", error.Message);
        Assert.Contains("-ProxyCredential", error.RecommendedAction);
    }

    [Theory]
    [InlineData("Connection refused")]
    [InlineData("The proxy tunnel request to proxy 'http://p:8080/' failed with status code '502'.")]
    public void Ordinary_network_failures_are_left_to_the_retry_logic(string message)
    {
        Assert.Null(SecureChannelFailure.Classify(new HttpRequestException(message), Spec, null, ProxyLoginSource.None));
    }
}
