using System;
using System.Net;
using System.Runtime.InteropServices;

namespace Leanly.Http;

/// <summary>What differs when the module runs in Windows PowerShell 5.1, on .NET Framework.</summary>
internal static class NetFramework
{
    public static readonly bool IsCurrent = RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

    /// <summary>
    /// Windows PowerShell may run with only SSL 3 and TLS 1.0 allowed (unless the machine's registry enables the
    /// system defaults), and Leanly's endpoints need TLS 1.2. This adds TLS 1.2 to the session's protocols, as most
    /// modules for Windows PowerShell do; it never takes a protocol away, and leaves "system default" (0) alone.
    /// </summary>
    public static void AllowTls12()
    {
        var allowed = ServicePointManager.SecurityProtocol;
        if (allowed != 0 && (allowed & SecurityProtocolType.Tls12) == 0)
        {
            ServicePointManager.SecurityProtocol = allowed | SecurityProtocolType.Tls12;
        }
    }
}
