namespace Leanly.TestServer;

/// <summary>An OAuth2 client the server accepts, with the scopes it may be granted.</summary>
public sealed record TestClient(string ClientId, string ClientSecret, IReadOnlyList<string> Scopes)
{
    /// <summary>Parses <c>id:secret:scope1,scope2</c>; the secret may itself contain colons.</summary>
    public static TestClient Parse(string text)
    {
        var first = text.IndexOf(':');
        var last = text.LastIndexOf(':');
        if (first <= 0 || last == first)
        {
            throw new FormatException("A client must look like id:secret:scope1,scope2.");
        }

        var scopes = text[(last + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new TestClient(text[..first], text[(first + 1)..last], scopes);
    }
}
