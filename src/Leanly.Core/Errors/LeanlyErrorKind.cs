namespace Leanly;

/// <summary>What went wrong, in terms a caller can act on. The PowerShell layer maps each kind to an error id.</summary>
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
    InvalidRequest,
    Disconnected,
    CredentialUnavailable,
    PagingFailed,
    CertificateInvalid,
    TlsHandshakeFailed,
    ProxyAuthenticationRequired,
}
