namespace Leanly;

/// <summary>How the client id and secret reach the token endpoint (RFC 6749 2.3.1).</summary>
public enum ClientAuthenticationMethod
{
    /// <summary>client_id and client_secret in the form body: Leanly's documented way.</summary>
    Body,

    /// <summary>HTTP Basic with the form-url-encoded id and secret.</summary>
    Basic,
}
