namespace Leanly.TestServer.Token;

/// <summary>Turns a requested <c>scope</c> parameter into the scopes to grant.</summary>
internal static class ScopeResolver
{
    /// <summary>No scope (or an empty one) grants everything allowed; otherwise each scope must be allowed.</summary>
    public static IReadOnlyList<string> Resolve(string? requested, IReadOnlyList<string> allowed)
    {
        var scopes = (requested ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToArray();
        if (scopes.Length == 0)
        {
            return allowed;
        }

        var refused = scopes.FirstOrDefault(s => !allowed.Contains(s, StringComparer.Ordinal));
        if (refused is not null)
        {
            throw OAuthErrorException.InvalidScope($"The scope '{refused}' is not allowed here.");
        }

        return scopes;
    }
}
