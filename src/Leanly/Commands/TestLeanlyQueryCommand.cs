using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Leanly.Completion;
using Leanly.Errors;
using Leanly.Schemas;

namespace Leanly.Commands;

/// <summary>
/// Checks GraphQL documents against a schema (every validation rule of the GraphQL specification, syntax included)
/// before they run, and outputs one Leanly.QueryProblem per problem; nothing when a document is valid.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "LeanlyQuery", DefaultParameterSetName = QuerySet)]
[OutputType(typeof(QueryProblem), typeof(bool))]
public sealed class TestLeanlyQueryCommand : LeanlyCmdlet
{
    private const string QuerySet = "Query";
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";

    private Schema? _schema;
    private bool _failed;

    /// <summary>The GraphQL document to check.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = QuerySet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(QueryTextCompleter))]
    [ValidateNotNull]
    public string? Query { get; set; }

    /// <summary>Files holding GraphQL documents; wildcards are resolved.</summary>
    [Parameter(Mandatory = true, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    /// <summary>Files holding GraphQL documents, taken as written (no wildcards); Get-ChildItem's output binds here.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP", "FullName")]
    [ValidateNotNullOrEmpty]
    public string[]? LiteralPath { get; set; }

    /// <summary>A schema file (SDL or introspection JSON, as Export-LeanlySchema writes it) to check against, instead of the connection's schema.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Schema { get; set; }

    /// <summary>The connection whose schema to check against; this runspace's default when omitted. Not used with -Schema.</summary>
    [Parameter]
    [ValidateNotNull]
    public LeanlyConnection? Connection { get; set; }

    /// <summary>Output one $true (no errors in any document) or $false instead of the problems.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    protected override void BeginProcessing()
    {
        try
        {
            _schema = Schema is not null ? ReadSchemaFile(Schema) : FetchSchema();
        }
        catch (Exception ex)
        {
            ThrowAsError(ex, (object?)Schema ?? Connection);
        }
    }

    protected override void ProcessRecord()
    {
        switch (ParameterSetName)
        {
            case PathSet:
                foreach (var path in Path!)
                {
                    foreach (var file in ResolveFiles(path, literal: false))
                    {
                        CheckFile(file);
                    }
                }

                break;
            case LiteralPathSet:
                foreach (var path in LiteralPath!)
                {
                    foreach (var file in ResolveFiles(path, literal: true))
                    {
                        CheckFile(file);
                    }
                }

                break;
            default:
                Check(Query!, null);
                break;
        }
    }

    protected override void EndProcessing()
    {
        if (Quiet)
        {
            WriteObject(!_failed);
        }
    }

    private Schema ReadSchemaFile(string path)
    {
        string fullPath;
        try
        {
            fullPath = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            throw new LeanlyException(LeanlyErrorKind.SchemaFileNotFound, $"Cannot find the schema file '{path}': {ex.Message}", null, ex);
        }

        WriteVerbose($"Checking against the schema file {fullPath}.");
        return SchemaFileCache.Read(fullPath);
    }

    private Schema FetchSchema()
    {
        var connection = ResolveConnection(Connection);
        return Run((log, token) => connection.GetSchemaAsync(false, log, token));
    }

    // The files a -Path or -LiteralPath names; a name that matches no file is an error of that input alone.
    private List<string> ResolveFiles(string path, bool literal)
    {
        var files = new List<string>();
        try
        {
            if (literal || !WildcardPattern.ContainsWildcardCharacters(path))
            {
                var fullPath = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
                if (Directory.Exists(fullPath))
                {
                    throw new ItemNotFoundException($"'{path}' is a folder; give the GraphQL files in it, such as {System.IO.Path.Combine(path, "*.graphql")}.");
                }

                if (!File.Exists(fullPath))
                {
                    throw new ItemNotFoundException($"The file '{fullPath}' does not exist.");
                }

                files.Add(fullPath);
            }
            else
            {
                var resolved = SessionState.Path.GetResolvedProviderPathFromPSPath(path, out var provider);
                if (provider.Name != "FileSystem")
                {
                    throw new ItemNotFoundException($"'{path}' is not on the file system.");
                }

                // A wildcard that also matches folders (queries/*) checks the files among them.
                files.AddRange(resolved.Where(File.Exists));
                if (files.Count == 0)
                {
                    throw new ItemNotFoundException($"No file matches '{path}'.");
                }
            }
        }
        catch (Exception ex) when (ex is ItemNotFoundException or IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException
            or System.Management.Automation.DriveNotFoundException or ProviderNotFoundException or PSNotSupportedException)
        {
            FailInput(new LeanlyException(LeanlyErrorKind.QueryFileNotFound, $"Cannot read the GraphQL document '{path}': {ex.Message}", null, ex), path);
        }

        return files;
    }

    private void CheckFile(string fullPath)
    {
        string document;
        try
        {
            document = File.ReadAllText(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            FailInput(new LeanlyException(LeanlyErrorKind.QueryFileNotFound, $"Cannot read the GraphQL document '{fullPath}': {ex.Message}", null, ex), fullPath);
            return;
        }

        Check(document, fullPath);
    }

    private void Check(string document, string? path)
    {
        IReadOnlyList<QueryProblem> problems;
        try
        {
            problems = SchemaLibrary.Validate(_schema!, document, path);
        }
        catch (Exception ex)
        {
            ThrowAsError(ex, (object?)path ?? document);
            return;
        }

        foreach (var problem in problems)
        {
            _failed |= problem.Severity == QueryProblemSeverity.Error;
            if (!Quiet)
            {
                WriteFormattedObject(problem);
            }
        }
    }

    // A document that could not be read was not found valid: -Quiet says $false for the run.
    private void FailInput(LeanlyException failure, string path)
    {
        _failed = true;
        WriteError(LeanlyErrors.FromException(failure, path));
    }
}
