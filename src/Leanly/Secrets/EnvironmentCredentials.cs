using System;
using System.Management.Automation;
using Leanly.Auth;
using Leanly.Errors;

namespace Leanly.Secrets;

/// <summary>The pipeline pattern: LEANLY_CLIENT_ID and LEANLY_CLIENT_SECRET injected from the pipeline's secret store.</summary>
internal static class EnvironmentCredentials
{
    public const string ClientIdVariable = "LEANLY_CLIENT_ID";
    public const string ClientSecretVariable = "LEANLY_CLIENT_SECRET";
    public const string TokenUriVariable = "LEANLY_TOKEN_URI";
    public const string ApiUriVariable = "LEANLY_API_URI";

    public const string WaysToConnect =
        "Pass credentials in one of these ways: Connect-Leanly -Credential $credential (in Azure Automation: -Credential (Get-AutomationPSCredential -Name 'Leanly')); " +
        "Connect-Leanly -ClientId <id> -ClientSecret <SecureString>; Connect-Leanly -SecretName <name> [-Vault <vault>] with Microsoft.PowerShell.SecretManagement; " +
        "or set the environment variables LEANLY_CLIENT_ID and LEANLY_CLIENT_SECRET (the pipeline pattern).";

    /// <summary>
    /// The source from the environment, null when neither variable is set, an error when only one is.
    /// <paramref name="clientId"/> (Connect-Leanly -ClientId) stands in for LEANLY_CLIENT_ID; then null means no secret.
    /// </summary>
    public static FixedCredentialSource? TryRead(string? clientId = null)
    {
        var secret = Environment.GetEnvironmentVariable(ClientSecretVariable);
        if (clientId is not null)
        {
            return string.IsNullOrEmpty(secret) ? null : Create(clientId, secret!, $"Environment (-ClientId, {ClientSecretVariable})");
        }

        var id = Environment.GetEnvironmentVariable(ClientIdVariable);
        if (string.IsNullOrEmpty(id) && string.IsNullOrEmpty(secret))
        {
            return null;
        }

        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(secret))
        {
            var missing = string.IsNullOrEmpty(id) ? ClientIdVariable : ClientSecretVariable;
            var present = string.IsNullOrEmpty(id) ? ClientSecretVariable : ClientIdVariable;
            throw new LeanlyCredentialException(
                LeanlyErrorKind.CredentialUnavailable,
                $"The environment variable {present} is set but {missing} is not.",
                $"Set {missing} as well (in a pipeline, map it from the pipeline's secret variables). " + WaysToConnect,
                missing);
        }

        return Create(id!, secret!, $"Environment ({ClientIdVariable}, {ClientSecretVariable})");
    }

    private static FixedCredentialSource Create(string id, string secret, string description)
    {
        using var secure = SecureStrings.FromPlainText(secret);
        return new FixedCredentialSource("Environment", description, id, secure);
    }
}
