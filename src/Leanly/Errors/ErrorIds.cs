namespace Leanly;

/// <summary>The first part of every FullyQualifiedErrorId LeanlyPS writes. Documented in about_Leanly; never renamed.</summary>
public static class ErrorIds
{
    public const string NotConnected = "LeanlyNotConnected";
    public const string ConnectionClosed = "LeanlyConnectionClosed";
    public const string AuthenticationFailed = "LeanlyAuthenticationFailed";
    public const string RefreshFailed = "LeanlyRefreshFailed";
    public const string InvalidTokenResponse = "LeanlyInvalidTokenResponse";
    public const string TokenEndpointError = "LeanlyTokenEndpointError";
    public const string Unauthorized = "LeanlyUnauthorized";
    public const string GraphQLError = "LeanlyGraphQLError";
    public const string GraphQLHttpError = "LeanlyGraphQLHttpError";
    public const string InvalidGraphQLResponse = "LeanlyInvalidGraphQLResponse";
    public const string Timeout = "LeanlyTimeout";
    public const string Throttled = "LeanlyThrottled";
    public const string ServiceUnavailable = "LeanlyServiceUnavailable";
    public const string NetworkError = "LeanlyNetworkError";
    public const string RedirectRefused = "LeanlyRedirectRefused";
    public const string InsecureEndpoint = "LeanlyInsecureEndpoint";
    public const string CertificateError = "LeanlyCertificateError";
    public const string TlsHandshakeFailed = "LeanlyTlsHandshakeFailed";
    public const string ProxyAuthenticationRequired = "LeanlyProxyAuthenticationRequired";
    public const string InvalidVariables = "LeanlyInvalidVariables";
    public const string QueryFileNotFound = "LeanlyQueryFileNotFound";
    public const string CredentialMissing = "LeanlyCredentialMissing";
    public const string ClientIdMissing = "LeanlyClientIdMissing";
    public const string SecretManagementNotInstalled = "LeanlySecretManagementNotInstalled";
    public const string VaultNotFound = "LeanlyVaultNotFound";
    public const string SecretNotFound = "LeanlySecretNotFound";
    public const string VaultLocked = "LeanlyVaultLocked";
    public const string SecretInvalidShape = "LeanlySecretInvalidShape";
    public const string SecretReadFailed = "LeanlySecretReadFailed";
    public const string PagingNoCursorVariable = "LeanlyPagingNoCursorVariable";
    public const string PagingConnectionNotFound = "LeanlyPagingConnectionNotFound";
    public const string PagingLoop = "LeanlyPagingLoop";
    public const string UnexpectedError = "LeanlyUnexpectedError";
}
