using System;
using System.Collections.Concurrent;
using System.IO;

namespace Leanly.Schemas;

/// <summary>
/// Schema files read by -Schema, kept while the file is unchanged: a CI job that checks many documents, or a prompt
/// that completes type names from a file, reads and builds the schema once. Only this class names Leanly.Schema.dll's
/// types, so that assembly loads when a schema file is first read, never at import.
/// </summary>
internal static class SchemaFiles
{
    private const int MaxKept = 8;

    private static readonly ConcurrentDictionary<string, (DateTime WrittenOn, long Length, Schema Schema)> Kept = new(StringComparer.Ordinal);

    /// <summary>Reads <paramref name="fullPath"/> (a file system path); throws LeanlyException for a missing or invalid file.</summary>
    public static Schema Read(string fullPath)
    {
        var file = new FileInfo(fullPath);
        if (file.Exists && Kept.TryGetValue(fullPath, out var kept) && kept.WrittenOn == file.LastWriteTimeUtc && kept.Length == file.Length)
        {
            return kept.Schema;
        }

        var schema = SchemaFile.Read(fullPath);
        if (Kept.Count >= MaxKept)
        {
            Kept.Clear();
        }

        Kept[fullPath] = (file.LastWriteTimeUtc, file.Length, schema);
        return schema;
    }
}
