using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace Leanly.Completion;

/// <summary>
/// Completes inside the GraphQL document of -Query (Invoke-LeanlyQuery, Test-LeanlyQuery) at the end of the text
/// typed so far: fields, arguments, enum values, types, variables and directives, from the schema of -Schema or the
/// connection. PowerShell does not tell a completer where the cursor is inside a string, so the end of the text stands for it.
/// </summary>
public sealed class QueryTextCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        try
        {
            var argument = QuotedArgument.Parse(wordToComplete, commandAst);
            if (CompletionSchema.Find(fakeBoundParameters) is not { } schema)
            {
                return Array.Empty<CompletionResult>();
            }

            var text = argument.Content;
            return QueryCompleter.Complete(schema, text, text.Length)
                .Select(c => new CompletionResult(argument.Replace(c.ReplaceStart, c.ReplaceLength, c.Text), c.Text, CompletionResultType.ParameterValue, ToolTip(c)))
                .ToList();
        }
        catch (Exception)
        {
            // Completion must never write an error or break the prompt.
            return Array.Empty<CompletionResult>();
        }
    }

    private static string ToolTip(QueryCompletion completion)
    {
        var head = completion.Detail is null ? $"{completion.Text} ({completion.Kind})" : $"{completion.Text}: {completion.Detail}";
        return string.IsNullOrWhiteSpace(completion.Description) ? head : head + Environment.NewLine + completion.Description;
    }
}
