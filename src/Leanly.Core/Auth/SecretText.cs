using System;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;

namespace Leanly.Auth;

/// <summary>Decodes a SecureString only for the moment it is needed and zeroes the native copy afterwards.</summary>
internal static class SecretText
{
    /// <summary>Calls <paramref name="use"/> with the secret's characters; the buffer is zeroed when it returns.</summary>
    public static T Use<T>(SecureString secret, Func<char[], T> use)
    {
        var pointer = IntPtr.Zero;
        var chars = new char[secret.Length];
        try
        {
            pointer = Marshal.SecureStringToCoTaskMemUnicode(secret);
            Marshal.Copy(pointer, chars, 0, chars.Length);
            return use(chars);
        }
        finally
        {
            Array.Clear(chars, 0, chars.Length);
            if (pointer != IntPtr.Zero)
            {
                Marshal.ZeroFreeCoTaskMemUnicode(pointer);
            }
        }
    }

    /// <summary>application/x-www-form-urlencoded bytes of <paramref name="chars"/> (UTF-8, RFC 3986 unreserved kept).</summary>
    public static void AppendFormEncoded(ByteBuffer target, char[] chars)
    {
        var utf8 = Encoding.UTF8.GetBytes(chars);
        try
        {
            foreach (var b in utf8)
            {
                AppendFormEncodedByte(target, b);
            }
        }
        finally
        {
            Array.Clear(utf8, 0, utf8.Length);
        }
    }

    public static void AppendFormEncoded(ByteBuffer target, string text) => AppendFormEncoded(target, text.ToCharArray());

    private static void AppendFormEncodedByte(ByteBuffer target, byte b)
    {
        if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '-' || b == '.' || b == '_' || b == '~')
        {
            target.Append(b);
            return;
        }

        const string hex = "0123456789ABCDEF";
        target.Append((byte)'%');
        target.Append((byte)hex[b >> 4]);
        target.Append((byte)hex[b & 0xF]);
    }
}
