using System;
using System.Linq;
using System.Management.Automation.Host;

namespace Leanly.Secrets;

/// <summary>Whether a credential prompt could be answered: never prompt where nobody can type (runbooks, CI, -NonInteractive).</summary>
internal static class Interactivity
{
    public static string? WhyNotInteractive(PSHost? host)
    {
        if (host?.UI is null)
        {
            return "the PowerShell host has no user interface";
        }

        if (host.Name == "Default Host" || host.Name == "ServerRemoteHost")
        {
            return $"the host '{host.Name}' cannot prompt";
        }

        var args = Environment.GetCommandLineArgs();
        if (args.Any(a => a.StartsWith("-noni", StringComparison.OrdinalIgnoreCase) || a.StartsWith("--noni", StringComparison.OrdinalIgnoreCase) || a.StartsWith("/noni", StringComparison.OrdinalIgnoreCase)))
        {
            return "PowerShell runs with -NonInteractive";
        }

        if (!Environment.UserInteractive)
        {
            return "the process is not interactive";
        }

        foreach (var variable in new[] { "CI", "TF_BUILD", "GITHUB_ACTIONS", "AUTOMATION_ASSET_ENDPOINT" })
        {
            var value = Environment.GetEnvironmentVariable(variable);
            if (!string.IsNullOrEmpty(value) && !string.Equals(value, "false", StringComparison.OrdinalIgnoreCase))
            {
                return $"it runs unattended ({variable} is set)";
            }
        }

        if (host.Name == "ConsoleHost" && Console.IsInputRedirected)
        {
            return "standard input is not a terminal";
        }

        return null;
    }
}
