namespace Leanly.TestServer.Token;

/// <summary>An RFC 6749 5.2 error answer; the description must never carry a secret or a token.</summary>
internal sealed class OAuthErrorException(int status, string error, string description, bool basicChallenge = false)
    : Exception(description)
{
    public int Status { get; } = status;

    public string Error { get; } = error;

    public bool BasicChallenge { get; } = basicChallenge;

    public static OAuthErrorException InvalidRequest(string description) => new(400, "invalid_request", description);

    public static OAuthErrorException InvalidGrant(string description) => new(400, "invalid_grant", description);

    public static OAuthErrorException InvalidScope(string description) => new(400, "invalid_scope", description);

    public static OAuthErrorException InvalidClient(string description, bool basicChallenge) =>
        new(401, "invalid_client", description, basicChallenge);
}
