using Leanly.Auth;
using Leanly.Core.Tests.Support;
using Leanly.GraphQL;
using Leanly.Http;
using Leanly.TestServer;
using static Leanly.Core.Tests.Server.ServerHarness;

namespace Leanly.Core.Tests.Server;

/// <summary>The schema fetch of Tab completion: it renews a token only with what the connection holds, never by reading the source again.</summary>
public class HeldCredentialSchemaTests
{
    [Fact]
    public async Task A_token_only_the_source_could_renew_is_left_to_the_next_request()
    {
        await using var server = await LeanlyTestServer.StartAsync();
        var source = new VaultLikeSource();
        using var connection = new LeanlyConnection(source, Options(server));
        await connection.ConnectAsync(NullLog.Instance, CancellationToken.None);
        server.Tokens.RevokeAll(access: true, refresh: true);

        await Assert.ThrowsAsync<RenewalNeedsSourceException>(() => connection.GetSchemaWithHeldCredentialAsync(CancellationToken.None));
        Assert.Equal(0, source.Reloads);
        Assert.Equal(1, server.Stats.ClientCredentialsRequests);
        Assert.Null(connection.CachedSchema);

        // The next request may read the source: it renews, and then the fetch for completion works.
        using var response = await connection.ExecuteAsync(new GraphQLRequest("{ viewer { clientId } }"), NullLog.Instance, CancellationToken.None);
        Assert.Empty(response.Errors);
        Assert.Equal(1, source.Reloads);
        Assert.Equal(2, server.Stats.ClientCredentialsRequests);
        Assert.Equal("Query", (await connection.GetSchemaWithHeldCredentialAsync(CancellationToken.None)).QueryType);
    }

    [Fact]
    public async Task A_refresh_token_that_works_renews_for_the_fetch()
    {
        await using var server = await LeanlyTestServer.StartAsync();
        var source = new VaultLikeSource();
        using var connection = new LeanlyConnection(source, Options(server));
        await connection.ConnectAsync(NullLog.Instance, CancellationToken.None);
        server.Tokens.RevokeAll(access: true, refresh: false);

        Assert.Equal("Query", (await connection.GetSchemaWithHeldCredentialAsync(CancellationToken.None)).QueryType);
        Assert.Equal(1, server.Stats.RefreshTokenRequests);
        Assert.Equal(1, server.Stats.ClientCredentialsRequests);
        Assert.Equal(0, source.Reloads);
    }

    [Fact]
    public async Task A_secret_given_once_signs_in_again_for_the_fetch()
    {
        await using var server = await LeanlyTestServer.StartAsync();
        using var connection = await ConnectAsync(server);
        server.Tokens.RevokeAll(access: true, refresh: true);

        Assert.Equal("Query", (await connection.GetSchemaWithHeldCredentialAsync(CancellationToken.None)).QueryType);
        Assert.Equal(2, server.Stats.ClientCredentialsRequests);
    }

    /// <summary>A source that can be read again, as a SecretManagement vault can, counting the reads.</summary>
    private sealed class VaultLikeSource : ICredentialSource, IDisposable
    {
        private readonly ClientCredential _credential = new(TestServerSettings.DefaultClientId, TestUtil.Secure(TestServerSettings.DefaultClientSecret));

        public int Reloads { get; private set; }

        public string Kind => "SecretManagement";

        public string Description => "a test vault";

        public bool CanReload => true;

        public ClientCredential GetCredential(bool reload, CancellationToken cancellationToken)
        {
            if (reload)
            {
                Reloads++;
            }

            return _credential;
        }

        public void Dispose() => _credential.Dispose();
    }
}
