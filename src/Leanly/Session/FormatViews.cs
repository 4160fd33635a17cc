using System;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace Leanly.Session;

/// <summary>
/// Loads Leanly.Format.ps1xml into a runspace the first time a Leanly command outputs an object it formats, instead
/// of at Import-Module. Adding any format file rebuilds the runspace's whole format database, which is most of what
/// importing the module would otherwise cost; a runbook that never shows a connection never pays it.
/// </summary>
internal static class FormatViews
{
    public const string FileName = "Leanly.Format.ps1xml";

    private static readonly ConditionalWeakTable<Runspace, object> Attempted = new();

    /// <summary>
    /// Must be called on the pipeline thread, before the object is written. Never fails the command: without the
    /// views, objects show with PowerShell's default formatting. Only a stopping pipeline gets through.
    /// </summary>
    public static void EnsureLoaded(PSCmdlet cmdlet)
    {
        var runspace = Runspace.DefaultRunspace;
        if (runspace is null || Attempted.TryGetValue(runspace, out _))
        {
            return;
        }

        string outcome;
        try
        {
            outcome = Load();
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            outcome = $"Could not load the Leanly format views ({ex.Message}); Leanly objects show with PowerShell's default formatting.";
        }

        // Marked once tried, loaded or not: a runspace that refuses the file (a constrained endpoint, a shared format
        // table) is not asked again. A stopped pipeline leaves it unmarked, so the next output tries again.
        Attempted.GetValue(runspace, _ => outcome);
        Tell(cmdlet, outcome);
    }

    private static string Load()
    {
        var folder = Path.GetDirectoryName(typeof(FormatViews).Assembly.Location);
        if (string.IsNullOrEmpty(folder) || !File.Exists(Path.Combine(folder, FileName)))
        {
            return "The Leanly format file is not beside Leanly.dll; Leanly objects show with PowerShell's default formatting.";
        }

        var path = Path.Combine(folder, FileName);
        using var powerShell = PowerShell.Create(RunspaceMode.CurrentRunspace);

        // The path is escaped because Update-FormatData expands wildcards; WhatIf/Confirm are off so a session-wide
        // $WhatIfPreference cannot skip the load.
        powerShell.AddCommand("Microsoft.PowerShell.Utility\\Update-FormatData")
            .AddParameter("AppendPath", WildcardPattern.Escape(path))
            .AddParameter("WhatIf", false)
            .AddParameter("Confirm", false)
            .Invoke();
        return powerShell.Streams.Error.Count == 0
            ? $"Loaded the Leanly format views from {path}."
            : $"Could not load the Leanly format views: {powerShell.Streams.Error[0]}";
    }

    // A Debug line is diagnostics only: under $DebugPreference = 'Stop' it must not turn a view into a failure.
    private static void Tell(PSCmdlet cmdlet, string message)
    {
        try
        {
            cmdlet.WriteDebug(message);
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
        }
    }
}
