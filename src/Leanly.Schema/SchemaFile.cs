using System;
using System.IO;
using Leanly.Errors;
using Leanly.Introspection;

namespace Leanly;

/// <summary>
/// Reads a schema file as -Schema takes it: introspection JSON (what Export-LeanlySchema writes for .json, or a
/// server's answer), else SDL. Failures are LeanlyExceptions (SchemaFileNotFound, IntrospectionInvalid, SchemaFileInvalid).
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

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LeanlyException(
                LeanlyErrorKind.SchemaFileInvalid,
                $"The schema file '{path}' could not be read: {e.Message}",
                "Check that the file is readable and not locked by another program.");
        }

        var fetchedOn = new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero);
        return IsJson(path, text) ? IntrospectionReader.Read(text, path, fetchedOn) : SdlReader.Read(text, path, fetchedOn);
    }

    // SDL never starts with '{' (a document of type definitions starts with a name, a description or a comment).
    private static bool IsJson(string path, string text) =>
        string.Equals(Path.GetExtension(path), ".json", StringComparison.OrdinalIgnoreCase) || text.TrimStart().StartsWith("{", StringComparison.Ordinal);
}
