using System.Security;

namespace Leanly.Auth;

/// <summary>
/// Plain text to and from SecureString, as ConvertTo-SecureString -AsPlainText and ConvertFrom-SecureString
/// -AsPlainText do: for the edges where a secret arrives or must leave as text (a vault, a variable, a token handed out).
/// </summary>
public static class SecureStrings
{
    /// <summary>A read-only SecureString holding <paramref name="text"/>.</summary>
    public static SecureString FromPlainText(string text)
    {
        var secure = new SecureString();
        foreach (var c in text)
        {
            secure.AppendChar(c);
        }

        secure.MakeReadOnly();
        return secure;
    }

    /// <summary>The characters of <paramref name="secret"/> as a string; the native copy is zeroed.</summary>
    public static string ToPlainText(SecureString secret) => SecretText.Use(secret, chars => new string(chars));
}
