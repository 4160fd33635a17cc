using System;
using System.Security;
using Leanly.Errors;

namespace Leanly.Auth;

/// <summary>A client id and its secret. The secret stays a <see cref="SecureString"/> until a request body is built.</summary>
public sealed class ClientCredential : IDisposable
{
    public ClientCredential(string clientId, SecureString secret)
    {
        if (string.IsNullOrWhiteSpace(clientId))
        {
            throw new LeanlyException(LeanlyErrorKind.CredentialUnavailable, "The client id is empty.", "Pass the client id of your Leanly API client.");
        }

        ClientId = clientId;
        Secret = secret.Copy();
        Secret.MakeReadOnly();
    }

    public string ClientId { get; }

    public SecureString Secret { get; }

    public override string ToString() => $"ClientCredential {ClientId} (secret hidden)";

    public void Dispose() => Secret.Dispose();
}
