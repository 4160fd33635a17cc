using System;
using System.IO;
using Leanly.Errors;
using Leanly.Introspection;

namespace Leanly;

/// <summary>
/// Reads a schema file as -Schema takes it: introspection JSON (what Export-LeanlySchema writes for .json, or a
/// server's answer), else SDL. Failures are LeanlyExceptions (SchemaFileNotFound, IntrospectionInvalid, ...).
/// </summary>
public static class SchemaFile
{
    public static Schema Read(string path)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        if (!File.Exists(path))
        {
            throw new LeanlyException(
                LeanlyErrorKind.SchemaFileNotFound,
                $"The schema file '{path}' does not exist.",
                "Check the path given to -Schema, or write the file with Export-LeanlySchema.");
        }

        var text = File.ReadAllText(path);
        var fetchedOn = new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero);
        // TODO(issue-20files): SDL files through SdlReader.
        return IntrospectionReader.Read(text, path, fetchedOn);
    }
}
