using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace Leanly.Completion;

/// <summary>Completes -OperationName with the named operations of the document in -Query or the file in -Path; needs no schema.</summary>
public sealed class OperationNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        try
        {
            if (Document(fakeBoundParameters) is not { } document)
            {
                return Array.Empty<CompletionResult>();
            }

            var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return QueryCompleter.OperationNames(document)
                .Where(name => name.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .Distinct(StringComparer.Ordinal)
                .Select(name => new CompletionResult(name, name, CompletionResultType.ParameterValue, name))
                .ToList();
        }
        catch (Exception)
        {
            return Array.Empty<CompletionResult>();
        }
    }

    private static string? Document(IDictionary fakeBoundParameters)
    {
        if (CompletionSchema.Bound(fakeBoundParameters, "Query") is string query)
        {
            return query;
        }

        var file = CompletionSchema.Bound(fakeBoundParameters, "Path") as string ?? CompletionSchema.Bound(fakeBoundParameters, "LiteralPath") as string;
        return file is not null && CompletionSchema.ResolvePath(file) is { } fullPath && File.Exists(fullPath) ? File.ReadAllText(fullPath) : null;
    }
}
