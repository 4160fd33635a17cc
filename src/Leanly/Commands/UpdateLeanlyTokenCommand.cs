using System;
using System.Management.Automation;

namespace Leanly.Commands;

/// <summary>Renews the access token now: the refresh_token grant, or client credentials when no refresh token is held.</summary>
[Cmdlet(VerbsData.Update, "LeanlyToken")]
[OutputType(typeof(LeanlyConnection))]
public sealed class UpdateLeanlyTokenCommand : LeanlyCmdlet
{
    /// <summary>The connection to refresh; this runspace's default when omitted.</summary>
    [Parameter(ValueFromPipeline = true)]
    [ValidateNotNull]
    public LeanlyConnection? Connection { get; set; }

    /// <summary>Output the connection afterwards.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var connection = ResolveConnection(Connection);
        try
        {
            Run((log, token) => connection.RefreshAsync(log, token));
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            ThrowAsError(ex, connection);
        }

        if (PassThru)
        {
            WriteFormattedObject(connection);
        }
    }
}
