using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace Leanly.Completion;

internal static class SecretManagementCompletion
{
    // Characters that make a name need quotes on the command line.
    private static readonly char[] NeedsQuotes = [' ', '\'', '"', '$', '`', ';', '(', ')', '{', '}', '@', '#', ','];

    public static IEnumerable<CompletionResult> Complete(string command, string? vaultParameter, string wordToComplete, IDictionary fakeBoundParameters)
    {
        var word = (wordToComplete ?? string.Empty).Trim('\'', '"');
        List<string> names;
        try
        {
            using var powerShell = PowerShell.Create(RunspaceMode.CurrentRunspace);

            // Invoking a command whose module is missing records an error in the user's $Error even when caught: look first.
            powerShell.AddCommand("Get-Module").AddParameter("Name", "Microsoft.PowerShell.SecretManagement").AddParameter("ListAvailable");
            if (powerShell.Invoke().Count == 0)
            {
                return Array.Empty<CompletionResult>();
            }

            powerShell.Commands.Clear();
            powerShell.AddCommand(command);
            if (vaultParameter is not null && fakeBoundParameters?[vaultParameter] is { } vault && !string.IsNullOrEmpty(vault.ToString()))
            {
                powerShell.AddParameter(vaultParameter, vault.ToString());
            }

            powerShell.AddParameter("ErrorAction", ActionPreference.Ignore);
            names = powerShell.Invoke()
                .Select(result => result?.Properties["Name"]?.Value?.ToString())
                .Where(name => !string.IsNullOrEmpty(name) && name!.StartsWith(word, StringComparison.OrdinalIgnoreCase))
                .Select(name => name!)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .OrderBy(name => name, StringComparer.OrdinalIgnoreCase)
                .ToList();
        }
        catch (Exception)
        {
            // Completion must never write an error: without SecretManagement (or with a broken vault) it offers nothing.
            return Array.Empty<CompletionResult>();
        }

        return names.Select(name => new CompletionResult(Quote(name), name, CompletionResultType.ParameterValue, name));
    }

    private static string Quote(string name) =>
        name.IndexOfAny(NeedsQuotes) >= 0 ? "'" + name.Replace("'", "''") + "'" : name;
}
