namespace Leanly.Commands;

/// <summary>The two forms Export-LeanlySchema writes: SDL (printSchema's text) or introspection JSON ({"__schema": ...}).</summary>
public enum SchemaFileFormat
{
    Sdl,
    Json,
}
