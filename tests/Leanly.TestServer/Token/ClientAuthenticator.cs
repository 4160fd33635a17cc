using System.Security.Cryptography;
using System.Text;

namespace Leanly.TestServer.Token;

/// <summary>Checks presented client credentials against the configured clients.</summary>
internal static class ClientAuthenticator
{
    public static TestClient Authenticate(TestServerSettings settings, ClientAuthentication presented)
    {
        if (!presented.HasSecret)
        {
            throw OAuthErrorException.InvalidClient(
                presented.ClientId is null ? "Client authentication is required." : "No client_secret was sent.",
                basicChallenge: false);
        }

        var client = presented.ClientId is null ? null : settings.FindClient(presented.ClientId);
        if (client is null || !SecretsEqual(client.ClientSecret, presented.ClientSecret!))
        {
            throw OAuthErrorException.InvalidClient("Client authentication failed.", presented.UsedBasic);
        }

        return client;
    }

    private static bool SecretsEqual(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));
}
