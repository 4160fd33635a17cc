using System;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace Leanly;

/// <summary>
/// Loads Leanly.Format.ps1xml into a runspace the first time a Leanly command outputs an object it formats, instead
/// of at Import-Module. Adding any format file rebuilds the runspace's whole format database, which is most of what
/// importing the module would otherwise cost; a runbook that never shows a connection never pays it.
/// </summary>
internal static class FormatViews
{
    public const string FileName = "Leanly.Format.ps1xml";

    private static readonly ConditionalWeakTable<Runspace, object> Loaded = new();

    /// <summary>Must be called on the pipeline thread, before the object is written.</summary>
    public static void EnsureLoaded(PSCmdlet cmdlet)
    {
        var runspace = Runspace.DefaultRunspace;
        if (runspace is null || Loaded.TryGetValue(runspace, out _))
        {
            return;
        }

        // Marked first: a runspace that refuses the file (no Update-FormatData in a constrained endpoint) is not asked again.
        Loaded.Add(runspace, FileName);
        var path = Path.Combine(Path.GetDirectoryName(typeof(FormatViews).Assembly.Location) ?? string.Empty, FileName);
        try
        {
            if (!File.Exists(path))
            {
                cmdlet.WriteDebug($"The format file {path} is missing; Leanly objects show with PowerShell's default formatting.");
                return;
            }

            using var powerShell = PowerShell.Create(RunspaceMode.CurrentRunspace);
            // The path is escaped because Update-FormatData expands wildcards; WhatIf/Confirm are off so a session-wide
            // $WhatIfPreference cannot skip the load or print a what-if line for it.
            powerShell.AddCommand("Microsoft.PowerShell.Utility\\Update-FormatData")
                .AddParameter("AppendPath", WildcardPattern.Escape(path))
                .AddParameter("WhatIf", false)
                .AddParameter("Confirm", false)
                .Invoke();
            foreach (var error in powerShell.Streams.Error)
            {
                cmdlet.WriteDebug($"Could not load the Leanly format views: {error}");
            }
        }
        catch (Exception ex) when (ex is RuntimeException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            cmdlet.WriteDebug($"Could not load the Leanly format views ({ex.Message}); Leanly objects show with PowerShell's default formatting.");
        }
    }
}
