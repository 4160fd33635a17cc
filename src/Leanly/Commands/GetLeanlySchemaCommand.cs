using System.Management.Automation;

namespace Leanly.Commands;

/// <summary>The API's schema by introspection, fetched once per connection and kept; or a schema file's.</summary>
[Cmdlet(VerbsCommon.Get, "LeanlySchema", DefaultParameterSetName = ConnectionSet)]
[OutputType(typeof(Schema))]
public sealed class GetLeanlySchemaCommand : SchemaCmdlet
{
    private const string ConnectionSet = "Connection";
    private const string FileSet = "File";

    [Parameter(ParameterSetName = ConnectionSet)]
    [ValidateNotNull]
    public LeanlyConnection? Connection { get; set; }

    [Parameter(ParameterSetName = ConnectionSet)]
    public SwitchParameter Force { get; set; }

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = FileSet)]
    [ValidateNotNullOrEmpty]
    public string? Schema { get; set; }

    protected override void EndProcessing() => WriteFormattedObject(ResolveSchema(Schema, Connection, Force));
}
