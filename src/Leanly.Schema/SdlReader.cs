using System;
using Leanly.Sdl;

namespace Leanly;

/// <summary>
/// Reads a schema from SDL as graphql-js's buildSchema does: extensions merged, the built-in scalars, directives
/// and introspection types added, default values written as introspection writes them. A text that does not parse
/// or is not a valid schema is a SchemaFileInvalid naming the file, line and column, never a raw exception.
/// </summary>
public static class SdlReader
{
    public static Schema Read(string sdl, string source) => Read(sdl, source, DateTimeOffset.UtcNow);

    public static Schema Read(string sdl, string source, DateTimeOffset fetchedOn)
    {
        if (sdl is null)
        {
            throw new ArgumentNullException(nameof(sdl));
        }

        var text = new SdlSource(sdl, source ?? throw new ArgumentNullException(nameof(source)));
        var definitions = SdlDefinitions.Collect(SdlParsing.Parse(text), text);
        return new SdlSchemaBuilder(text, definitions, BuiltInSchema.Value).Build(fetchedOn);
    }
}
