using System;
using System.Collections.Generic;
using System.Linq;
using Leanly.GraphQL.Completion;

namespace Leanly;

/// <summary>
/// Completion inside a half-typed GraphQL document, after the GraphQL language service's getAutocompleteSuggestions:
/// fields of the selection set at the cursor, arguments, enum values, type names after <c>on</c> and in variable
/// definitions, declared variables after <c>$</c>, directives after <c>@</c>, operation keywords at the top.
/// One pass over the text before the cursor, never an exception for bad input.
/// </summary>
public static class QueryCompleter
{
    private static readonly string[] OperationKeywords = { "query", "mutation", "subscription", "fragment" };

    public static IReadOnlyList<QueryCompletion> Complete(Schema schema, string text, int cursor)
    {
        if (schema is null)
        {
            throw new ArgumentNullException(nameof(schema));
        }

        text ??= string.Empty;
        cursor = Math.Max(0, Math.Min(cursor, text.Length));
        var start = cursor;
        while (start > 0 && CompletionScanner.IsNamePart(text[start - 1]))
        {
            start--;
        }

        var end = cursor;
        while (end < text.Length && CompletionScanner.IsNamePart(text[end]))
        {
            end++;
        }

        var marker = start > 0 ? text[start - 1] : '\0';
        var scanEnd = marker is '$' or '@' ? start - 1 : start;
        var tokens = CompletionScanner.Scan(text, scanEnd);
        if (InsideStringOrComment(text, scanEnd))
        {
            return Array.Empty<QueryCompletion>();
        }

        var walk = new CompletionWalk(schema);
        walk.Run(tokens);
        var prefix = text.Substring(start, cursor - start);
        var results = new List<QueryCompletion>();
        void Add(string name, QueryCompletionKind kind, string? detail, string? description)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                results.Add(new QueryCompletion { Text = name, ReplaceStart = start, ReplaceLength = end - start, Kind = kind, Detail = detail, Description = description });
            }
        }

        var frame = walk.Top;
        var last = tokens.Count > 0 ? tokens[tokens.Count - 1] : default;
        if (marker == '$')
        {
            if (frame?.Kind != 'v')
            {
                foreach (var (name, type) in walk.Variables)
                {
                    Add(name, QueryCompletionKind.Variable, type, null);
                }
            }
        }
        else if (marker == '@')
        {
            var location = frame is null ? walk.OperationLocation : frame.Kind == 'v' ? "VARIABLE_DEFINITION" : frame.Kind == 's' ? (frame.AfterSpread ? "INLINE_FRAGMENT" : "FIELD") : null;
            foreach (var directive in schema.Directives)
            {
                if (location is null || directive.Locations.Contains(location) || (location == "INLINE_FRAGMENT" && directive.Locations.Contains("FRAGMENT_SPREAD")))
                {
                    Add(directive.Name, QueryCompletionKind.Directive, null, directive.Description);
                }
            }
        }
        else if (last.Kind == 'n' && last.Text == "on" && (frame is null || frame.Kind == 's'))
        {
            foreach (var type in TypeConditions(schema, frame?.Type))
            {
                Add(type.Name, QueryCompletionKind.Type, type.Kind.ToString(), type.Description);
            }
        }
        else if (frame is null)
        {
            if (tokens.Count == 0 || last.Kind == '}')
            {
                foreach (var keyword in OperationKeywords)
                {
                    if ((keyword != "mutation" || schema.MutationType is not null) && (keyword != "subscription" || schema.SubscriptionType is not null))
                    {
                        Add(keyword, QueryCompletionKind.Operation, null, null);
                    }
                }
            }
        }
        else if (frame.Kind == 'v')
        {
            if (last.Kind is ':' or '[')
            {
                foreach (var type in schema.Types)
                {
                    if (type.Kind is SchemaTypeKind.Scalar or SchemaTypeKind.Enum or SchemaTypeKind.InputObject)
                    {
                        Add(type.Name, QueryCompletionKind.Type, type.Kind.ToString(), type.Description);
                    }
                }
            }
        }
        else if (frame.Kind == 's')
        {
            if (last.Kind != '.' && !frame.AfterSpread && last.Kind != '@' && schema.FindType(frame.Type ?? string.Empty) is { } type)
            {
                foreach (var field in type.Fields)
                {
                    Add(field.Name, QueryCompletionKind.Field, field.Type, field.Description);
                }

                Add("__typename", QueryCompletionKind.Field, "String!", "The name of the current Object type at runtime.");
            }
        }
        else if (frame.Kind == 'l' || frame.ExpectValue)
        {
            var valueType = frame.Kind == 'l' ? frame.Type : frame.CurrentArgument?.NamedType;
            if (schema.FindType(valueType ?? string.Empty) is { Kind: SchemaTypeKind.Enum } enumType)
            {
                foreach (var value in enumType.EnumValues)
                {
                    Add(value.Name, QueryCompletionKind.EnumValue, enumType.Name, value.Description);
                }
            }
        }
        else if (frame.Arguments is not null)
        {
            foreach (var argument in frame.Arguments)
            {
                if (!frame.Given.Contains(argument.Name))
                {
                    Add(argument.Name, QueryCompletionKind.Argument, argument.Type, argument.Description);
                }
            }
        }

        return results;
    }

    /// <summary>The names of the named operations of a document, in order (for -OperationName).</summary>
    public static IReadOnlyList<string> OperationNames(string document)
    {
        var names = new List<string>();
        if (string.IsNullOrEmpty(document))
        {
            return names;
        }

        var tokens = CompletionScanner.Scan(document, document.Length);
        var depth = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind is '{' or '(')
            {
                depth++;
            }
            else if (token.Kind is '}' or ')')
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (depth == 0 && token.Kind == 'n' && token.Text is "query" or "mutation" or "subscription" && i + 1 < tokens.Count && tokens[i + 1].Kind == 'n')
            {
                names.Add(tokens[i + 1].Text);
            }
        }

        return names;
    }

    private static IEnumerable<SchemaType> TypeConditions(Schema schema, string? parentType)
    {
        var parent = parentType is null ? null : schema.FindType(parentType);
        if (parent is null)
        {
            return schema.Types.Where(t => t.Kind is SchemaTypeKind.Object or SchemaTypeKind.Interface or SchemaTypeKind.Union && !t.Name.StartsWith("__", StringComparison.Ordinal));
        }

        var names = new List<string> { parent.Name };
        names.AddRange(parent.PossibleTypes);
        names.AddRange(parent.Interfaces);
        return names.Distinct(StringComparer.Ordinal).Select(schema.FindType).Where(t => t is not null)!;
    }

    private static bool InsideStringOrComment(string text, int end)
    {
        var inString = false;
        for (var i = 0; i < end; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"' || c == '\n')
                {
                    inString = false;
                }
            }
            else if (c == '"')
            {
                if (i + 2 < text.Length && text[i + 1] == '"' && text[i + 2] == '"')
                {
                    var close = text.IndexOf("\"\"\"", i + 3, StringComparison.Ordinal);
                    if (close < 0 || close >= end)
                    {
                        return true;
                    }

                    i = close + 2;
                }
                else
                {
                    inString = true;
                }
            }
            else if (c == '#')
            {
                while (i < end && text[i] != '\n')
                {
                    i++;
                }

                if (i >= end)
                {
                    return true;
                }
            }
        }

        return inString;
    }
}
