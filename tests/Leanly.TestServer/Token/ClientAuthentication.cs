namespace Leanly.TestServer.Token;

/// <summary>What a token request presented to identify its client.</summary>
/// <param name="Method">"basic", "body", or null when no secret was sent.</param>
internal sealed record ClientAuthentication(string? Method, string? ClientId, string? ClientSecret)
{
    public bool UsedBasic => Method == "basic";

    public bool HasSecret => Method is not null;
}
