using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace Leanly.Completion;

/// <summary>Completes -Vault with the names Get-SecretVault lists; offers nothing, silently, without SecretManagement.</summary>
public sealed class VaultNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        SecretManagementCompletion.Complete("Microsoft.PowerShell.SecretManagement\\Get-SecretVault", null, wordToComplete, fakeBoundParameters);
}
