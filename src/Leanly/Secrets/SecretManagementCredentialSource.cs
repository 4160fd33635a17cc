using System;
using System.Management.Automation.Runspaces;
using System.Threading;
using Leanly.Auth;

namespace Leanly.Secrets;

/// <summary>
/// A credential kept in a SecretManagement vault. The first read happens in the caller's runspace; a reload
/// (re-authentication after the refresh token was refused) reads the vault again, so a rotated secret is picked up.
/// </summary>
internal sealed class SecretManagementCredentialSource : ICredentialSource, IDisposable
{
    private readonly object _gate = new();
    private readonly string _secretName;
    private readonly string? _vault;
    private readonly string? _clientId;
    private ClientCredential _current;
    private Runspace? _runspace;

    public SecretManagementCredentialSource(string secretName, string? vault, string? clientId)
    {
        _secretName = secretName;
        _vault = vault;
        _clientId = clientId;
        _current = SecretManagementReader.Read(secretName, vault, clientId, runspace: null);
    }

    public string Kind => "SecretManagement";

    public string Description => string.IsNullOrEmpty(_vault)
        ? $"SecretManagement (secret '{_secretName}')"
        : $"SecretManagement (vault '{_vault}', secret '{_secretName}')";

    public bool CanReload => true;

    public string SecretName => _secretName;

    public string? Vault => _vault;

    public ClientCredential GetCredential(bool reload, CancellationToken cancellationToken)
    {
        if (!reload)
        {
            return _current;
        }

        lock (_gate)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // Re-authentication can run on any thread (a parallel runspace's refresh): a private runspace is always safe to use.
            _runspace ??= OpenRunspace();
            var fresh = SecretManagementReader.Read(_secretName, _vault, _clientId, _runspace);
            var previous = _current;
            _current = fresh;
            previous.Dispose();
            return fresh;
        }
    }

    public override string ToString() => Description;

    public void Dispose()
    {
        lock (_gate)
        {
            _current.Dispose();
            _runspace?.Dispose();
            _runspace = null;
        }
    }

    private static Runspace OpenRunspace()
    {
        var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        return runspace;
    }
}
