using System;
using System.Collections.Generic;
using System.IO;

namespace Leanly.Schemas;

/// <summary>
/// Schema files read by -Schema and by completion, kept while the file is unchanged: each Tab, or a CI job's many
/// documents, would otherwise read and parse the whole file again. A few files at most; the oldest goes first.
/// </summary>
internal static class SchemaFileCache
{
    private const int Capacity = 4;

    private static readonly LinkedList<Entry> Entries = new();

    /// <summary>The schema in <paramref name="fullPath"/>, or null when it cannot be read (never throws).</summary>
    public static Schema? TryRead(string fullPath)
    {
        try
        {
            return File.Exists(fullPath) ? Read(fullPath) : null;
        }
        catch (Exception)
        {
            // Completion offers nothing for a file that cannot be read; Test-LeanlyQuery -Schema says why.
            return null;
        }
    }

    /// <summary>The schema in <paramref name="fullPath"/>; a missing or invalid file is a LeanlyException.</summary>
    public static Schema Read(string fullPath)
    {
        var file = new FileInfo(fullPath);
        lock (Entries)
        {
            for (var node = Entries.First; node is not null; node = node.Next)
            {
                var entry = node.Value;
                if (file.Exists && string.Equals(entry.Path, file.FullName, StringComparison.Ordinal) && entry.Written == file.LastWriteTimeUtc && entry.Length == file.Length)
                {
                    return entry.Schema;
                }
            }
        }

        var schema = SchemaLibrary.ReadFile(file.FullName);
        lock (Entries)
        {
            Entries.AddFirst(new Entry(file.FullName, file.LastWriteTimeUtc, file.Length, schema));
            while (Entries.Count > Capacity)
            {
                Entries.RemoveLast();
            }
        }

        return schema;
    }

    private sealed class Entry
    {
        public Entry(string path, DateTime written, long length, Schema schema)
        {
            Path = path;
            Written = written;
            Length = length;
            Schema = schema;
        }

        public string Path { get; }

        public DateTime Written { get; }

        public long Length { get; }

        public Schema Schema { get; }
    }
}
