using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace Leanly.Completion;

/// <summary>Completes -SecretName with Get-SecretInfo, filtered by -Vault when it is given.</summary>
public sealed class SecretNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        SecretManagementCompletion.Complete("Microsoft.PowerShell.SecretManagement\\Get-SecretInfo", "Vault", wordToComplete, fakeBoundParameters);
}
