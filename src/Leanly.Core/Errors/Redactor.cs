using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace Leanly;

/// <summary>Removes anything token-like from text that came from a server before it is shown to a user.</summary>
public static class Redactor
{
    public const string Mask = "***";

    private static readonly Regex SensitiveJsonValue = new(
        "(\"(?:access_token|refresh_token|id_token|client_secret|token|password|secret)\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Regex SensitiveFormValue = new(
        "((?:^|[^A-Za-z0-9_])(?:access_token|refresh_token|client_secret|password|code)=)[^&\\s]*",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Regex Bearer = new(
        "((?:Bearer|Basic)\\s+)[A-Za-z0-9\\-._~+/]+=*",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    // Long unbroken runs of token alphabet (opaque tokens, JWTs, base64 secrets) carry no meaning for a reader.
    private static readonly Regex OpaqueRun = new(
        "[A-Za-z0-9\\-_+/]{32,}={0,2}(?:\\.[A-Za-z0-9\\-_+/]{8,}={0,2}){0,2}",
        RegexOptions.CultureInvariant);

    /// <summary>Masks token-like content and each of <paramref name="known"/> (and their URL-encoded and Base64 forms).</summary>
    public static string Redact(string? text, IEnumerable<string?>? known = null)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        var result = text!;
        if (known is not null)
        {
            foreach (var secret in known)
            {
                if (string.IsNullOrEmpty(secret) || secret!.Length < 3)
                {
                    continue;
                }

                result = result.Replace(secret, Mask);
                result = result.Replace(Uri.EscapeDataString(secret), Mask);
                result = result.Replace(Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)), Mask);
            }
        }

        result = SensitiveJsonValue.Replace(result, "$1\"" + Mask + "\"");
        result = SensitiveFormValue.Replace(result, "$1" + Mask);
        result = Bearer.Replace(result, "$1" + Mask);
        result = OpaqueRun.Replace(result, Mask);
        return result;
    }

    /// <summary>The first bytes of a body as printable, redacted text for an error message.</summary>
    public static string Preview(byte[] body, int length, int maxChars = 200)
    {
        if (length <= 0)
        {
            return "(empty body)";
        }

        var take = Math.Min(length, maxChars * 2);
        var text = Encoding.UTF8.GetString(body, 0, take);
        var builder = new StringBuilder(Math.Min(text.Length, maxChars));
        foreach (var c in text)
        {
            if (builder.Length >= maxChars)
            {
                break;
            }

            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        var preview = Redact(builder.ToString().Trim());
        return length > maxChars ? preview + "..." : preview;
    }
}
