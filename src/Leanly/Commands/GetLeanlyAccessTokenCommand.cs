using System;
using System.Management.Automation;
using Leanly.Auth;

namespace Leanly.Commands;

/// <summary>Hands the current access token to another tool: a SecureString by default, plain text only with -AsPlainText.</summary>
[Cmdlet(VerbsCommon.Get, "LeanlyAccessToken")]
[OutputType(typeof(PSObject))]
public sealed class GetLeanlyAccessTokenCommand : LeanlyCmdlet
{
    /// <summary>The connection whose token to get; this runspace's default when omitted.</summary>
    [Parameter(ValueFromPipeline = true)]
    [ValidateNotNull]
    public LeanlyConnection? Connection { get; set; }

    /// <summary>Return the token as a String instead of a SecureString.</summary>
    [Parameter]
    public SwitchParameter AsPlainText { get; set; }

    protected override void ProcessRecord()
    {
        var connection = ResolveConnection(Connection);
        AccessToken token = null!;
        try
        {
            token = Run((log, cancel) => connection.GetAccessTokenAsync(log, cancel));
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            ThrowAsError(ex, connection);
        }

        var result = new PSObject();
        result.TypeNames.Insert(0, "Leanly.AccessToken");
        result.Properties.Add(new PSNoteProperty("Token", AsPlainText ? token.Reveal() : SecureStrings.FromPlainText(token.Reveal())));
        result.Properties.Add(new PSNoteProperty("TokenType", "Bearer"));
        result.Properties.Add(new PSNoteProperty("ExpiresOn", token.ExpiresOn));
        result.Properties.Add(new PSNoteProperty("ClientId", connection.ClientId));
        WriteFormattedObject(result);
    }
}
