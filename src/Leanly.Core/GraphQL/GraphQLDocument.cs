using System;
using System.Collections.Generic;
using System.Linq;

namespace Leanly;

/// <summary>
/// What LeanlyPS needs to know of a document without parsing it fully: its operations, their types and variables.
/// The document itself is always sent exactly as written.
/// </summary>
public sealed class GraphQLDocument
{
    private GraphQLDocument(IReadOnlyList<GraphQLOperation> operations) => Operations = operations;

    public IReadOnlyList<GraphQLOperation> Operations { get; }

    public GraphQLOperation? Select(string? operationName)
    {
        if (!string.IsNullOrEmpty(operationName))
        {
            return Operations.FirstOrDefault(o => o.Name == operationName);
        }

        return Operations.Count == 1 ? Operations[0] : null;
    }

    public static GraphQLDocument Inspect(string document)
    {
        var tokens = GraphQLLexer.Tokenize(document);
        var operations = new List<GraphQLOperation>();
        var depth = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind == GraphQLTokenKind.Punctuator)
            {
                if (token.Text == "{")
                {
                    if (depth == 0 && (i == 0 || IsDefinitionBoundary(tokens, i)))
                    {
                        operations.Add(new GraphQLOperation("query", null, Array.Empty<string>()));
                    }

                    depth++;
                }
                else if (token.Text == "}")
                {
                    depth = Math.Max(0, depth - 1);
                }

                continue;
            }

            if (depth != 0 || token.Kind != GraphQLTokenKind.Name)
            {
                continue;
            }

            if (token.Text is "query" or "mutation" or "subscription")
            {
                i = ReadOperation(tokens, i, operations);
            }
            else if (token.Text == "fragment")
            {
                // Skip to the fragment's selection set so its braces are counted by the loop.
                while (i + 1 < tokens.Count && tokens[i + 1].Text != "{")
                {
                    i++;
                }
            }
        }

        return new GraphQLDocument(operations);
    }

    private static bool IsDefinitionBoundary(IReadOnlyList<GraphQLToken> tokens, int index) =>
        tokens[index - 1].Kind == GraphQLTokenKind.Punctuator && tokens[index - 1].Text == "}";

    private static int ReadOperation(IReadOnlyList<GraphQLToken> tokens, int start, List<GraphQLOperation> operations)
    {
        var type = tokens[start].Text;
        var i = start + 1;
        string? name = null;
        if (i < tokens.Count && tokens[i].Kind == GraphQLTokenKind.Name)
        {
            name = tokens[i].Text;
            i++;
        }

        var variables = new List<string>();
        if (i < tokens.Count && tokens[i].Text == "(")
        {
            var parens = 0;
            for (; i < tokens.Count; i++)
            {
                var text = tokens[i].Text;
                if (text == "(")
                {
                    parens++;
                }
                else if (text == ")")
                {
                    parens--;
                    if (parens == 0)
                    {
                        break;
                    }
                }
                else if (parens == 1 && text == "$" && i + 1 < tokens.Count && tokens[i + 1].Kind == GraphQLTokenKind.Name
                    && i + 2 < tokens.Count && tokens[i + 2].Text == ":")
                {
                    variables.Add(tokens[i + 1].Text);
                }
            }
        }

        operations.Add(new GraphQLOperation(type, name, variables));

        // Stop before the selection set so the caller counts its braces.
        while (i + 1 < tokens.Count && tokens[i + 1].Text != "{")
        {
            i++;
        }

        return i;
    }
}
