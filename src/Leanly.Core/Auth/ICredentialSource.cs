using System.Threading;

namespace Leanly.Auth;

/// <summary>Where a connection's client credential comes from, so it can be read again when the connection must re-authenticate.</summary>
public interface ICredentialSource
{
    /// <summary>Short name of the kind of source: ClientSecret, Credential, SecretManagement, Environment, Prompt.</summary>
    string Kind { get; }

    /// <summary>What a user sees in Get-LeanlyConnection: never the secret.</summary>
    string Description { get; }

    /// <summary>
    /// Whether reading again may give a different secret (a vault where it can be rotated), so a refused secret is
    /// worth one more read; a secret given once is not sent twice.
    /// </summary>
    bool CanReload { get; }

    /// <summary>The credential to authenticate with; <paramref name="reload"/> asks the source to read it again (a rotated secret).</summary>
    ClientCredential GetCredential(bool reload, CancellationToken cancellationToken);
}
