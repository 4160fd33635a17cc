using System.Management.Automation;
using Leanly.Session;

namespace Leanly.Commands;

/// <summary>Shows this runspace's default Leanly connection: client, scopes, endpoints, expiry. Never token text.</summary>
[Cmdlet(VerbsCommon.Get, "LeanlyConnection")]
[OutputType(typeof(LeanlyConnection))]
public sealed class GetLeanlyConnectionCommand : LeanlyCmdlet
{
    protected override void EndProcessing()
    {
        var connection = LeanlySession.GetDefault();
        if (connection is null)
        {
            WriteVerbose("This runspace has no Leanly connection; run Connect-Leanly.");
            return;
        }

        WriteFormattedObject(connection);
    }
}
