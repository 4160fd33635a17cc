using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace Leanly.Sdl;

/// <summary>GraphQL-Parser on SDL text; a syntax error becomes a SchemaFileInvalid at its line and column.</summary>
internal static class SdlParsing
{
    private static readonly ParserOptions Options = new() { Ignore = IgnoreOptions.Comments };

    public static GraphQLDocument Parse(SdlSource source)
    {
        try
        {
            return Parser.Parse(source.Text, Options);
        }
        catch (GraphQLMaxDepthExceededException e)
        {
            throw source.Invalid(0, "it is nested too deeply to read (" + e.Message + ").");
        }
        catch (GraphQLParserException e)
        {
            // graphql-js places an unexpected end at the end of the text; GraphQL-Parser at the last token.
            if (e.Description.Contains("found EOF"))
            {
                throw source.Invalid(source.Text.Length, "Syntax Error: " + e.Description);
            }

            return e.Location.Line > 0
                ? throw source.Invalid(e.Location.Line, e.Location.Column, "Syntax Error: " + e.Description)
                : throw source.Invalid(0, "Syntax Error: " + e.Description);
        }
    }
}
