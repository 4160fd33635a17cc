using System;

namespace Leanly;

/// <summary>An access token handed out on request (Get-LeanlyAccessToken); the text is reachable only through <see cref="Reveal"/>.</summary>
public sealed class AccessToken
{
    private readonly string _token;

    internal AccessToken(string token, DateTimeOffset? expiresOn)
    {
        _token = token;
        ExpiresOn = expiresOn;
    }

    public DateTimeOffset? ExpiresOn { get; }

    public string Reveal() => _token;

    public override string ToString() => "AccessToken (hidden)";
}
