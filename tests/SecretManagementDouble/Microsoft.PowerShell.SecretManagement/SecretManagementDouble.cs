// TEST DOUBLE of Microsoft.PowerShell.SecretManagement 1.1.2 for the LeanlyPS tests. NOT the real module.
// Compiled once per process by Microsoft.PowerShell.SecretManagement.psm1 (Add-Type). The cmdlet classes carry the
// real module's type names, so the FullyQualifiedErrorIds match the real ones exactly
// (e.g. GetSecretNotFound,Microsoft.PowerShell.SecretManagement.GetSecretCommand).
// Behaviour reproduced: the project's shared note SECRETMANAGEMENT.md (beside the repository), checked against the real
// modules by tests/Secrets.Tests.ps1. State: a JSON file (LEANLY_SECRETDOUBLE_STORE, else
// $HOME/.secretmanagement-double/store.json), read on every call. Secrets are stored IN PLAIN TEXT: test data only.
// As with the real SecretStore, every vault registered with the module Microsoft.PowerShell.SecretStore is a name for
// the same store; a vault of any other module name has a store of its own. A vault registered with VaultParameters
// @{ Locked = $true } is locked in every new process until Unlock-SecretVault, as a SecretStore with a password is.
using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Security;
using System.Text.Json.Nodes;
using System.Threading;

namespace Microsoft.PowerShell.SecretManagement
{
    /// <summary>Thrown when a vault needs a password (SecretStore in password mode, not unlocked).</summary>
    public sealed class PasswordRequiredException : InvalidOperationException
    {
        public PasswordRequiredException() : base(DoubleStore.PasswordRequiredMessage) { }
        public PasswordRequiredException(string message) : base(message) { }
        public PasswordRequiredException(string message, Exception innerException) : base(message, innerException) { }
    }

    public enum SecretType { Unknown = 0, ByteArray, String, SecureString, PSCredential, Hashtable }

    public sealed class SecretInformation
    {
        public SecretInformation(string name, SecretType type, string vaultName, ReadOnlyDictionary<string, object> metadata)
        {
            Name = name; Type = type; VaultName = vaultName; Metadata = metadata;
        }
        public string Name { get; }
        public SecretType Type { get; }
        public string VaultName { get; }
        public ReadOnlyDictionary<string, object> Metadata { get; }
    }

    public sealed class SecretVaultInfo
    {
        public SecretVaultInfo(string name, string moduleName, string description, IReadOnlyDictionary<string, object> parameters, bool isDefault)
        {
            Name = name; ModuleName = moduleName; Description = description; VaultParameters = parameters; IsDefault = isDefault;
        }
        public string Name { get; }
        public string ModuleName { get; }
        public string ModulePath { get { return null; } }
        public string Description { get; }
        public IReadOnlyDictionary<string, object> VaultParameters { get; }
        public bool IsDefault { get; }
    }

    /// <summary>The JSON state: { "vaults": [ {name, moduleName, description, isDefault, locked, parameters} ], "secrets": [ {vault, name, type, value, metadata} ] }.</summary>
    internal sealed class DoubleStore
    {
        public const string PasswordRequiredMessage =
            "A valid password is required to access the Microsoft.PowerShell.SecretStore vault.\n" +
            "Use the Unlock-SecretStore cmdlet to provide the required password to access the store.";
        public const string NoVaultsMessage =
            "There are currently no extension vaults registered.\n" +
            "At least one vault must be registered before SecretManagement can add or retrieve secrets.\n" +
            "You can download SecretManagement extension vault modules from PowerShellGallery.\n" +
            "https://aka.ms/SecretManagementVaults";

        private static readonly object Gate = new object();
        private JsonObject _root;

        private DoubleStore(JsonObject root) { _root = root; }

        public static string StorePath
        {
            get
            {
                var path = Environment.GetEnvironmentVariable("LEANLY_SECRETDOUBLE_STORE");
                if (!string.IsNullOrEmpty(path)) return path;
                var home = Environment.GetEnvironmentVariable("HOME");
                if (string.IsNullOrEmpty(home)) home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
                return Path.Combine(home, ".secretmanagement-double", "store.json");
            }
        }

        public JsonArray Vaults { get { return (JsonArray)_root["vaults"]; } }
        public JsonArray Secrets { get { return (JsonArray)_root["secrets"]; } }

        public static DoubleStore Load()
        {
            var path = StorePath;
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    JsonObject root = null;
                    if (File.Exists(path))
                    {
                        var text = File.ReadAllText(path);
                        if (!string.IsNullOrWhiteSpace(text)) root = JsonNode.Parse(text) as JsonObject;
                    }
                    root = root ?? new JsonObject();
                    if (!(root["vaults"] is JsonArray)) root["vaults"] = new JsonArray();
                    if (!(root["secrets"] is JsonArray)) root["secrets"] = new JsonArray();
                    return new DoubleStore(root);
                }
                catch (IOException) when (attempt < 20) { Thread.Sleep(25); }
            }
        }

        /// <summary>Load, change, save, under a process-wide lock; the write is atomic (temp file + rename).</summary>
        public static void Update(Action<DoubleStore> change)
        {
            lock (Gate)
            {
                var store = Load();
                change(store);
                var path = StorePath;
                var directory = Path.GetDirectoryName(Path.GetFullPath(path));
                Directory.CreateDirectory(directory);
                var temp = Path.Combine(directory, Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
                File.WriteAllText(temp, store._root.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
                File.Move(temp, path, true);
            }
        }

        public JsonObject FindVault(string name)
        {
            return Vaults.OfType<JsonObject>().FirstOrDefault(v => string.Equals((string)v["name"], name, StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>Every vault, the default one first, then the others by name.</summary>
        public List<JsonObject> OrderedVaults()
        {
            return Vaults.OfType<JsonObject>()
                .OrderBy(v => IsDefault(v) ? 0 : 1)
                .ThenBy(v => (string)v["name"], StringComparer.OrdinalIgnoreCase)
                .ToList();
        }

        public JsonObject FindSecret(JsonObject vault, string name)
        {
            return SecretsIn(vault).FirstOrDefault(s => string.Equals((string)s["name"], name, StringComparison.OrdinalIgnoreCase));
        }

        public IEnumerable<JsonObject> SecretsIn(JsonObject vault)
        {
            var storage = StorageOf(vault);
            return Secrets.OfType<JsonObject>().Where(s => string.Equals((string)s["storage"], storage, StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>Where a vault's secrets live: one store for all SecretStore vaults (as for real), else the vault's own.</summary>
        public static string StorageOf(JsonObject vault)
        {
            const string secretStore = "Microsoft.PowerShell.SecretStore";
            return string.Equals((string)vault["moduleName"], secretStore, StringComparison.OrdinalIgnoreCase) ? "module:" + secretStore : "vault:" + NameOf(vault);
        }

        // Vaults unlocked in this process: like a SecretStore password, an unlock does not outlive the process.
        private static readonly HashSet<string> UnlockedInProcess = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        public static void SetUnlocked(string vaultName, bool unlocked)
        {
            lock (UnlockedInProcess)
            {
                if (unlocked) UnlockedInProcess.Add(vaultName); else UnlockedInProcess.Remove(vaultName);
            }
        }

        public static bool IsDefault(JsonObject vault) { return vault["isDefault"] != null && (bool)vault["isDefault"]; }

        public static bool IsLocked(JsonObject vault)
        {
            if (vault["locked"] == null || !(bool)vault["locked"]) return false;
            lock (UnlockedInProcess) { return !UnlockedInProcess.Contains(NameOf(vault)); }
        }
        public static string NameOf(JsonObject node) { return (string)node["name"]; }

        // ---- secret values <-> JSON ----

        public static string Plain(SecureString secure)
        {
            return new NetworkCredential(string.Empty, secure).Password;
        }

        public static SecureString Secure(string text)
        {
            var secure = new SecureString();
            foreach (var c in text ?? string.Empty) secure.AppendChar(c);
            secure.MakeReadOnly();
            return secure;
        }

        private static object Unwrap(object value)
        {
            var wrapped = value as PSObject;
            return wrapped != null ? wrapped.BaseObject : value;
        }

        /// <summary>The stored kind and its JSON form; throws ArgumentException for a type SecretManagement does not store.</summary>
        public static JsonNode Encode(object secret, out SecretType type, bool inHashtable = false)
        {
            secret = Unwrap(secret);
            if (secret is byte[] bytes) { type = SecretType.ByteArray; return JsonValue.Create(Convert.ToBase64String(bytes)); }
            if (secret is string text) { type = SecretType.String; return JsonValue.Create(text); }
            if (secret is SecureString secure) { type = SecretType.SecureString; return JsonValue.Create(Plain(secure)); }
            if (secret is PSCredential credential)
            {
                type = SecretType.PSCredential;
                return new JsonObject { ["userName"] = credential.UserName, ["password"] = Plain(credential.Password) };
            }
            if (secret is Hashtable table && !inHashtable)
            {
                type = SecretType.Hashtable;
                var entries = new JsonObject();
                foreach (DictionaryEntry entry in table)
                {
                    SecretType valueType;
                    var encoded = Encode(entry.Value, out valueType, inHashtable: true);
                    entries[entry.Key.ToString()] = new JsonObject { ["type"] = valueType.ToString(), ["value"] = encoded };
                }
                return entries;
            }
            throw new ArgumentException(string.Format(
                "Invalid secret type: {0}. The supported types are byte[], string, SecureString, PSCredential and Hashtable{1}.",
                secret == null ? "null" : secret.GetType().FullName,
                inHashtable ? " (a Hashtable's values: byte[], string, SecureString, PSCredential)" : string.Empty));
        }

        /// <summary>The object Get-Secret returns for a stored secret (see the table in SECRETMANAGEMENT.md).</summary>
        public static object Decode(SecretType type, JsonNode value, bool asPlainText, bool inHashtable = false)
        {
            switch (type)
            {
                case SecretType.ByteArray:
                    return Convert.FromBase64String((string)value);
                case SecretType.String:
                case SecretType.SecureString:
                    return asPlainText ? (object)(string)value : Secure((string)value);
                case SecretType.PSCredential:
                    return new PSCredential((string)value["userName"], Secure((string)value["password"]));
                case SecretType.Hashtable:
                    var table = new Hashtable(StringComparer.OrdinalIgnoreCase);
                    foreach (var entry in (JsonObject)value)
                    {
                        var valueType = (SecretType)Enum.Parse(typeof(SecretType), (string)entry.Value["type"]);
                        table[entry.Key] = Decode(valueType, entry.Value["value"], asPlainText, inHashtable: true);
                    }
                    return table;
                default:
                    throw new InvalidOperationException("The double's store holds a secret of unknown type " + type + ".");
            }
        }

        public static SecretType TypeOf(JsonObject secret)
        {
            return (SecretType)Enum.Parse(typeof(SecretType), (string)secret["type"]);
        }

        public static ReadOnlyDictionary<string, object> MetadataOf(JsonObject secret)
        {
            var metadata = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
            var stored = secret["metadata"] as JsonObject;
            if (stored != null)
            {
                foreach (var entry in stored) metadata[entry.Key] = entry.Value == null ? null : (object)entry.Value.ToString();
            }
            return new ReadOnlyDictionary<string, object>(metadata);
        }

        public static IReadOnlyDictionary<string, object> ParametersOf(JsonObject vault)
        {
            var parameters = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
            var stored = vault["parameters"] as JsonObject;
            if (stored != null)
            {
                foreach (var entry in stored) parameters[entry.Key] = entry.Value == null ? null : (object)entry.Value.ToString();
            }
            return new ReadOnlyDictionary<string, object>(parameters);
        }

        public static bool Matches(string pattern, string value)
        {
            return WildcardPattern.Get(string.IsNullOrEmpty(pattern) ? "*" : pattern, WildcardOptions.IgnoreCase).IsMatch(value);
        }
    }

    internal static class Errors
    {
        public static ErrorRecord VaultNotFound(string vault, string errorId, object target)
        {
            return new ErrorRecord(new PSInvalidOperationException("Vault not found in registry: " + vault), errorId, ErrorCategory.ObjectNotFound, target);
        }
    }

    [Cmdlet(VerbsCommon.Get, "Secret", DefaultParameterSetName = "NameParameterSet")]
    [OutputType(typeof(object))]
    public sealed class GetSecretCommand : PSCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "NameParameterSet")]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; }

        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = "InfoParameterSet")]
        [ValidateNotNull]
        public SecretInformation InputObject { get; set; }

        [Parameter(Position = 1, ParameterSetName = "NameParameterSet")]
        public string Vault { get; set; }

        [Parameter]
        public SwitchParameter AsPlainText { get; set; }

        protected override void ProcessRecord()
        {
            var name = InputObject != null ? InputObject.Name : Name;
            var vaultName = InputObject != null ? InputObject.VaultName : Vault;
            var store = DoubleStore.Load();
            if (!string.IsNullOrEmpty(vaultName))
            {
                var vault = store.FindVault(vaultName);
                if (vault == null)
                {
                    ThrowTerminatingError(Errors.VaultNotFound(vaultName, "GetSecretVaultNotFound", this));
                }
                if (DoubleStore.IsLocked(vault))
                {
                    // Non-terminating, as in the real module: with -Vault the vault's exception becomes an error record.
                    WriteError(new ErrorRecord(new PasswordRequiredException(), "GetSecretException", ErrorCategory.InvalidOperation, this));
                    return;
                }
                if (TryWrite(store, vault, name)) return;
            }
            else
            {
                var vaults = store.OrderedVaults();
                if (vaults.Count == 0)
                {
                    WriteWarning(DoubleStore.NoVaultsMessage);
                }
                foreach (var vault in vaults)
                {
                    if (DoubleStore.IsLocked(vault))
                    {
                        // Not an ErrorRecord: the real module lets the vault's exception escape, so PowerShell names the
                        // error after the exception type: Microsoft.PowerShell.SecretManagement.PasswordRequiredException,...GetSecretCommand.
                        throw new PasswordRequiredException();
                    }
                    if (TryWrite(store, vault, name)) return;
                }
            }

            WriteError(new ErrorRecord(
                new ItemNotFoundException(string.Format("The secret {0} was not found.", name)),
                "GetSecretNotFound",
                ErrorCategory.ObjectNotFound,
                this));
        }

        private bool TryWrite(DoubleStore store, JsonObject vault, string name)
        {
            var secret = store.FindSecret(vault, name);
            if (secret == null) return false;
            WriteObject(DoubleStore.Decode(DoubleStore.TypeOf(secret), secret["value"], AsPlainText));
            return true;
        }
    }

    [Cmdlet(VerbsCommon.Get, "SecretInfo")]
    [OutputType(typeof(SecretInformation))]
    public sealed class GetSecretInfoCommand : PSCmdlet
    {
        [Parameter(Position = 0)]
        public string Name { get; set; }

        [Parameter(Position = 1)]
        public string Vault { get; set; }

        protected override void EndProcessing()
        {
            var store = DoubleStore.Load();
            IEnumerable<JsonObject> vaults;
            if (!string.IsNullOrEmpty(Vault))
            {
                var vault = store.FindVault(Vault);
                if (vault == null)
                {
                    ThrowTerminatingError(Errors.VaultNotFound(Vault, "GetSecretInfoVaultNotFound", this));
                }
                vaults = new[] { vault };
            }
            else
            {
                vaults = store.OrderedVaults();
            }

            foreach (var vault in vaults)
            {
                if (DoubleStore.IsLocked(vault))
                {
                    WriteError(new ErrorRecord(new PasswordRequiredException(), "GetSecretInfoException", ErrorCategory.InvalidOperation, this));
                    continue;
                }
                var vaultName = DoubleStore.NameOf(vault);
                foreach (var secret in store.SecretsIn(vault)
                    .Where(s => DoubleStore.Matches(Name, DoubleStore.NameOf(s)))
                    .OrderBy(s => DoubleStore.NameOf(s), StringComparer.OrdinalIgnoreCase))
                {
                    WriteObject(new SecretInformation(DoubleStore.NameOf(secret), DoubleStore.TypeOf(secret), vaultName, DoubleStore.MetadataOf(secret)));
                }
            }
        }
    }

    [Cmdlet(VerbsCommon.Set, "Secret", DefaultParameterSetName = "ObjectParameterSet")]
    public sealed class SetSecretCommand : PSCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; }

        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ParameterSetName = "ObjectParameterSet")]
        [ValidateNotNull]
        public object Secret { get; set; }

        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = "SecureStringParameterSet")]
        [ValidateNotNull]
        public SecureString SecureStringSecret { get; set; }

        [Parameter(Position = 2)]
        public string Vault { get; set; }

        [Parameter]
        public Hashtable Metadata { get; set; }

        [Parameter]
        public SwitchParameter NoClobber { get; set; }

        protected override void ProcessRecord()
        {
            SecretType type;
            JsonNode value;
            try
            {
                value = DoubleStore.Encode(SecureStringSecret ?? Secret, out type);
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "SetSecretInvalidSecretType", ErrorCategory.InvalidArgument, Secret));
                return;
            }

            ErrorRecord failure = null;
            DoubleStore.Update(store =>
            {
                JsonObject vault;
                if (!string.IsNullOrEmpty(Vault))
                {
                    vault = store.FindVault(Vault);
                    if (vault == null) { failure = Errors.VaultNotFound(Vault, "SetSecretVaultNotFound", this); return; }
                }
                else
                {
                    if (store.Vaults.Count == 0)
                    {
                        failure = new ErrorRecord(new PSInvalidOperationException(DoubleStore.NoVaultsMessage), "SetSecretNoVaults", ErrorCategory.InvalidOperation, this);
                        return;
                    }
                    vault = store.Vaults.OfType<JsonObject>().FirstOrDefault(DoubleStore.IsDefault);
                    if (vault == null)
                    {
                        failure = new ErrorRecord(new PSInvalidOperationException("No default vault is registered: pass -Vault, or make a vault the default with Set-SecretVaultDefault."), "SetSecretNoDefaultVault", ErrorCategory.InvalidOperation, this);
                        return;
                    }
                }
                if (DoubleStore.IsLocked(vault))
                {
                    failure = new ErrorRecord(new PasswordRequiredException(), "SetSecretException", ErrorCategory.InvalidOperation, this);
                    return;
                }

                var vaultName = DoubleStore.NameOf(vault);
                var existing = store.FindSecret(vault, Name);
                if (existing != null && NoClobber)
                {
                    failure = new ErrorRecord(new PSInvalidOperationException(string.Format("A secret with name {0} already exists in vault {1}.", Name, vaultName)), "SetSecretNoClobber", ErrorCategory.ResourceExists, this);
                    return;
                }

                JsonObject metadata = null;
                if (Metadata != null)
                {
                    metadata = new JsonObject();
                    foreach (DictionaryEntry entry in Metadata) metadata[entry.Key.ToString()] = entry.Value == null ? null : entry.Value.ToString();
                }
                else if (existing != null)
                {
                    metadata = existing["metadata"] == null ? null : (JsonObject)JsonNode.Parse(existing["metadata"].ToJsonString());
                }
                if (existing != null) store.Secrets.Remove(existing);
                store.Secrets.Add(new JsonObject { ["storage"] = DoubleStore.StorageOf(vault), ["name"] = Name, ["type"] = type.ToString(), ["value"] = value, ["metadata"] = metadata });
            });
            if (failure != null) ThrowTerminatingError(failure);
        }
    }

    [Cmdlet(VerbsCommon.Remove, "Secret")]
    public sealed class RemoveSecretCommand : PSCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; }

        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Vault { get; set; }

        protected override void ProcessRecord()
        {
            ErrorRecord failure = null;
            DoubleStore.Update(store =>
            {
                var vault = store.FindVault(Vault);
                if (vault == null) { failure = Errors.VaultNotFound(Vault, "RemoveSecretVaultNotFound", this); return; }
                if (DoubleStore.IsLocked(vault)) { failure = new ErrorRecord(new PasswordRequiredException(), "RemoveSecretException", ErrorCategory.InvalidOperation, this); return; }
                var secret = store.FindSecret(vault, Name);
                if (secret == null)
                {
                    failure = new ErrorRecord(new ItemNotFoundException(string.Format("The secret {0} was not found.", Name)), "RemoveSecretNotFound", ErrorCategory.ObjectNotFound, this);
                    return;
                }
                store.Secrets.Remove(secret);
            });
            if (failure != null) WriteError(failure);
        }
    }

    [Cmdlet(VerbsCommon.Get, "SecretVault")]
    [OutputType(typeof(SecretVaultInfo))]
    public sealed class GetSecretVaultCommand : PSCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true)]
        public string[] Name { get; set; }

        protected override void ProcessRecord()
        {
            var patterns = Name == null || Name.Length == 0 ? new[] { "*" } : Name;
            foreach (var vault in DoubleStore.Load().Vaults.OfType<JsonObject>()
                .Where(v => patterns.Any(p => DoubleStore.Matches(p, DoubleStore.NameOf(v))))
                .OrderBy(DoubleStore.NameOf, StringComparer.OrdinalIgnoreCase))
            {
                WriteObject(new SecretVaultInfo(
                    DoubleStore.NameOf(vault),
                    (string)vault["moduleName"],
                    (string)vault["description"],
                    DoubleStore.ParametersOf(vault),
                    DoubleStore.IsDefault(vault)));
            }
        }
    }

    [Cmdlet(VerbsLifecycle.Register, "SecretVault")]
    public sealed class RegisterSecretVaultCommand : PSCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string ModuleName { get; set; }

        [Parameter(Position = 1)]
        public string Name { get; set; }

        [Parameter]
        public Hashtable VaultParameters { get; set; }

        [Parameter]
        public SwitchParameter DefaultVault { get; set; }

        [Parameter]
        public SwitchParameter AllowClobber { get; set; }

        [Parameter]
        public string Description { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var name = string.IsNullOrEmpty(Name) ? ModuleName : Name;
            ErrorRecord failure = null;
            DoubleStore.Update(store =>
            {
                var existing = store.FindVault(name);
                if (existing != null && !AllowClobber)
                {
                    failure = new ErrorRecord(new PSInvalidOperationException(string.Format("Provided Name {0} is already used by another registered vault. Use -AllowClobber to replace it.", name)), "RegisterSecretVaultInvalidVaultName", ErrorCategory.ResourceExists, this);
                    return;
                }
                if (existing != null) store.Vaults.Remove(existing);

                var parameters = new JsonObject();
                var locked = false;
                if (VaultParameters != null)
                {
                    foreach (DictionaryEntry entry in VaultParameters)
                    {
                        var key = entry.Key.ToString();
                        if (string.Equals(key, "Locked", StringComparison.OrdinalIgnoreCase))
                        {
                            locked = LanguagePrimitives.IsTrue(entry.Value);
                        }
                        var value = entry.Value is SecureString secure ? DoubleStore.Plain(secure) : entry.Value == null ? null : entry.Value.ToString();
                        parameters[key] = value;
                    }
                }

                // The first vault registered becomes the default (as in SecretManagement 1.1).
                var makeDefault = DefaultVault || !store.Vaults.OfType<JsonObject>().Any(DoubleStore.IsDefault);
                if (makeDefault)
                {
                    foreach (var other in store.Vaults.OfType<JsonObject>()) other["isDefault"] = false;
                }
                store.Vaults.Add(new JsonObject
                {
                    ["name"] = name,
                    ["moduleName"] = ModuleName,
                    ["description"] = Description,
                    ["isDefault"] = makeDefault,
                    ["locked"] = locked,
                    ["parameters"] = parameters,
                });
            });
            if (failure != null) ThrowTerminatingError(failure);
            DoubleStore.SetUnlocked(name, false);
            if (PassThru)
            {
                var vault = DoubleStore.Load().FindVault(name);
                WriteObject(new SecretVaultInfo(name, ModuleName, Description, DoubleStore.ParametersOf(vault), DoubleStore.IsDefault(vault)));
            }
        }
    }

    [Cmdlet(VerbsLifecycle.Unregister, "SecretVault")]
    public sealed class UnregisterSecretVaultCommand : PSCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; }

        protected override void ProcessRecord()
        {
            var missing = new List<string>();
            DoubleStore.Update(store =>
            {
                foreach (var pattern in Name)
                {
                    var matched = store.Vaults.OfType<JsonObject>().Where(v => DoubleStore.Matches(pattern, DoubleStore.NameOf(v))).ToList();
                    if (matched.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(pattern)) missing.Add(pattern);
                    foreach (var vault in matched)
                    {
                        // Unregistering a vault leaves its secrets in the vault's own storage, as with a real extension vault.
                        store.Vaults.Remove(vault);
                    }
                }
            });
            foreach (var name in missing)
            {
                WriteError(Errors.VaultNotFound(name, "UnregisterSecretVaultObjectNotFound", this));
            }
        }
    }

    [Cmdlet(VerbsDiagnostic.Test, "SecretVault")]
    [OutputType(typeof(bool))]
    public sealed class TestSecretVaultCommand : PSCmdlet
    {
        [Parameter(Position = 0)]
        public string[] Name { get; set; }

        protected override void EndProcessing()
        {
            var patterns = Name == null || Name.Length == 0 ? new[] { "*" } : Name;
            var vaults = DoubleStore.Load().Vaults.OfType<JsonObject>().Where(v => patterns.Any(p => DoubleStore.Matches(p, DoubleStore.NameOf(v)))).ToList();
            WriteObject(vaults.Count > 0 && vaults.All(v => !DoubleStore.IsLocked(v)));
        }
    }

    [Cmdlet(VerbsCommon.Unlock, "SecretVault")]
    public sealed class UnlockSecretVaultCommand : PSCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; }

        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNull]
        public SecureString Password { get; set; }

        protected override void ProcessRecord()
        {
            ErrorRecord failure = null;
            DoubleStore.Update(store =>
            {
                var vault = store.FindVault(Name);
                if (vault == null) { failure = Errors.VaultNotFound(Name, "UnlockSecretVaultObjectNotFound", this); return; }
                // A vault registered with VaultParameters @{ Password = '...' } only opens with that password; otherwise any does.
                var parameters = vault["parameters"] as JsonObject;
                var expected = parameters == null ? null : parameters.Where(p => string.Equals(p.Key, "Password", StringComparison.OrdinalIgnoreCase)).Select(p => (string)p.Value).FirstOrDefault();
                if (expected != null && expected != DoubleStore.Plain(Password))
                {
                    failure = new ErrorRecord(new PasswordRequiredException("Password validation failed: the password is not valid for vault " + Name + "."), "UnlockSecretVaultInvalidPassword", ErrorCategory.InvalidArgument, this);
                    return;
                }
            });
            if (failure == null) DoubleStore.SetUnlocked(Name, true);
            if (failure != null) ThrowTerminatingError(failure);
        }
    }
}
