namespace Leanly.Core.Tests.SchemaReading;

/// <summary>A temporary folder for the files graphql-js reads, removed on dispose.</summary>
internal sealed class TempFiles : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("leanly-schema-").FullName;

    public string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
