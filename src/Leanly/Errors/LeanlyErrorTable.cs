using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace Leanly.Errors;

/// <summary>
/// The one place that says how each kind of failure is reported: its error id, ErrorCategory and recommended action.
/// A failure that knows more specific advice (which vault to unlock, which variable to set) carries it in
/// <see cref="LeanlyException.RecommendedAction"/>; the entry's action is used otherwise. The error table of
/// about_Leanly is checked against <see cref="Entries"/> by Help.Tests.ps1.
/// </summary>
public static class LeanlyErrorTable
{
    private static readonly Dictionary<LeanlyErrorKind, LeanlyErrorEntry> ByKind = new LeanlyErrorEntry[]
    {
        new(LeanlyErrorKind.NotConnected, "LeanlyNotConnected", ErrorCategory.ConnectionError, "Run Connect-Leanly first."),
        new(LeanlyErrorKind.Disconnected, "LeanlyConnectionClosed", ErrorCategory.InvalidOperation, "Run Connect-Leanly to sign in again, and pass the new connection with -Connection if you keep it in a variable."),
        new(LeanlyErrorKind.AuthenticationFailed, "LeanlyAuthenticationFailed", ErrorCategory.AuthenticationError, "Check the client id and secret (was the secret rotated?) and the scopes you ask for with -Scope."),
        new(LeanlyErrorKind.RefreshFailed, "LeanlyRefreshFailed", ErrorCategory.AuthenticationError, "The client secret changed at the server: update it where you keep it and run Connect-Leanly again."),
        new(LeanlyErrorKind.InvalidTokenResponse, "LeanlyInvalidTokenResponse", ErrorCategory.InvalidResult, "Check -TokenUri (LEANLY_TOKEN_URI) and any proxy or gateway in between."),
        new(LeanlyErrorKind.TokenEndpointError, "LeanlyTokenEndpointError", ErrorCategory.ProtocolError, "Check -TokenUri and the service status; try again later."),
        new(LeanlyErrorKind.Unauthorized, "LeanlyUnauthorized", ErrorCategory.PermissionDenied, "Check that the client may use the API (its scopes) and that -TokenUri and -ApiUri belong to the same Leanly environment."),
        new(LeanlyErrorKind.GraphQLError, "LeanlyGraphQLError", ErrorCategory.InvalidResult, "Fix the query (the message says what the server refused) and run it again."),
        new(LeanlyErrorKind.GraphQLHttpError, "LeanlyGraphQLHttpError", ErrorCategory.ProtocolError, "Check -ApiUri; for a 5xx answer try again later, after checking whether a mutation took effect."),
        new(LeanlyErrorKind.InvalidGraphQLResponse, "LeanlyInvalidGraphQLResponse", ErrorCategory.InvalidResult, "Check -ApiUri and any proxy or gateway that may replace answers."),
        new(LeanlyErrorKind.Timeout, "LeanlyTimeout", ErrorCategory.OperationTimeout, "Try again later, or allow more time with Connect-Leanly -TimeoutSec."),
        new(LeanlyErrorKind.Throttled, "LeanlyThrottled", ErrorCategory.LimitsExceeded, "Wait, send fewer requests at once, or raise -MaxRetries / -RetryMaxWaitSec."),
        new(LeanlyErrorKind.ServerUnavailable, "LeanlyServiceUnavailable", ErrorCategory.ResourceUnavailable, "Try again later, or raise -MaxRetries / -RetryMaxWaitSec."),
        new(LeanlyErrorKind.NetworkError, "LeanlyNetworkError", ErrorCategory.ConnectionError, "Check the network, DNS, proxy and the URI; for a mutation, check whether it took effect before you run it again."),
        new(LeanlyErrorKind.Redirected, "LeanlyRedirectRefused", ErrorCategory.SecurityError, "If the service moved, connect to the new address with -TokenUri/-ApiUri; otherwise look for a proxy or captive portal."),
        new(LeanlyErrorKind.InsecureEndpoint, "LeanlyInsecureEndpoint", ErrorCategory.SecurityError, "Use an https:// URI (plain http is allowed for loopback addresses alone)."),
        new(LeanlyErrorKind.CertificateInvalid, "LeanlyCertificateError", ErrorCategory.SecurityError, "Check the address; behind a proxy that inspects TLS, add its root certificate to this machine's trust store. LeanlyPS always checks certificates."),
        new(LeanlyErrorKind.TlsHandshakeFailed, "LeanlyTlsHandshakeFailed", ErrorCategory.SecurityError, "The server (or a proxy that inspects TLS) must offer TLS 1.2 or newer with current cipher suites; ask its owner."),
        new(LeanlyErrorKind.ProxyAuthenticationRequired, "LeanlyProxyAuthenticationRequired", ErrorCategory.AuthenticationError, "Connect again with the proxy's credentials: Connect-Leanly ... -ProxyCredential (Get-Credential)."),
        new(LeanlyErrorKind.InvalidEndpointUri, "LeanlyInvalidEndpointUri", ErrorCategory.InvalidArgument, "Give the endpoint as a full https:// URI."),
        new(LeanlyErrorKind.InvalidRequest, "LeanlyInvalidVariables", ErrorCategory.InvalidArgument, "Pass strings, numbers, booleans, $null, arrays, hashtables or objects in -Variables."),
        new(LeanlyErrorKind.QueryFileNotFound, "LeanlyQueryFileNotFound", ErrorCategory.ObjectNotFound, "Check the path; it is relative to the current PowerShell location (Get-Location)."),
        new(LeanlyErrorKind.CredentialUnavailable, "LeanlyCredentialMissing", ErrorCategory.AuthenticationError, "Pass -Credential, -ClientId with -ClientSecret, or -SecretName, or set LEANLY_CLIENT_ID and LEANLY_CLIENT_SECRET."),
        new(LeanlyErrorKind.ClientIdMissing, "LeanlyClientIdMissing", ErrorCategory.InvalidArgument, "Add -ClientId, or store the secret as a PSCredential or a Hashtable with ClientId and ClientSecret."),
        new(LeanlyErrorKind.SecretManagementNotInstalled, "LeanlySecretManagementNotInstalled", ErrorCategory.NotInstalled, "Install-PSResource Microsoft.PowerShell.SecretManagement, register a vault with Register-SecretVault, and connect again."),
        new(LeanlyErrorKind.VaultNotFound, "LeanlyVaultNotFound", ErrorCategory.ObjectNotFound, "List the registered vaults with Get-SecretVault and pass one of their names to -Vault."),
        new(LeanlyErrorKind.SecretNotFound, "LeanlySecretNotFound", ErrorCategory.ObjectNotFound, "List the secrets with Get-SecretInfo, or store the client credential with Set-Secret -Secret (Get-Credential)."),
        new(LeanlyErrorKind.VaultLocked, "LeanlyVaultLocked", ErrorCategory.PermissionDenied, "Unlock the vault with Unlock-SecretVault; for unattended runs configure the store without a password."),
        new(LeanlyErrorKind.SecretInvalidShape, "LeanlySecretInvalidShape", ErrorCategory.InvalidData, "Store it again as a PSCredential, a Hashtable with ClientId and ClientSecret, or a SecureString used with -ClientId."),
        new(LeanlyErrorKind.SecretReadFailed, "LeanlySecretReadFailed", ErrorCategory.ReadError, "Check the vault with Test-SecretVault, then try again."),
        new(LeanlyErrorKind.PagingNoCursorVariable, "LeanlyPagingNoCursorVariable", ErrorCategory.InvalidArgument, "Declare $after: String in the query and pass it as the connection's after argument, or use -CursorVariable."),
        new(LeanlyErrorKind.PagingFailed, "LeanlyPagingConnectionNotFound", ErrorCategory.InvalidResult, "Select pageInfo { hasNextPage endCursor } and nodes, and name the connection with -PagePath."),
        new(LeanlyErrorKind.PagingLoop, "LeanlyPagingLoop", ErrorCategory.InvalidResult, "The server's paging is broken for this query; report it to Leanly support."),
        new(LeanlyErrorKind.RawWithAll, "LeanlyRawWithAll", ErrorCategory.InvalidArgument, "Leave out -Raw to page with -All, or -All to get one raw answer."),
        new(LeanlyErrorKind.IntrospectionInvalid, "LeanlyIntrospectionInvalid", ErrorCategory.InvalidData, "Give a schema file that Export-LeanlySchema wrote, or an introspection result with __schema ({\"__schema\": ...} or the server's {\"data\": {\"__schema\": ...}})."),
        new(LeanlyErrorKind.IntrospectionDisabled, "LeanlyIntrospectionDisabled", ErrorCategory.PermissionDenied, "The server does not answer introspection: pass a schema file with -Schema (Export-LeanlySchema it where introspection is allowed)."),
        new(LeanlyErrorKind.SchemaFileNotFound, "LeanlySchemaFileNotFound", ErrorCategory.ObjectNotFound, "Check the path given to -Schema; it is relative to the current PowerShell location (Get-Location)."),
        new(LeanlyErrorKind.TypeNotFound, "LeanlyTypeNotFound", ErrorCategory.ObjectNotFound, "Check the name (Tab completes it), or list the types with Get-LeanlyType | Format-Table."),
        new(LeanlyErrorKind.SchemaExportFailed, "LeanlySchemaExportFailed", ErrorCategory.WriteError, "Name the file .graphql or .graphqls for SDL, .json for introspection JSON (or say -Format); drop -NoClobber to replace a file."),
        new(LeanlyErrorKind.SchemaFileInvalid, "LeanlySchemaFileInvalid", ErrorCategory.InvalidData, "Correct the schema file at the line and column the message gives, or write it again with Export-LeanlySchema."),
        new(LeanlyErrorKind.ResponseTooLarge, "LeanlyResponseTooLarge", ErrorCategory.LimitsExceeded, "Ask for less in one answer (-All with a smaller page size, fewer fields), or raise Connect-Leanly -MaxResponseSizeMB."),
        new(LeanlyErrorKind.Unexpected, "LeanlyUnexpectedError", ErrorCategory.NotSpecified, "Please report this with the command you ran (without secrets)."),
    }.ToDictionary(entry => entry.Kind);

    /// <summary>Every error LeanlyPS can raise, one entry per <see cref="LeanlyErrorKind"/>.</summary>
    public static IReadOnlyCollection<LeanlyErrorEntry> Entries => ByKind.Values;

    public static LeanlyErrorEntry For(LeanlyErrorKind kind) =>
        ByKind.TryGetValue(kind, out var entry) ? entry : ByKind[LeanlyErrorKind.Unexpected];
}
