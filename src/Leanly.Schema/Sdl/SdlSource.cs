using GraphQLParser.AST;
using Leanly.Errors;

namespace Leanly.Sdl;

/// <summary>The SDL text being read and its name, to say where in it something is wrong.</summary>
internal sealed class SdlSource
{
    public SdlSource(string text, string name)
    {
        Text = text;
        Name = name;
    }

    public string Text { get; }

    public string Name { get; }

    public LeanlyException Invalid(ASTNode? node, string what) => Invalid(node?.Location.Start ?? 0, what);

    public LeanlyException Invalid(int offset, string what)
    {
        offset = System.Math.Min(offset, Text.Length);
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (Text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return Invalid(line, offset - lineStart + 1, what);
    }

    public LeanlyException Invalid(int line, int column, string what) => new(
        LeanlyErrorKind.SchemaFileInvalid,
        $"The schema in '{Name}' is not valid at line {line}, column {column}: {what}",
        "Correct the schema file there, or write it again with Export-LeanlySchema (a .graphql file holds SDL, a .json file introspection JSON).");
}
