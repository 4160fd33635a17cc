using System;
using System.IO;
using System.Management.Automation;
using System.Text;
using Leanly.Errors;
using Leanly.Introspection;

namespace Leanly.Commands;

/// <summary>Writes the schema to a file: SDL for .graphql/.graphqls, introspection JSON for .json; graphql-js rebuilds the same schema from either.</summary>
[Cmdlet(VerbsData.Export, "LeanlySchema", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportLeanlySchemaCommand : SchemaCmdlet
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    [Parameter]
    public SchemaFileFormat? Format { get; set; }

    [Parameter]
    [ValidateNotNull]
    public LeanlyConnection? Connection { get; set; }

    /// <summary>A schema file to convert (SDL to JSON, or back) instead of the connection's schema.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Schema { get; set; }

    /// <summary>A schema from Get-LeanlySchema (the pipeline), written as it is.</summary>
    [Parameter(ValueFromPipeline = true)]
    [ValidateNotNull]
    public Schema? InputObject { get; set; }

    [Parameter]
    public SwitchParameter NoClobber { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private Schema? _piped;

    protected override void ProcessRecord() => _piped = InputObject ?? _piped;

    protected override void EndProcessing()
    {
        var target = ResolveTarget();
        var format = Format ?? FormatOf(target);
        var schema = _piped ?? ResolveSchema(Schema, Connection);
        if (!ShouldProcess(target, $"Write the schema of {schema.Source} as {format}"))
        {
            return;
        }

        var text = format == SchemaFileFormat.Json ? IntrospectionWriter.Write(schema) : SdlPrinter.Print(schema);
        Write(target, text.EndsWith("\n", StringComparison.Ordinal) ? text : text + "\n");
        if (PassThru)
        {
            WriteObject(new FileInfo(target));
        }
    }

    private string ResolveTarget()
    {
        string target;
        try
        {
            target = ResolveFilePath(Path!);
        }
        catch (LeanlyException ex)
        {
            EndWithError(LeanlyErrors.Create(LeanlyErrorKind.SchemaExportFailed, ex.Message, Path));
            throw;
        }

        if (Directory.Exists(target))
        {
            Fail($"'{Path}' is a folder; give the path of the file to write, such as schema.graphql.", null);
        }

        if (NoClobber && File.Exists(target))
        {
            Fail($"The file '{target}' already exists and -NoClobber was given.", null);
        }

        return target;
    }

    private SchemaFileFormat FormatOf(string target)
    {
        switch (System.IO.Path.GetExtension(target).ToLowerInvariant())
        {
            case ".json":
                return SchemaFileFormat.Json;
            case ".graphql" or ".graphqls" or ".gql":
                return SchemaFileFormat.Sdl;
            default:
                Fail($"Cannot tell the format from the name '{System.IO.Path.GetFileName(target)}': use .graphql or .graphqls for SDL, .json for introspection JSON, or say -Format Sdl or -Format Json.", null);
                return default;
        }
    }

    // Written beside the target, then moved over it: a failed write (disk full, Ctrl+C) leaves the old file whole.
    private void Write(string target, string text)
    {
        var folder = System.IO.Path.GetDirectoryName(target);
        var temporary = System.IO.Path.Combine(string.IsNullOrEmpty(folder) ? "." : folder, "." + System.IO.Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
        try
        {
            File.WriteAllText(temporary, text, Utf8NoBom);
            if (File.Exists(target))
            {
                if (Force)
                {
                    File.SetAttributes(target, File.GetAttributes(target) & ~FileAttributes.ReadOnly);
                }

                File.Replace(temporary, target, null);
            }
            else
            {
                File.Move(temporary, target);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            TryDelete(temporary);
            Fail($"Cannot write the schema to '{target}': {ex.Message}", ex);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left behind: a hidden .tmp file is all that remains of a write that already failed.
        }
    }

    private void Fail(string message, Exception? inner) =>
        EndWithError(LeanlyErrors.Create(LeanlyErrorKind.SchemaExportFailed, message, Path, innerException: inner));
}
