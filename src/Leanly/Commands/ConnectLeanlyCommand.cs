using System;
using System.Management.Automation;
using System.Security;
using Leanly.Auth;
using Leanly.Completion;
using Leanly.Errors;
using Leanly.Http;
using Leanly.Secrets;
using Leanly.Session;

namespace Leanly.Commands;

/// <summary>Signs in to Leanly with the client credentials grant and makes the connection this runspace's default.</summary>
[Cmdlet(VerbsCommunications.Connect, "Leanly", DefaultParameterSetName = EnvironmentSet)]
[OutputType(typeof(LeanlyConnection))]
public sealed class ConnectLeanlyCommand : LeanlyCmdlet
{
    private const string ClientSecretSet = "ClientSecret";
    private const string CredentialSet = "Credential";
    private const string SecretManagementSet = "SecretManagement";
    private const string EnvironmentSet = "Environment";
    private static readonly char[] UserInfoSeparator = [':'];

    /// <summary>The client id of the Leanly API client.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ClientSecretSet)]
    [Parameter(ParameterSetName = SecretManagementSet)]
    [Parameter(ParameterSetName = EnvironmentSet)]
    [ValidateNotNullOrEmpty]
    public string? ClientId { get; set; }

    /// <summary>The client secret, as a SecureString (Read-Host -AsSecureString, Get-Secret, ConvertTo-SecureString).</summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = ClientSecretSet)]
    [ValidateNotNull]
    public SecureString? ClientSecret { get; set; }

    /// <summary>A PSCredential whose user name is the client id and whose password is the client secret.</summary>
    [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
    [ValidateNotNull]
    [Credential]
    public PSCredential? Credential { get; set; }

    /// <summary>The name of a SecretManagement secret holding the credential.</summary>
    [Parameter(Mandatory = true, ParameterSetName = SecretManagementSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SecretNameCompleter))]
    public string? SecretName { get; set; }

    /// <summary>The SecretManagement vault to read -SecretName from; all vaults when omitted.</summary>
    [Parameter(ParameterSetName = SecretManagementSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(VaultNameCompleter))]
    public string? Vault { get; set; }

    /// <summary>Scopes to request, sent space-separated.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Scope { get; set; }

    /// <summary>The OAuth token endpoint. Default: LEANLY_TOKEN_URI, else https://oauth.leanly.cloud/token.</summary>
    [Parameter]
    [ValidateNotNull]
    public Uri? TokenUri { get; set; }

    /// <summary>The GraphQL endpoint. Default: LEANLY_API_URI, else https://graphql.leanly.cloud/graphql.</summary>
    [Parameter]
    [ValidateNotNull]
    public Uri? ApiUri { get; set; }

    /// <summary>How the client authenticates at the token endpoint: Body (default) or Basic.</summary>
    [Parameter]
    public ClientAuthenticationMethod ClientAuthentication { get; set; } = ClientAuthenticationMethod.Body;

    /// <summary>Seconds each HTTP request may take, body included.</summary>
    [Parameter]
    [ValidateRange(1, 86400)]
    public int TimeoutSec { get; set; } = 100;

    /// <summary>The largest answer, in MB after decompression, that any request of the connection may read.</summary>
    [Parameter]
    [ValidateRange(1, 1024)]
    public int MaxResponseSizeMB { get; set; } = (int)(LeanlyConnectionOptions.DefaultMaxResponseBytes / (1024 * 1024));

    /// <summary>Retries of a request that failed transiently (429, 502, 503, 504, connection refused, DNS).</summary>
    [Parameter]
    [ValidateRange(0, 20)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>Seconds of waiting between retries of one request, in all.</summary>
    [Parameter]
    [ValidateRange(0, 3600)]
    public int RetryMaxWaitSec { get; set; } = 60;

    /// <summary>A proxy for this connection; without it the system and environment proxy settings apply.</summary>
    [Parameter]
    [ValidateNotNull]
    public Uri? Proxy { get; set; }

    /// <summary>Credentials for -Proxy.</summary>
    [Parameter]
    [ValidateNotNull]
    [Credential]
    public PSCredential? ProxyCredential { get; set; }

    /// <summary>Also output the connection, to pass it to other runspaces with -Connection.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void EndProcessing()
    {
        LeanlyConnection? connection = null;
        try
        {
            var options = BuildOptions();

            // The connection checks the endpoints before it reads the credential source (which may prompt).
            connection = new LeanlyConnection(new DeferredCredentialSource(ReadCredentialSource), options);
            var connecting = connection;
            WriteVerbose($"Connecting to {options.TokenUri} as client '{connection.ClientId}' (credential from {connection.CredentialSourceDetail}).");
            Run((log, token) => connecting.ConnectAsync(log, token));
            LeanlySession.SetDefault(connection);

            // The session owns it now: nothing after this point may dispose it, even if writing it out fails.
            var connected = connection;
            connection = null;
            if (PassThru)
            {
                WriteFormattedObject(connected);
            }
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            ThrowAsError(ex, null);
        }
        finally
        {
            connection?.Dispose();
        }
    }

    private LeanlyConnectionOptions BuildOptions() => new()
    {
        TokenUri = TokenUri ?? FromEnvironment(EnvironmentCredentials.TokenUriVariable) ?? LeanlyConnectionOptions.DefaultTokenUri,
        ApiUri = ApiUri ?? FromEnvironment(EnvironmentCredentials.ApiUriVariable) ?? LeanlyConnectionOptions.DefaultApiUri,
        Scopes = Scope ?? Array.Empty<string>(),
        ClientAuthentication = ClientAuthentication,
        Timeout = TimeSpan.FromSeconds(TimeoutSec),
        MaxResponseBytes = MaxResponseSizeMB * 1024L * 1024L,
        Retry = new RetryPolicy { MaxRetries = MaxRetries, MaxTotalWait = TimeSpan.FromSeconds(RetryMaxWaitSec) },
        Proxy = WithoutUserInfo(Proxy),
        ProxyCredential = ProxyCredential?.GetNetworkCredential() ?? UserInfoCredential(Proxy),
        ProxyLogin = ProxyCredential is not null ? ProxyLoginSource.ProxyCredential
            : !string.IsNullOrEmpty(Proxy?.UserInfo) ? ProxyLoginSource.ProxyAddress : ProxyLoginSource.None,
    };

    // http://user:password@proxy would otherwise show the password wherever the connection is displayed.
    private static Uri? WithoutUserInfo(Uri? proxy) =>
        proxy is null || string.IsNullOrEmpty(proxy.UserInfo) ? proxy : new UriBuilder(proxy) { UserName = string.Empty, Password = string.Empty }.Uri;

    private static System.Net.NetworkCredential? UserInfoCredential(Uri? proxy)
    {
        if (proxy is null || string.IsNullOrEmpty(proxy.UserInfo))
        {
            return null;
        }

        var parts = proxy.UserInfo.Split(UserInfoSeparator, 2);
        return new System.Net.NetworkCredential(Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : string.Empty);
    }

    private static Uri? FromEnvironment(string variable)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            throw new LeanlyException(LeanlyErrorKind.InvalidEndpointUri, $"The environment variable {variable} holds '{value}', which is not an absolute URI.", $"Set {variable} to a full https:// URI, or remove it to use the default.");
        }

        return uri;
    }

    private ICredentialSource ReadCredentialSource()
    {
        switch (ParameterSetName)
        {
            case ClientSecretSet:
                return new FixedCredentialSource("ClientSecret", "ClientSecret (given as a SecureString)", ClientId!, ClientSecret!);
            case CredentialSet:
                return new FixedCredentialSource("Credential", "Credential (a PSCredential)", Credential!.UserName.TrimStart('\\'), Credential.Password);
            case SecretManagementSet:
                WriteVerbose($"Reading the secret '{SecretName}' with Microsoft.PowerShell.SecretManagement{(Vault is null ? string.Empty : $" from vault '{Vault}'")}.");
                return new SecretManagementCredentialSource(SecretName!, Vault, ClientId);
            default:
                return EnvironmentCredentials.TryRead(ClientId) ?? Prompt();
        }
    }

    private FixedCredentialSource Prompt()
    {
        var why = Interactivity.WhyNotInteractive(Host);
        if (why is not null)
        {
            throw new LeanlyCredentialException(
                LeanlyErrorKind.CredentialUnavailable,
                ClientId is null
                    ? $"Connect-Leanly got no credentials and cannot prompt for them because {why}."
                    : $"Connect-Leanly got the client id '{ClientId}' but no client secret ({EnvironmentCredentials.ClientSecretVariable} is not set), and cannot prompt for it because {why}.",
                EnvironmentCredentials.WaysToConnect);
        }

        PSCredential? credential;
        try
        {
            credential = Host.UI.PromptForCredential(
                "Connect to Leanly",
                "Enter the Leanly API client id as the user name and the client secret as the password.",
                ClientId ?? string.Empty,
                "Leanly");
        }
        catch (Exception ex) when (ex is PSInvalidOperationException or NotImplementedException or PSNotImplementedException or InvalidOperationException)
        {
            throw new LeanlyCredentialException(
                LeanlyErrorKind.CredentialUnavailable,
                "Connect-Leanly got no credentials and this host cannot prompt for them.",
                EnvironmentCredentials.WaysToConnect,
                null,
                ex);
        }

        if (credential is null || string.IsNullOrEmpty(credential.UserName) || credential.Password.Length == 0)
        {
            throw new LeanlyCredentialException(
                LeanlyErrorKind.CredentialUnavailable,
                "No client id or client secret was entered.",
                EnvironmentCredentials.WaysToConnect);
        }

        return new FixedCredentialSource("Prompt", "Prompt (entered at the credential prompt)", credential.UserName.TrimStart('\\'), credential.Password);
    }
}
