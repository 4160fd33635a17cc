using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace Leanly.GraphQL;

/// <summary>
/// What LeanlyPS needs to know of a document without parsing it fully: its operations, their types and variables.
/// The document itself is always sent exactly as written.
/// </summary>
public sealed class GraphQLDocument
{
    // A loop or a pipeline batch sends one document many times: it is inspected once, not once per request.
    private static Tuple<string, GraphQLDocument>? _last;

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
        var last = Volatile.Read(ref _last);
        if (last is not null && string.Equals(last.Item1, document, StringComparison.Ordinal))
        {
            return last.Item2;
        }

        var inspected = InspectText(document);
        Volatile.Write(ref _last, Tuple.Create(document, inspected));
        return inspected;
    }

    private static GraphQLDocument InspectText(string document)
    {
        var tokens = GraphQLLexer.Tokenize(document);
        var operations = new List<GraphQLOperation>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind == GraphQLTokenKind.Punctuator && token.Text == "{")
            {
                operations.Add(new GraphQLOperation("query", null, Array.Empty<string>()));
                i = SkipBalanced(tokens, i);
            }
            else if (token.Kind == GraphQLTokenKind.Name && token.Text is "query" or "mutation" or "subscription")
            {
                i = ReadOperation(tokens, i, operations);
            }
            else if (token.Kind == GraphQLTokenKind.Name && token.Text == "fragment")
            {
                i = SkipToSelectionSetEnd(tokens, i + 1);
            }
        }

        return new GraphQLDocument(operations.AsReadOnly());
    }

    private static int ReadOperation(List<GraphQLToken> tokens, int start, List<GraphQLOperation> operations)
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
            var end = SkipBalanced(tokens, i);
            var depth = 0;
            for (var j = i; j <= end && j < tokens.Count; j++)
            {
                var text = tokens[j].Text;
                if (tokens[j].Kind == GraphQLTokenKind.Punctuator && text is "(" or "[" or "{")
                {
                    depth++;
                }
                else if (tokens[j].Kind == GraphQLTokenKind.Punctuator && text is ")" or "]" or "}")
                {
                    depth--;
                }
                else if (depth == 1 && text == "$" && j + 2 < tokens.Count && tokens[j + 1].Kind == GraphQLTokenKind.Name && tokens[j + 2].Text == ":")
                {
                    variables.Add(tokens[j + 1].Text);
                }
            }

            i = end + 1;
        }

        operations.Add(new GraphQLOperation(type, name, variables.AsReadOnly()));
        return SkipToSelectionSetEnd(tokens, i);
    }

    /// <summary>From <paramref name="i"/>, skips directives and their arguments to the selection set, and returns the index of its closing brace.</summary>
    private static int SkipToSelectionSetEnd(List<GraphQLToken> tokens, int i)
    {
        while (i < tokens.Count)
        {
            var token = tokens[i];
            if (token.Kind == GraphQLTokenKind.Punctuator && token.Text == "{")
            {
                return SkipBalanced(tokens, i);
            }

            i = token.Kind == GraphQLTokenKind.Punctuator && token.Text is "(" or "[" ? SkipBalanced(tokens, i) + 1 : i + 1;
        }

        return tokens.Count;
    }

    /// <summary>The index of the bracket that closes the one at <paramref name="open"/>, counting (), [] and {} together.</summary>
    private static int SkipBalanced(List<GraphQLToken> tokens, int open)
    {
        var depth = 0;
        for (var i = open; i < tokens.Count; i++)
        {
            if (tokens[i].Kind != GraphQLTokenKind.Punctuator)
            {
                continue;
            }

            switch (tokens[i].Text)
            {
                case "(" or "[" or "{":
                    depth++;
                    break;
                case ")" or "]" or "}":
                    depth--;
                    if (depth == 0)
                    {
                        return i;
                    }

                    break;
            }
        }

        return tokens.Count;
    }
}
