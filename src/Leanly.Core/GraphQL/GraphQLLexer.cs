using System.Collections.Generic;

namespace Leanly.GraphQL;

/// <summary>
/// Splits a GraphQL document into names and punctuators, skipping comments, strings and block strings,
/// so braces inside them never confuse <see cref="GraphQLDocument"/>. Lenient: bad input gives fewer tokens, never an exception.
/// </summary>
internal static class GraphQLLexer
{
    public static List<GraphQLToken> Tokenize(string source)
    {
        var tokens = new List<GraphQLToken>();
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            if (char.IsWhiteSpace(c) || c == ',' || c == '\uFEFF')
            {
                i++;
            }
            else if (c == '#')
            {
                while (i < source.Length && source[i] != '\n' && source[i] != '\r')
                {
                    i++;
                }
            }
            else if (c == '"')
            {
                i = SkipString(source, i);
                tokens.Add(new GraphQLToken(GraphQLTokenKind.Value, "\"\""));
            }
            else if (c == '_' || char.IsLetter(c))
            {
                var start = i;
                while (i < source.Length && (source[i] == '_' || char.IsLetterOrDigit(source[i])))
                {
                    i++;
                }

                tokens.Add(new GraphQLToken(GraphQLTokenKind.Name, source.Substring(start, i - start)));
            }
            else if (c == '-' || char.IsDigit(c))
            {
                var start = i++;
                while (i < source.Length && (char.IsLetterOrDigit(source[i]) || source[i] == '.' || source[i] == '+' || source[i] == '-'))
                {
                    i++;
                }

                tokens.Add(new GraphQLToken(GraphQLTokenKind.Value, source.Substring(start, i - start)));
            }
            else if (c == '.' && i + 2 < source.Length && source[i + 1] == '.' && source[i + 2] == '.')
            {
                tokens.Add(new GraphQLToken(GraphQLTokenKind.Punctuator, "..."));
                i += 3;
            }
            else
            {
                tokens.Add(new GraphQLToken(GraphQLTokenKind.Punctuator, c.ToString()));
                i++;
            }
        }

        return tokens;
    }

    private static int SkipString(string source, int i)
    {
        if (i + 2 < source.Length && source[i + 1] == '"' && source[i + 2] == '"')
        {
            i += 3;
            while (i < source.Length)
            {
                if (source[i] == '\\' && i + 3 < source.Length && source[i + 1] == '"' && source[i + 2] == '"' && source[i + 3] == '"')
                {
                    i += 4;
                }
                else if (source[i] == '"' && i + 2 < source.Length && source[i + 1] == '"' && source[i + 2] == '"')
                {
                    return i + 3;
                }
                else
                {
                    i++;
                }
            }

            return i;
        }

        i++;
        while (i < source.Length && source[i] != '"' && source[i] != '\n')
        {
            i += source[i] == '\\' ? 2 : 1;
        }

        return i + 1;
    }
}
