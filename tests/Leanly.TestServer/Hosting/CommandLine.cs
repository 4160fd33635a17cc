using System.Collections;
using System.Globalization;

namespace Leanly.TestServer.Hosting;

/// <summary>
/// Reads settings from <c>LEANLY_TS_*</c> environment variables, then <c>--name value</c> arguments (which win).
/// Names match loosely: --access-token-lifetime, --accessTokenLifetime and LEANLY_TS_ACCESS_TOKEN_LIFETIME are one option.
/// </summary>
internal sealed class CommandLine
{
    public const string Usage = """
        Leanly.TestServer [options]   (each option also as environment variable LEANLY_TS_<NAME>)
          --port N                       loopback port, 0 = any free port (default 0)
          --client id:secret:s1,s2       a client and its allowed scopes; repeatable (env: one per line)
          --access-token-lifetime S      seconds (default 3600)
          --refresh-token-lifetime S     seconds (default 86400)
          --rotate-refresh-tokens [B]    refresh answers carry a new refresh token (default false)
          --revoke-access-on-refresh [B] refresh revokes earlier access tokens of the grant (default false)
          --strict [B]                   client_credentials issues no refresh token (default false)
          --item-count N                 default length of the items connection (default 2500)
          --large-schema [B]             serve 1,500 generated types more, for the bench (default false)
          --introspection B              answer __schema/__type queries (default true)
          --exit-on-stdin-close [B]      exit when standard input reaches end of file
          --tls-dir DIR                  also serve HTTPS with the certificates in DIR (made by --make-certificates)
          --make-certificates DIR        make a throw-away test CA and server certificates in DIR, then exit
        Prints the base URL as the first line of standard output, and a JSON line of the HTTPS, proxy and
        round-trip relay (httpFar, httpsFar) addresses as the second.
        """;

    private const string EnvironmentPrefix = "LEANLY_TS_";

    public TestServerSettings Settings { get; } = new();

    public int Port { get; private set; }

    public bool ExitOnStdinClose { get; private set; }

    public bool ShowHelp { get; private set; }

    public string? CertificateDirectory { get; private set; }

    public string? MakeCertificatesDirectory { get; private set; }

    /// <exception cref="FormatException">An option or its value is not understood.</exception>
    public static CommandLine Parse(IReadOnlyList<string> args, IDictionary environment)
    {
        var result = new CommandLine();
        var clients = new List<TestClient>();
        foreach (DictionaryEntry variable in environment)
        {
            var key = (string)variable.Key;
            if (key.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase) && variable.Value is string value)
            {
                result.Apply(key[EnvironmentPrefix.Length..], value, clients, fromEnvironment: true);
            }
        }

        var argumentClients = new List<TestClient>();
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new FormatException($"Unexpected argument '{args[i]}'.");
            }

            var name = args[i][2..];
            string? value = null;
            var equals = name.IndexOf('=');
            if (equals >= 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }
            else if (i + 1 < args.Count && (!IsFlag(name) || IsBoolean(args[i + 1])) && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }

            result.Apply(name, value, argumentClients, fromEnvironment: false);
        }

        var chosen = argumentClients.Count > 0 ? argumentClients : clients;
        if (chosen.Count > 0)
        {
            result.Settings.Clients = chosen;
        }

        var problem = result.Settings.Validate();
        return problem is null ? result : throw new FormatException(problem);
    }

    private static string Normalize(string name) => name.Replace("-", string.Empty).Replace("_", string.Empty).ToLowerInvariant();

    private static bool IsFlag(string name) =>
        Normalize(name) is "rotaterefreshtokens" or "largeschema" or "revokeaccessonrefresh" or "strict" or "exitonstdinclose" or "help";

    private static bool IsBoolean(string text) => ParseBoolean(text) is not null;

    private static bool? ParseBoolean(string text) => text.Trim().ToLowerInvariant() switch
    {
        "1" or "true" or "yes" or "on" => true,
        "0" or "false" or "no" or "off" => false,
        _ => null,
    };

    private static bool Flag(string name, string? value) =>
        value is null ? true : ParseBoolean(value) ?? throw new FormatException($"--{name} takes true or false, not '{value}'.");

    private static int Number(string name, string? value, int min) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= min
            ? number
            : throw new FormatException($"--{name} needs a whole number of at least {min}.");

    private void Apply(string name, string? value, List<TestClient> clients, bool fromEnvironment)
    {
        switch (Normalize(name))
        {
            case "port":
                Port = Number(name, value, 0);
                break;
            case "client":
            case "clients":
                var lines = fromEnvironment ? (value ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [value ?? string.Empty];
                clients.AddRange(lines.Select(TestClient.Parse));
                break;
            case "accesstokenlifetime":
                Settings.AccessTokenLifetime = Number(name, value, 1);
                break;
            case "refreshtokenlifetime":
                Settings.RefreshTokenLifetime = Number(name, value, 1);
                break;
            case "rotaterefreshtokens":
                Settings.RotateRefreshTokens = Flag(name, value);
                break;
            case "revokeaccessonrefresh":
                Settings.RevokeAccessOnRefresh = Flag(name, value);
                break;
            case "strict":
                Settings.Strict = Flag(name, value);
                break;
            case "itemcount":
                Settings.ItemCount = Number(name, value, 0);
                break;
            case "largeschema":
                Settings.LargeSchema = Flag(name, value);
                break;
            case "introspection":
                Settings.Introspection = Flag(name, value);
                break;
            case "exitonstdinclose":
                ExitOnStdinClose = Flag(name, value);
                break;
            case "tlsdir":
                CertificateDirectory = string.IsNullOrWhiteSpace(value) ? throw new FormatException($"--{name} needs a folder.") : value;
                break;
            case "makecertificates":
                MakeCertificatesDirectory = string.IsNullOrWhiteSpace(value) ? throw new FormatException($"--{name} needs a folder.") : value;
                break;
            case "help":
            case "h":
                ShowHelp = !fromEnvironment;
                break;
            default:
                if (!fromEnvironment)
                {
                    throw new FormatException($"Unknown option --{name}.");
                }

                break;
        }
    }
}
