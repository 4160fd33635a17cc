using System;
using System.IO;
using System.Management.Automation;
using Leanly.Errors;
using Leanly.Schemas;

namespace Leanly.Commands;

/// <summary>The base of the commands that work on a schema: from a file given with -Schema, or the connection's (fetched once, then kept).</summary>
public abstract class SchemaCmdlet : LeanlyCmdlet
{
    /// <summary>
    /// The schema of <paramref name="schemaPath"/> when given (no connection needed), else the connection's:
    /// its cached schema, or one introspection fetched now. A terminating Leanly error when neither can be had.
    /// </summary>
    protected Schema ResolveSchema(string? schemaPath, LeanlyConnection? connection, bool force = false)
    {
        try
        {
            if (schemaPath is not null)
            {
                return SchemaFileCache.Read(ResolveFilePath(schemaPath));
            }

            var resolved = ResolveConnection(connection);
            return Run((log, token) => resolved.GetSchemaAsync(force, log, token));
        }
        catch (Exception ex) when (!IsPipelineStopping(ex))
        {
            ThrowAsError(ex, schemaPath ?? (object?)connection);
            throw;
        }
    }

    /// <summary>A PowerShell path (relative to Get-Location, a PSDrive, ~) as a file system path; the file need not exist.</summary>
    protected string ResolveFilePath(string path)
    {
        try
        {
            var resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
            if (provider.Name != "FileSystem")
            {
                throw new LeanlyException(LeanlyErrorKind.SchemaFileNotFound, $"'{path}' is not a file system path (it is on the {provider.Name} provider).", "Give the path of a file.");
            }

            return resolved;
        }
        catch (Exception ex) when (ex is ItemNotFoundException or System.Management.Automation.DriveNotFoundException or ProviderNotFoundException or NotSupportedException or ArgumentException or PathTooLongException)
        {
            throw new LeanlyException(LeanlyErrorKind.SchemaFileNotFound, $"Cannot use the path '{path}': {ex.Message}", null, ex);
        }
    }
}
