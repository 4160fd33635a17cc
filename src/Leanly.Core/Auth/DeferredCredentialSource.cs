using System;
using System.Threading;

namespace Leanly.Auth;

/// <summary>
/// A credential source read only when the connection first asks for the credential, which is after it has checked
/// the endpoints: nobody is prompted for, or reads from a vault, a secret that would go to an endpoint refused anyway.
/// </summary>
public sealed class DeferredCredentialSource : ICredentialSource, IDisposable
{
    private readonly Func<ICredentialSource> _read;
    private ICredentialSource? _source;

    public DeferredCredentialSource(Func<ICredentialSource> read) => _read = read;

    public string Kind => Source.Kind;

    public string Description => Source.Description;

    public bool CanReload => Source.CanReload;

    // The connection's constructor reads it first, on the pipeline thread, before the connection is shared.
    private ICredentialSource Source => _source ??= _read();

    public ClientCredential GetCredential(bool reload, CancellationToken cancellationToken) => Source.GetCredential(reload, cancellationToken);

    public override string ToString() => _source?.Description ?? "(not read yet)";

    public void Dispose() => (_source as IDisposable)?.Dispose();
}
