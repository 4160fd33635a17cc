namespace Leanly.Errors;

/// <summary>
/// What went wrong, in terms a caller can act on: one value per error LeanlyPS can raise. The PowerShell layer's
/// error table (LeanlyErrorTable) maps each kind to its error id, ErrorCategory and recommended action.
/// </summary>
public enum LeanlyErrorKind
{
    AuthenticationFailed,
    RefreshFailed,
    InvalidTokenResponse,
    TokenEndpointError,
    Unauthorized,
    GraphQLHttpError,
    InvalidGraphQLResponse,
    Timeout,
    Throttled,
    ServerUnavailable,
    NetworkError,
    Redirected,
    InsecureEndpoint,

    /// <summary>A request that cannot be sent as given: its variables hold a value with no JSON form.</summary>
    InvalidRequest,

    /// <summary>The connection was closed by Disconnect-Leanly.</summary>
    Disconnected,

    /// <summary>No credential could be had: none given, none in the environment, and no prompt possible.</summary>
    CredentialUnavailable,

    /// <summary>-All cannot find the Relay connection to page in the answer.</summary>
    PagingFailed,

    /// <summary>An endpoint (a parameter or an environment variable) is not an absolute URI.</summary>
    InvalidEndpointUri,
    NotConnected,
    GraphQLError,
    QueryFileNotFound,
    RawWithAll,
    PagingNoCursorVariable,
    PagingLoop,
    ClientIdMissing,
    SecretManagementNotInstalled,
    VaultNotFound,
    SecretNotFound,
    VaultLocked,
    SecretInvalidShape,
    SecretReadFailed,

    /// <summary>The server's TLS certificate was refused: untrusted issuer, wrong host name or expired.</summary>
    CertificateInvalid,

    /// <summary>No TLS version and cipher suite in common with the server (e.g. TLS 1.0/1.1 only).</summary>
    TlsHandshakeFailed,

    /// <summary>The proxy answered 407: it wants credentials, or refused the ones given.</summary>
    ProxyAuthenticationRequired,

    /// <summary>An introspection result (a server's answer or a .json schema file) does not have the shape of one.</summary>
    IntrospectionInvalid,

    /// <summary>The server refuses introspection queries: the schema must come from a file.</summary>
    IntrospectionDisabled,

    /// <summary>A file given to -Schema does not exist.</summary>
    SchemaFileNotFound,

    /// <summary>Get-LeanlyType was asked for a type name that the schema does not have.</summary>
    TypeNotFound,

    /// <summary>Export-LeanlySchema cannot write its file: the extension names no format, the file exists under -NoClobber, or the write failed.</summary>
    SchemaExportFailed,

    /// <summary>A schema file (SDL) does not parse, or does not describe a valid schema.</summary>
    SchemaFileInvalid,

    /// <summary>An answer grew past the connection's limit (-MaxResponseSizeMB) and was dropped unread.</summary>
    ResponseTooLarge,

    /// <summary>A failure the module did not expect: a bug.</summary>
    Unexpected,
}
