using System.Collections.Concurrent;
using System.Globalization;
using System.Security;
using System.Text;
using Leanly.Auth;
using Leanly.Errors;
using Leanly.Http;

namespace Leanly.Core.Tests.Support;

internal static class TestUtil
{
    public static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (var c in text)
        {
            secure.AppendChar(c);
        }

        secure.MakeReadOnly();
        return secure;
    }

    /// <summary>Every text an exception chain would show a user or a log: messages, actions, OAuth fields and ToString.</summary>
    public static string EverythingShown(Exception exception)
    {
        var text = new StringBuilder(exception.ToString());
        for (var current = exception; current is not null; current = current.InnerException)
        {
            text.Append('\n').Append(current.Message);
            if (current is LeanlyException leanly)
            {
                text.Append('\n').Append(leanly.RecommendedAction).Append('\n').Append(leanly.OAuthError).Append('\n').Append(leanly.OAuthErrorDescription);
            }
        }

        return text.ToString();
    }

    /// <summary>The secret as it is shown in clear, form-url-encoded (as the client sends it), URI-escaped and Base64.</summary>
    public static IEnumerable<string> Forms(string secret)
    {
        yield return secret;
        yield return Uri.EscapeDataString(secret);
        yield return Convert.ToBase64String(Encoding.UTF8.GetBytes(secret));
        using var buffer = new ByteBuffer();
        SecretText.AppendFormEncoded(buffer, secret);
        yield return Encoding.ASCII.GetString(buffer.ToArray());
    }

    public static void AssertNoSecret(Exception exception, params string[] secrets)
    {
        var shown = EverythingShown(exception);
        foreach (var secret in secrets)
        {
            foreach (var form in Forms(secret))
            {
                Assert.False(shown.Contains(form, StringComparison.Ordinal), $"The exception shows the secret '{secret}' as '{form}':\n{shown}");
            }
        }
    }

    public static string Printable(byte[] bytes)
    {
        var builder = new StringBuilder();
        foreach (var b in bytes)
        {
            if (b >= 0x20 && b < 0x7F && b != '\\')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append("\\x").Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}

/// <summary>Keeps what the core logs, so tests can check what it decided (and that no secret was logged).</summary>
internal sealed class RecordingLog : ILeanlyLog
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => _lines.ToArray();

    public string All => string.Join("\n", _lines);

    public void Verbose(string message) => _lines.Enqueue("VERBOSE: " + message);

    public void Debug(string message) => _lines.Enqueue("DEBUG: " + message);

    public void Warning(string message) => _lines.Enqueue("WARNING: " + message);
}
