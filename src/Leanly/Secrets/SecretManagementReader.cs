using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Security;
using Leanly.Auth;
using Leanly.Errors;

namespace Leanly.Secrets;

/// <summary>
/// Reads a client credential with Microsoft.PowerShell.SecretManagement\Get-Secret, module-qualified, without -AsPlainText,
/// and turns each failure the real module reports into a LeanlyPS error with its own id and advice.
/// </summary>
internal static class SecretManagementReader
{
    public const string ModuleName = "Microsoft.PowerShell.SecretManagement";
    public const string GetSecretCommand = ModuleName + "\\Get-Secret";
    public const string InstallAdvice = "Install it with: Install-PSResource Microsoft.PowerShell.SecretManagement (or Install-Module Microsoft.PowerShell.SecretManagement), register a vault with Register-SecretVault, then run Connect-Leanly again.";

    /// <summary>Reads with <paramref name="runspace"/> (null: the caller's current runspace, on its pipeline thread).</summary>
    public static ClientCredential Read(string secretName, string? vault, string? clientId, Runspace? runspace)
    {
        using var powerShell = runspace is null ? PowerShell.Create(RunspaceMode.CurrentRunspace) : PowerShell.Create();
        if (runspace is not null)
        {
            powerShell.Runspace = runspace;
        }

        // Looked up first and quietly: running a command that is not there leaves a raw CommandNotFoundException
        // in the user's $Error beside the module's own error. A module that is installed but fails to load goes on
        // to Get-Secret, whose failure says why.
        var found = ReturnsAnything(powerShell.AddCommand("Microsoft.PowerShell.Core\\Get-Command").AddParameter("Name", GetSecretCommand));
        if (!found && !ReturnsAnything(powerShell.AddCommand("Microsoft.PowerShell.Core\\Get-Module").AddParameter("Name", ModuleName).AddParameter("ListAvailable")))
        {
            throw NotInstalled(null);
        }

        powerShell.AddCommand(GetSecretCommand).AddParameter("Name", secretName);
        if (!string.IsNullOrEmpty(vault))
        {
            powerShell.AddParameter("Vault", vault);
        }

        object? secret;
        try
        {
            var results = powerShell.Invoke();
            var error = powerShell.Streams.Error.FirstOrDefault();
            powerShell.Streams.Error.Clear();
            if (error is not null)
            {
                throw Translate(error, secretName, vault);
            }

            secret = results.FirstOrDefault()?.BaseObject;
        }
        catch (CommandNotFoundException ex)
        {
            throw found ? NotInstalled(ex) : CannotLoad(ex);
        }
        catch (RuntimeException ex) when (ex.ErrorRecord?.CategoryInfo.Reason == nameof(CommandNotFoundException)
            || ex.ErrorRecord?.FullyQualifiedErrorId?.StartsWith("CommandNotFoundException", StringComparison.Ordinal) == true)
        {
            throw found ? NotInstalled(ex) : CannotLoad(ex);
        }
        catch (RuntimeException ex) when (ex.ErrorRecord is not null && ex is not PipelineStoppedException)
        {
            throw Translate(ex.ErrorRecord, secretName, vault);
        }

        if (secret is null)
        {
            throw SecretNotFound(secretName, vault, null);
        }

        return ToCredential(secret, secretName, vault, clientId);
    }

    private static bool ReturnsAnything(PowerShell query)
    {
        query.AddParameter("ErrorAction", ActionPreference.Ignore);
        try
        {
            return query.Invoke().Count > 0;
        }
        finally
        {
            query.Commands.Clear();
            query.Streams.ClearStreams();
        }
    }

    internal static ClientCredential ToCredential(object secret, string secretName, string? vault, string? clientId)
    {
        switch (secret)
        {
            case PSCredential credential:
                return new ClientCredential(string.IsNullOrEmpty(clientId) ? credential.UserName : clientId!, credential.Password);
            case Hashtable table:
                return FromHashtable(table, secretName, vault, clientId);
            case SecureString secure:
                return new ClientCredential(RequireClientId(clientId, secretName, "a SecureString"), secure);
            case string text:
                using (var secure = SecureStrings.FromPlainText(text))
                {
                    return new ClientCredential(RequireClientId(clientId, secretName, "a String"), secure);
                }

            default:
                throw WrongShape(secretName, vault, $"is a {Describe(secret)}");
        }
    }

    private static ClientCredential FromHashtable(Hashtable table, string secretName, string? vault, string? clientId)
    {
        object? id = null;
        object? secret = null;
        foreach (DictionaryEntry entry in table)
        {
            var key = entry.Key?.ToString();
            if (string.Equals(key, "ClientId", StringComparison.OrdinalIgnoreCase))
            {
                id = entry.Value;
            }
            else if (string.Equals(key, "ClientSecret", StringComparison.OrdinalIgnoreCase))
            {
                secret = entry.Value;
            }
        }

        var keys = string.Join(", ", table.Keys.Cast<object>().Select(k => k?.ToString()));
        if (secret is null || (id is null && string.IsNullOrEmpty(clientId)))
        {
            throw WrongShape(secretName, vault, $"is a Hashtable with the keys [{keys}], but needs the keys ClientId and ClientSecret");
        }

        var idText = !string.IsNullOrEmpty(clientId) ? clientId! : id switch
        {
            SecureString secureId => SecureStrings.ToPlainText(secureId),
            PSObject { BaseObject: SecureString secureId } => SecureStrings.ToPlainText(secureId),
            _ => id?.ToString() ?? string.Empty,
        };
        switch (secret is PSObject wrapped ? wrapped.BaseObject : secret)
        {
            case SecureString secure:
                return new ClientCredential(idText, secure);
            case string text:
                using (var secure = SecureStrings.FromPlainText(text))
                {
                    return new ClientCredential(idText, secure);
                }

            default:
                throw WrongShape(secretName, vault, $"has a ClientSecret of type {Describe(secret)}, where a SecureString or String was expected");
        }
    }

    private static string RequireClientId(string? clientId, string secretName, string what)
    {
        if (!string.IsNullOrEmpty(clientId))
        {
            return clientId!;
        }

        throw new LeanlyCredentialException(
            LeanlyErrorKind.ClientIdMissing,
            $"The secret '{secretName}' is {what}, which holds only the client secret, so the client id is needed too.",
            $"Add -ClientId to Connect-Leanly, or store the secret as a PSCredential (Set-Secret -Name {secretName} -Secret (Get-Credential)) or a Hashtable @{{ClientId='...'; ClientSecret='...'}}.",
            secretName);
    }

    private static LeanlyCredentialException Translate(ErrorRecord error, string secretName, string? vault)
    {
        var id = error.FullyQualifiedErrorId ?? string.Empty;
        var exception = error.Exception;
        var typeName = exception?.GetType().FullName ?? string.Empty;
        var message = exception?.Message ?? string.Empty;
        if (id.StartsWith("GetSecretVaultNotFound", StringComparison.Ordinal) || message.StartsWith("Vault not found in registry", StringComparison.Ordinal))
        {
            return new LeanlyCredentialException(
                LeanlyErrorKind.VaultNotFound,
                $"There is no SecretManagement vault named '{vault}'.",
                "List the registered vaults with Get-SecretVault and pass one of their names to -Vault, or register the vault with Register-SecretVault.",
                vault,
                exception);
        }

        if (typeName.EndsWith("PasswordRequiredException", StringComparison.Ordinal)
            || id.Contains("PasswordRequiredException")
            || InnerIsPasswordRequired(exception)
            || message.IndexOf("password is required", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            var name = string.IsNullOrEmpty(vault) ? "<vault name>" : vault;
            return new LeanlyCredentialException(
                LeanlyErrorKind.VaultLocked,
                $"The SecretManagement vault{(string.IsNullOrEmpty(vault) ? string.Empty : $" '{vault}'")} is locked, so the secret '{secretName}' could not be read.",
                $"Unlock it with: Unlock-SecretVault -Name {name} (a script can pass -Password). For unattended runs (runbooks, pipelines), turn the store's password off once: Set-SecretStoreConfiguration -Authentication None -Interaction None -Password <its current password>.",
                vault ?? (object)secretName,
                exception);
        }

        if (id.StartsWith("GetSecretNotFound", StringComparison.Ordinal) || exception is ItemNotFoundException)
        {
            return SecretNotFound(secretName, vault, exception);
        }

        return new LeanlyCredentialException(
            LeanlyErrorKind.SecretReadFailed,
            $"Reading the secret '{secretName}' with SecretManagement failed: {Redactor.Redact(message)}",
            "Check the vault with Test-SecretVault, then try again.",
            secretName,
            exception);
    }

    private static bool InnerIsPasswordRequired(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current.GetType().Name == "PasswordRequiredException")
            {
                return true;
            }
        }

        return false;
    }

    private static LeanlyCredentialException SecretNotFound(string secretName, string? vault, Exception? inner) =>
        new(
            LeanlyErrorKind.SecretNotFound,
            string.IsNullOrEmpty(vault)
                ? $"No registered SecretManagement vault holds a secret named '{secretName}'."
                : $"The vault '{vault}' holds no secret named '{secretName}'.",
            $"List the secrets with Get-SecretInfo{(string.IsNullOrEmpty(vault) ? string.Empty : $" -Vault {vault}")}, or store the client credential with Set-Secret -Name {secretName} -Secret (Get-Credential).",
            secretName,
            inner);

    private static LeanlyCredentialException CannotLoad(Exception inner) =>
        new(
            LeanlyErrorKind.SecretManagementNotInstalled,
            $"Microsoft.PowerShell.SecretManagement is installed but could not be loaded: {Redactor.Redact(inner.Message)}",
            "Run Import-Module Microsoft.PowerShell.SecretManagement to see why it fails, repair or reinstall it (Install-PSResource Microsoft.PowerShell.SecretManagement -Reinstall), then run Connect-Leanly again.",
            ModuleName,
            inner);

    private static LeanlyCredentialException NotInstalled(Exception? inner) =>
        new(
            LeanlyErrorKind.SecretManagementNotInstalled,
            "Connect-Leanly -SecretName needs the Microsoft.PowerShell.SecretManagement module, which is not installed in this session.",
            InstallAdvice,
            "Microsoft.PowerShell.SecretManagement",
            inner);

    private static LeanlyCredentialException WrongShape(string secretName, string? vault, string what) =>
        new(
            LeanlyErrorKind.SecretInvalidShape,
            $"The secret '{secretName}'{(string.IsNullOrEmpty(vault) ? string.Empty : $" in vault '{vault}'")} {what}. Connect-Leanly accepts a PSCredential (user name = client id), a Hashtable with ClientId and ClientSecret, or a SecureString together with -ClientId.",
            $"Store it again in one of those shapes, for example: Set-Secret -Name {secretName} -Secret (Get-Credential -UserName <client id>).",
            secretName);

    private static string Describe(object? value) => value switch
    {
        null => "null",
        byte[] => "byte[] (ByteArray)",
        _ => value.GetType().Name,
    };
}
