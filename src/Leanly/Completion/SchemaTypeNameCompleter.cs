using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace Leanly.Completion;

/// <summary>Completes a type name (Get-LeanlyType -Name) from the schema of -Schema or the connection; the introspection types last.</summary>
public sealed class SchemaTypeNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        try
        {
            if (CompletionSchema.Find(fakeBoundParameters) is not { } schema)
            {
                return Array.Empty<CompletionResult>();
            }

            var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            var pattern = WildcardPattern.ContainsWildcardCharacters(typed) ? new WildcardPattern(typed, WildcardOptions.IgnoreCase) : null;
            return schema.Types
                .Where(t => pattern?.IsMatch(t.Name) ?? t.Name.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .OrderBy(t => t.Name.StartsWith("__", StringComparison.Ordinal))
                .ThenBy(t => t.Name, StringComparer.OrdinalIgnoreCase)
                .Select(t => new CompletionResult(t.Name, t.Name, CompletionResultType.ParameterValue, ToolTip(t)))
                .ToList();
        }
        catch (Exception)
        {
            return Array.Empty<CompletionResult>();
        }
    }

    private static string ToolTip(SchemaType type) =>
        string.IsNullOrWhiteSpace(type.Description) ? $"{type.Name} ({type.Kind})" : $"{type.Name} ({type.Kind}){Environment.NewLine}{type.Description}";
}
