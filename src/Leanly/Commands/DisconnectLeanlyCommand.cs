using System.Management.Automation;
using Leanly.Session;

namespace Leanly.Commands;

/// <summary>Forgets the runspace's default connection (or the one given) and wipes its tokens and secret.</summary>
[Cmdlet(VerbsCommunications.Disconnect, "Leanly")]
[OutputType(typeof(void))]
public sealed class DisconnectLeanlyCommand : LeanlyCmdlet
{
    /// <summary>The connection to close; this runspace's default when omitted.</summary>
    [Parameter(ValueFromPipeline = true)]
    [ValidateNotNull]
    public LeanlyConnection? Connection { get; set; }

    protected override void ProcessRecord()
    {
        var current = LeanlySession.GetDefault();
        var target = Connection ?? current;
        if (target is null)
        {
            WriteVerbose("There is no Leanly connection to close in this runspace.");
            return;
        }

        if (ReferenceEquals(target, current))
        {
            LeanlySession.SetDefault(null);
        }

        target.Dispose();
        WriteVerbose($"Disconnected client '{target.ClientId}'; its tokens and secret are wiped.");
    }
}
