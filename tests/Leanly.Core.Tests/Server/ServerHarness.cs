using Leanly.Auth;
using Leanly.Core.Tests.Support;
using Leanly.GraphQL;
using Leanly.Http;
using Leanly.TestServer;

namespace Leanly.Core.Tests.Server;

internal static class ServerHarness
{
    /// <summary>Bounds every HTTP attempt, so a broken test fails instead of hanging.</summary>
    public static readonly TimeSpan AttemptBound = TimeSpan.FromSeconds(15);

    public static LeanlyConnectionOptions Options(LeanlyTestServer server, ClientAuthenticationMethod method = ClientAuthenticationMethod.Body, TimeSpan? timeout = null) => new()
    {
        TokenUri = server.TokenUri,
        ApiUri = server.GraphQLUri,
        ClientAuthentication = method,
        Timeout = timeout ?? AttemptBound,
        Retry = new RetryPolicy
        {
            MaxRetries = 3,
            BaseDelay = TimeSpan.FromMilliseconds(20),
            MaxDelay = TimeSpan.FromMilliseconds(100),
            MaxTotalWait = TimeSpan.FromSeconds(10),
        },
    };

    public static LeanlyConnection Connection(LeanlyTestServer server, LeanlyConnectionOptions? options = null, string clientId = TestServerSettings.DefaultClientId, string secret = TestServerSettings.DefaultClientSecret) =>
        new(new FixedCredentialSource("ClientSecret", "test secret", clientId, TestUtil.Secure(secret)), options ?? Options(server));

    public static async Task<LeanlyConnection> ConnectAsync(LeanlyTestServer server, LeanlyConnectionOptions? options = null, ILeanlyLog? log = null)
    {
        var connection = Connection(server, options);
        try
        {
            await connection.ConnectAsync(log ?? NullLog.Instance, CancellationToken.None);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public static async Task<string> ClientIdAsync(LeanlyConnection connection, ILeanlyLog? log = null)
    {
        using var response = await connection.ExecuteAsync(new GraphQLRequest("{ viewer { clientId } }"), log ?? NullLog.Instance, CancellationToken.None);
        Assert.Empty(response.Errors);
        return response.Data.GetProperty("viewer").GetProperty("clientId").GetString()!;
    }

    public static async Task<int> CounterAsync(LeanlyConnection connection)
    {
        using var response = await connection.ExecuteAsync(new GraphQLRequest("{ counter }"), NullLog.Instance, CancellationToken.None);
        return response.Data.GetProperty("counter").GetInt32();
    }
}
