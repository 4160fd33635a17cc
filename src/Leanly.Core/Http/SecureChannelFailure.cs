using System;
using System.Net;
using System.Security.Authentication;
using System.Text.RegularExpressions;
using Leanly.Errors;

namespace Leanly.Http;

/// <summary>
/// Recognises the failures that no retry can fix and that need the user's (or IT's) action: a server certificate
/// this machine does not accept, a server that offers only TLS older than 1.2, and a proxy that wants credentials.
/// All three happen before any byte of the request is sent.
/// </summary>
internal static class SecureChannelFailure
{
    private static readonly Regex ProxyInMessage = new(@"proxy '(?<uri>[^']+)'", RegexOptions.CultureInvariant);

    /// <summary>A terminating error for <paramref name="exception"/>, or null when it is an ordinary network failure.</summary>
    public static LeanlyException? Classify(Exception exception, RequestSpec spec, Uri? configuredProxy, ProxyLoginSource login)
    {
        if (IsProxyAuthenticationRequired(exception))
        {
            return ProxyAuthenticationRequired(spec, ProxyOf(exception, configuredProxy), login, exception);
        }

        var details = Details(exception, out var isTls, out var trustFailure);
        if (!isTls)
        {
            return null;
        }

        var reason = CertificateReason(details, spec.Uri.Host);
        if (reason is not null || trustFailure)
        {
            return CertificateError(spec, reason ?? "this machine does not accept it (Windows gives no further detail)", exception);
        }

        var host = spec.Uri.Host;
        if (NoCommonVersion(details) is { } why)
        {
            return new LeanlyException(
                LeanlyErrorKind.TlsHandshakeFailed,
                $"The secure connection to {host} failed: {why}. Nothing was sent to {spec.Uri}.",
                $"The server at {host} (or a proxy in between that inspects TLS) must offer TLS 1.2 or newer with current cipher suites; ask its owner. LeanlyPS does not fall back to older TLS versions.",
                exception)
            {
                RequestUri = spec.Uri,
            };
        }

        return new LeanlyException(
            LeanlyErrorKind.TlsHandshakeFailed,
            $"The secure connection (TLS handshake) to {host} failed: {Redactor.Redact(LastLine(details))}. Nothing was sent to {spec.Uri}.",
            $"Check that {spec.Uri.GetLeftPart(UriPartial.Authority)} is an HTTPS address of the Leanly service, and whether a proxy or firewall in between interferes with TLS.",
            exception)
        {
            RequestUri = spec.Uri,
        };
    }

    /// <summary>The 407 a proxy sends in answer to a plain-HTTP request (HTTPS ones fail inside CONNECT, see <see cref="Classify"/>).</summary>
    public static LeanlyException ProxyAuthenticationRequired(RequestSpec spec, Uri? proxy, ProxyLoginSource login, Exception? inner = null)
    {
        // HTTPS_PROXY may carry the proxy's user and password (http://user:password@host:port); they are never shown.
        var inEnvironment = login == ProxyLoginSource.None && !string.IsNullOrEmpty(proxy?.UserInfo);
        var name = proxy is null ? "The proxy" : $"The proxy {proxy.Scheme}://{proxy.Authority}";
        var (refused, action) = login switch
        {
            ProxyLoginSource.ProxyCredential => (
                " and refused the credentials given with -ProxyCredential",
                "Check the user name and password given with Connect-Leanly -ProxyCredential (some proxies want DOMAIN\\user)."),
            ProxyLoginSource.ProxyAddress => (
                " and refused the user name and password in the -Proxy address",
                "Check the user name and password in the -Proxy address, or give them with -ProxyCredential (Get-Credential) instead."),
            _ when inEnvironment => (
                " and refused the user name and password in the proxy address (HTTPS_PROXY)",
                "Check the user name and password in the HTTPS_PROXY (or HTTP_PROXY, ALL_PROXY) environment variable, or connect with -Proxy and -ProxyCredential (Get-Credential)."),
            _ => (
                string.Empty,
                "Connect again with the proxy's credentials: Connect-Leanly ... -ProxyCredential (Get-Credential). Ask your IT team which proxy and account to use."),
        };
        return new LeanlyException(
            LeanlyErrorKind.ProxyAuthenticationRequired,
            $"{name} asked for credentials (HTTP 407 Proxy Authentication Required){refused}. Nothing was sent to {spec.Uri}.",
            action,
            inner)
        {
            RequestUri = spec.Uri,
            StatusCode = 407,
        };
    }

    private static LeanlyException CertificateError(RequestSpec spec, string reason, Exception exception) =>
        new(
            LeanlyErrorKind.CertificateInvalid,
            $"The certificate of {spec.Uri.Host} was not accepted: {reason}. Nothing was sent to {spec.Uri}, and LeanlyPS did not try again.",
            $"Check that the address {spec.Uri.GetLeftPart(UriPartial.Authority)} is right. If your network has a proxy or firewall that inspects TLS, add its root certificate to this machine's trust store (your IT team has it). LeanlyPS always checks certificates and has no option to skip that.",
            exception)
        {
            RequestUri = spec.Uri,
        };

    // .NET names the failed checks in the message: "...invalid according to the validation procedure: RemoteCertificateNameMismatch"
    // or "...because of errors in the certificate chain: NotTimeValid". .NET Framework names none (see trustFailure).
    private static string? CertificateReason(string details, string host)
    {
        if (Has(details, "NotTimeValid") || Has(details, "expired"))
        {
            return "it has expired (or is not valid yet)";
        }

        if (Has(details, "Revoked"))
        {
            return "it has been revoked by its issuer";
        }

        if (Has(details, "UntrustedRoot") || Has(details, "PartialChain") || Has(details, "unable to get local issuer"))
        {
            return "it was issued by a certificate authority that this machine does not trust";
        }

        if (Has(details, "RemoteCertificateNameMismatch"))
        {
            return $"it was issued for a different host name, not for {host}";
        }

        if (Has(details, "RemoteCertificateNotAvailable"))
        {
            return "the server sent no certificate";
        }

        return Has(details, "RemoteCertificateChainErrors") || Has(details, "remote certificate is invalid")
            ? $"it is not valid ({Redactor.Redact(LastLine(details))})"
            : null;
    }

    // OpenSSL says "unsupported protocol" / "protocol version" when the versions do not overlap, but a server limited to
    // TLS 1.0/1.1 often answers a TLS 1.2+ hello with a bare handshake_failure alert; Windows says "common algorithm".
    private static string? NoCommonVersion(string details)
    {
        if (Has(details, "protocol version") || Has(details, "unsupported protocol") || Has(details, "no protocols available") || Has(details, "wrong version number"))
        {
            return "the server offers only TLS versions older than 1.2, which LeanlyPS does not use";
        }

        return Has(details, "alert handshake failure") || Has(details, "common algorithm")
            ? "the server and LeanlyPS found no TLS version and cipher suite in common; most often the server offers only TLS versions older than 1.2 (or only outdated ciphers), which LeanlyPS does not use"
            : null;
    }

    private static bool IsProxyAuthenticationRequired(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if ((Has(current.Message, "'407'"))
                || (current is WebException { Response: HttpWebResponse { StatusCode: HttpStatusCode.ProxyAuthenticationRequired } }))
            {
                return true;
            }
        }

        return false;
    }

    private static Uri? ProxyOf(Exception exception, Uri? configured)
    {
        if (configured is not null)
        {
            return configured;
        }

        for (var current = exception; current is not null; current = current.InnerException)
        {
            var match = ProxyInMessage.Match(current.Message);
            if (match.Success && Uri.TryCreate(match.Groups["uri"].Value, UriKind.Absolute, out var proxy))
            {
                return proxy;
            }
        }

        return null;
    }

    // Every message down the chain, one per line; whether TLS failed (AuthenticationException, or .NET Framework's
    // TrustFailure / SecureChannelFailure), and whether it was a certificate the machine does not trust.
    private static string Details(Exception exception, out bool isTls, out bool trustFailure)
    {
        isTls = false;
        trustFailure = false;
        var text = new System.Text.StringBuilder();
        for (var current = exception; current is not null; current = current.InnerException)
        {
            isTls |= current is AuthenticationException;
            if (current is WebException web)
            {
                trustFailure |= web.Status == WebExceptionStatus.TrustFailure;
                isTls |= web.Status is WebExceptionStatus.TrustFailure or WebExceptionStatus.SecureChannelFailure;
            }

            text.Append(current.Message).Append('\n');
        }

        return text.ToString();
    }

    private static string LastLine(string details)
    {
        var lines = details.TrimEnd('\n').Split('\n');
        return lines[lines.Length - 1].TrimEnd('.');
    }

    private static bool Has(string text, string part) => text.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0;
}
