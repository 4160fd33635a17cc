using System;
using System.Net;

namespace Leanly;

/// <summary>Refuses endpoints that would carry a secret or token in clear text over the network.</summary>
public static class EndpointPolicy
{
    public static void Validate(Uri uri, string parameterName)
    {
        if (!uri.IsAbsoluteUri)
        {
            throw new LeanlyException(LeanlyErrorKind.InsecureEndpoint, $"{parameterName} '{uri}' is not an absolute URI.", $"Give {parameterName} as a full https:// URI.");
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

    public static bool IsLoopback(Uri uri)
    {
        if (uri.IsLoopback || string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address);
    }
}
