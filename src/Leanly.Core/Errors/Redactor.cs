using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace Leanly.Errors;

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

    // A password in an address (http://user:password@proxy:3128, as HTTPS_PROXY allows); .NET repeats it in its messages.
    private static readonly Regex UserInfoInUri = new(
        "(\\b[A-Za-z][A-Za-z0-9+.\\-]*://)[^/\\s@'\"]+@",
        RegexOptions.CultureInvariant);

    // Long unbroken runs of token alphabet (opaque tokens, JWTs, base64 secrets) carry no meaning for a reader.
    private static readonly Regex OpaqueRun = new(
        "[A-Za-z0-9\\-_+/]{32,}={0,2}(?:\\.[A-Za-z0-9\\-_+/]{8,}={0,2}){0,2}",
        RegexOptions.CultureInvariant);

    /// <summary>Masks token-like content and each of <paramref name="known"/> (and its encoded forms, see <see cref="RedactKnown"/>).</summary>
    public static string Redact(string? text, IEnumerable<string?>? known = null)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        var result = known is null ? text! : RedactKnown(text, known)!;
        result = UserInfoInUri.Replace(result, "$1");
        result = SensitiveJsonValue.Replace(result, "$1\"" + Mask + "\"");
        result = SensitiveFormValue.Replace(result, "$1" + Mask);
        result = Bearer.Replace(result, "$1" + Mask);
        result = OpaqueRun.Replace(result, Mask);
        return result;
    }

    /// <summary>
    /// Masks each of <paramref name="known"/> as written, in Base64, and with any of its characters escaped the way
    /// URLs, forms, JSON, HTML or XML escape them (a server may echo a secret back in any of these). Nothing else changes.
    /// </summary>
    public static string? RedactKnown(string? text, IEnumerable<string?> known)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var result = text!;
        foreach (var secret in known)
        {
            if (string.IsNullOrEmpty(secret) || secret!.Length < 3)
            {
                continue;
            }

            result = result.Replace(Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)), Mask);
            result = AnyEscaping(secret).Replace(result, Mask);
            result = MaskCutStart(result, secret);
        }

        return result;
    }

    /// <summary>
    /// Masks the start of <paramref name="secret"/> where text was cut short right after it ("..."): <see cref="Shorten"/>
    /// cuts at a word break, and a secret holding a space or a quote has word breaks inside it.
    /// </summary>
    private static string MaskCutStart(string text, string secret)
    {
        for (var cut = text.IndexOf("...", StringComparison.Ordinal); cut >= 0; cut = text.IndexOf("...", cut + 3, StringComparison.Ordinal))
        {
            for (var length = Math.Min(secret.Length - 1, cut); length > 0; length--)
            {
                if (string.CompareOrdinal(text, cut - length, secret, 0, length) == 0)
                {
                    text = text.Substring(0, cut - length) + Mask + text.Substring(cut);
                    cut += Mask.Length - length;
                    break;
                }
            }
        }

        return text;
    }

    private static Regex AnyEscaping(string secret)
    {
        var pattern = new StringBuilder();
        for (var i = 0; i < secret.Length; i++)
        {
            var unit = char.IsSurrogatePair(secret, i) ? secret.Substring(i++, 2) : secret[i].ToString();
            var codePoint = unit.Length == 2 ? char.ConvertToUtf32(unit[0], unit[1]) : unit[0];
            pattern.Append("(?:").Append(Regex.Escape(unit));
            pattern.Append('|');
            foreach (var c in unit)
            {
                pattern.Append("\\\\u(?i:").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)).Append(')');
            }

            if (unit is "\"" or "\\" or "/")
            {
                pattern.Append("|\\\\").Append(Regex.Escape(unit));
            }

            pattern.Append("|&#0*").Append(codePoint.ToString(CultureInfo.InvariantCulture)).Append(';');
            pattern.Append("|&#[xX]0*(?i:").Append(codePoint.ToString("X", CultureInfo.InvariantCulture)).Append(");");
            pattern.Append(unit switch
            {
                "&" => "|&amp;",
                "<" => "|&lt;",
                ">" => "|&gt;",
                "\"" => "|&quot;",
                "'" => "|&apos;",
                " " => "|\\+",
                _ => string.Empty,
            });
            pattern.Append('|');
            foreach (var b in Encoding.UTF8.GetBytes(unit))
            {
                pattern.Append("%(?i:").Append(b.ToString("X2", CultureInfo.InvariantCulture)).Append(')');
            }

            pattern.Append(')');
        }

        return new Regex(pattern.ToString(), RegexOptions.CultureInvariant);
    }

    /// <summary>
    /// <paramref name="exception"/> itself when no message down its chain holds anything <see cref="Redact"/> masks;
    /// otherwise a stand-in chain with the same type names and redacted messages (a user can list an error's inner
    /// exceptions, and .NET writes a proxy's address, password included, into its messages).
    /// </summary>
    public static Exception? Clean(Exception? exception)
    {
        if (exception is null || exception is LeanlyException || !NeedsRedaction(exception))
        {
            return exception;
        }

        if (exception is AggregateException aggregate)
        {
            return new AggregateException(Redact(aggregate.Message), aggregate.InnerExceptions.Select(inner => Clean(inner)!));
        }

        return new RedactedException(exception.GetType().FullName ?? exception.GetType().Name, Redact(exception.Message), Clean(exception.InnerException));
    }

    // Only what .NET can write into an exception's message: a login in an address, a header or a form or JSON field.
    // Long opaque runs are left alone here: they are mostly URL paths and thumbprints, and replacing an exception
    // costs its type and stack trace.
    private static bool NeedsRedaction(Exception exception)
    {
        var message = exception.Message;
        if (UserInfoInUri.IsMatch(message) || SensitiveJsonValue.IsMatch(message) || SensitiveFormValue.IsMatch(message) || Bearer.IsMatch(message))
        {
            return true;
        }

        return exception is AggregateException aggregate
            ? aggregate.InnerExceptions.Any(NeedsRedaction)
            : exception.InnerException is { } inner && NeedsRedaction(inner);
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
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        return Redact(Shorten(builder.ToString().Trim(), maxChars, cutAlready: take < length));
    }

    /// <summary>
    /// <paramref name="text"/> cut to at most <paramref name="maxChars"/> characters and "...", never inside a word:
    /// a secret the server echoed as free text would otherwise show its first characters, which neither masking by
    /// value nor masking by shape can recognise once the rest is gone. <paramref name="cutAlready"/> says the text is
    /// itself the start of something longer.
    /// </summary>
    public static string Shorten(string text, int maxChars, bool cutAlready = false)
    {
        if (text.Length <= maxChars && !cutAlready)
        {
            return text;
        }

        var end = Math.Min(text.Length, maxChars);
        if (end == text.Length ? cutAlready : !IsWordBreak(text[end]))
        {
            while (end > 0 && !IsWordBreak(text[end - 1]))
            {
                end--;
            }
        }

        return text.Substring(0, end).TrimEnd() + "...";
    }

    // Where a secret echoed into text ends; '=' and ':' are not among them, as Base64 and some secrets contain them.
    private static bool IsWordBreak(char c) =>
        char.IsWhiteSpace(c) || c is '"' or '\'' or ',' or ';' or '{' or '}' or '[' or ']' or '(' or ')' or '<' or '>' or '&';
}
