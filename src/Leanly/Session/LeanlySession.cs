using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace Leanly.Session;

/// <summary>
/// The default connection of each runspace. Keyed by runspace, not static, so a ForEach-Object -Parallel runspace
/// never sees another runspace's connection by accident (the Microsoft Graph and Az modules' top complaint).
/// </summary>
public static class LeanlySession
{
    private static readonly ConditionalWeakTable<Runspace, DefaultConnectionSlot> Defaults = new();

    /// <summary>Must be called on the pipeline thread: Runspace.DefaultRunspace is per thread.</summary>
    public static LeanlyConnection? GetDefault()
    {
        var runspace = Runspace.DefaultRunspace;
        return runspace is not null && Defaults.TryGetValue(runspace, out var slot) ? slot.Connection : null;
    }

    public static void SetDefault(LeanlyConnection? connection)
    {
        var runspace = Runspace.DefaultRunspace;
        if (runspace is null)
        {
            return;
        }

        Defaults.GetValue(runspace, _ => new DefaultConnectionSlot()).Connection = connection;
    }

    // A mutable box, as ConditionalWeakTable cannot replace a value in netstandard2.0.
    private sealed class DefaultConnectionSlot
    {
        public LeanlyConnection? Connection { get; set; }
    }
}
