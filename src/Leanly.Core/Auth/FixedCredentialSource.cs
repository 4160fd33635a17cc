using System;
using System.Security;
using System.Threading;

namespace Leanly.Auth;

/// <summary>A credential given once (a SecureString, a PSCredential, the environment, a prompt): reload returns the same.</summary>
public sealed class FixedCredentialSource : ICredentialSource, IDisposable
{
    private readonly ClientCredential _credential;

    public FixedCredentialSource(string kind, string description, string clientId, SecureString secret)
    {
        Kind = kind;
        Description = description;
        _credential = new ClientCredential(clientId, secret);
    }

    public string Kind { get; }

    public string Description { get; }

    public bool CanReload => false;

    public ClientCredential GetCredential(bool reload, CancellationToken cancellationToken) => _credential;

    public override string ToString() => Description;

    public void Dispose() => _credential.Dispose();
}
