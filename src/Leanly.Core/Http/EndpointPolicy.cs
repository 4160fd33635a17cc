using System;
using System.Net;
using Leanly.Errors;

namespace Leanly.Http;

/// <summary>Refuses endpoints that would carry a secret or token in clear text over the network.</summary>
public static class EndpointPolicy
{
    public static void Validate(Uri uri, string parameterName)
    {
        if (!uri.IsAbsoluteUri)
        {
            throw new LeanlyException(LeanlyErrorKind.InvalidEndpointUri, $"{parameterName} '{uri}' is not an absolute URI.", $"Give {parameterName} as a full https:// URI.");
        }

        // Checked first: every message about an endpoint names it, and the name must not carry a password.
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new LeanlyException(
                LeanlyErrorKind.InsecureEndpoint,
                $"{parameterName} '{WithoutUserInfo(uri)}' has a user name or password in it (user:password@). LeanlyPS signs in with the client ID and secret only, and would otherwise show the password wherever it names the endpoint.",
                $"Remove the user:password@ part from {parameterName}; give the client secret with -Credential, -ClientSecret, -Vault/-SecretName or LEANLY_CLIENT_SECRET.")
            {
                RequestUri = new Uri(WithoutUserInfo(uri)),
            };
        }

        if (uri.Scheme == Uri.UriSchemeHttps)
        {
            return;
        }

        if (uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri))
        {
            return;
        }

        throw new LeanlyException(
            LeanlyErrorKind.InsecureEndpoint,
            $"{parameterName} '{uri.GetLeftPart(UriPartial.Path)}' does not use HTTPS. LeanlyPS sends secrets and tokens only over HTTPS (plain http is allowed for loopback addresses alone).",
            $"Use an https:// URI for {parameterName}.")
        {
            RequestUri = uri,
        };
    }

    private static string WithoutUserInfo(Uri uri) => new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty, Query = string.Empty, Fragment = string.Empty }.Uri.GetLeftPart(UriPartial.Path);

    public static bool IsLoopback(Uri uri)
    {
        if (uri.IsLoopback || string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address);
    }
}
