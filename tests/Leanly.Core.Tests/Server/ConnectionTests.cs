using System.Diagnostics;
using Leanly.Auth;
using Leanly.Core.Tests.Support;
using Leanly.Errors;
using Leanly.GraphQL;
using Leanly.Http;
using Leanly.TestServer;
using Leanly.TestServer.Faults;
using Leanly.TestServer.State;
using static Leanly.Core.Tests.Server.ServerHarness;

namespace Leanly.Core.Tests.Server;

public class ConnectionTests
{
    [Fact]
    public async Task GraphQL_request_carries_the_headers_a_GraphQL_over_HTTP_server_expects()
    {
        await using var server = await LeanlyTestServer.StartAsync();
        using var connection = await ConnectAsync(server);
        const string query = "{ accept: requestHeader(name: \"Accept\") type: requestHeader(name: \"Content-Type\") auth: requestHeader(name: \"Authorization\") agent: requestHeader(name: \"User-Agent\") }";

        using var response = await connection.ExecuteAsync(new GraphQLRequest(query), NullLog.Instance, CancellationToken.None);

        Assert.Empty(response.Errors);
        Assert.Equal("application/graphql-response+json, application/json;q=0.9", response.Data.GetProperty("accept").GetString());
        Assert.Equal("application/json; charset=utf-8", response.Data.GetProperty("type").GetString());
        Assert.Equal("Bearer (value hidden)", response.Data.GetProperty("auth").GetString());
        Assert.Matches(@"^LeanlyPS/\d+\.\d+\.\d+$", response.Data.GetProperty("agent").GetString());
    }

    [Fact]
    public async Task Connect_and_query()
    {
        await using var server = await LeanlyTestServer.StartAsync();
        var log = new RecordingLog();
        using var connection = Connection(server);
        Assert.False(connection.IsConnected);
        await connection.ConnectAsync(log, CancellationToken.None);

        Assert.True(connection.IsConnected);
        Assert.True(connection.HasRefreshToken);
        Assert.Equal(new[] { "read", "write" }, connection.Scope);
        Assert.NotNull(connection.ExpiresOn);
        Assert.True(connection.NextRefreshOn < connection.ExpiresOn);

        using var response = await connection.ExecuteAsync(new GraphQLRequest("query Me { viewer { clientId scopes } }"), log, CancellationToken.None);
        Assert.Equal(200, response.StatusCode);
        Assert.Empty(response.Errors);
        Assert.Equal(TestServerSettings.DefaultClientId, response.Data.GetProperty("viewer").GetProperty("clientId").GetString());
        Assert.Equal(1, server.Stats.ClientCredentialsRequests);
        Assert.Equal(1, server.Stats.GraphQLRequests);

        var token = await connection.GetAccessTokenAsync(log, CancellationToken.None);
        Assert.Equal(server.Tokens.AccessTokens.Single(), token.Reveal());
        Assert.DoesNotContain(token.Reveal(), token.ToString());
        Assert.DoesNotContain(token.Reveal(), log.All);
        Assert.DoesNotContain(server.Tokens.RefreshTokens.Single(), log.All);
    }

    [Fact]
    public async Task Variables_and_graphql_errors_come_back()
    {
        await using var server = await LeanlyTestServer.StartAsync();
        using var connection = await ConnectAsync(server);
        var request = new GraphQLRequest("query Echo($t: String!) { echo(text: $t) failing }", new Dictionary<string, object?> { ["t"] = "ü \" {}" });
        using var response = await connection.ExecuteAsync(request, NullLog.Instance, CancellationToken.None);
        Assert.Equal("ü \" {}", response.Data.GetProperty("echo").GetString());
        var error = Assert.Single(response.Errors);
        Assert.Equal("failing", error.Path);
        Assert.Equal("LEANLY_TEST_FAILURE", error.Code);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Refresh_keeps_or_rotates_the_refresh_token(bool rotate)
    {
        await using var server = await LeanlyTestServer.StartAsync(new TestServerSettings { RotateRefreshTokens = rotate });
        using var connection = await ConnectAsync(server);

        for (var i = 0; i < 3; i++)
        {
            await connection.RefreshAsync(NullLog.Instance, CancellationToken.None);
            Assert.True(connection.HasRefreshToken);
        }

        // With rotation each refresh revokes the token it used, so three refreshes without a
        // fallback prove the connection always sent the newest one.
        Assert.Equal(3, server.Stats.RefreshTokenRequests);
        Assert.Equal(1, server.Stats.ClientCredentialsRequests);
        Assert.Equal(0, server.Stats.TokenFailures);
        Assert.Equal(rotate ? 4 : 1, server.Tokens.RefreshTokens.Count);
        Assert.Equal(TestServerSettings.DefaultClientId, await ClientIdAsync(connection));
        Assert.Equal(0, server.Stats.Unauthorized);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Next_query_uses_the_new_token_when_refresh_revokes_the_old_one(bool rotate)
    {
        await using var server = await LeanlyTestServer.StartAsync(new TestServerSettings { RotateRefreshTokens = rotate, RevokeAccessOnRefresh = true });
        using var connection = await ConnectAsync(server);
        var before = (await connection.GetAccessTokenAsync(NullLog.Instance, CancellationToken.None)).Reveal();

        await connection.RefreshAsync(NullLog.Instance, CancellationToken.None);

        var after = (await connection.GetAccessTokenAsync(NullLog.Instance, CancellationToken.None)).Reveal();
        Assert.NotEqual(before, after);
        Assert.Equal(TokenStatus.Revoked, server.Tokens.CheckAccessToken(before, out _));
        Assert.Equal(TokenStatus.Valid, server.Tokens.CheckAccessToken(after, out _));
        Assert.Equal(TestServerSettings.DefaultClientId, await ClientIdAsync(connection));
        Assert.Equal(0, server.Stats.Unauthorized);
        Assert.Equal(1, server.Stats.GraphQLRequests);
    }

    [Fact]
    public async Task Strict_server_without_refresh_token_renews_with_client_credentials()
    {
        await using var server = await LeanlyTestServer.StartAsync(new TestServerSettings { Strict = true });
        using var connection = await ConnectAsync(server);
        Assert.False(connection.HasRefreshToken);

        await connection.RefreshAsync(NullLog.Instance, CancellationToken.None);
        await connection.RefreshAsync(NullLog.Instance, CancellationToken.None);

        Assert.Equal(3, server.Stats.ClientCredentialsRequests);
        Assert.Equal(0, server.Stats.RefreshTokenRequests);
        Assert.False(connection.HasRefreshToken);
        Assert.Equal(TestServerSettings.DefaultClientId, await ClientIdAsync(connection));
    }

    [Fact]
    public async Task Revoked_access_token_is_renewed_and_the_request_replayed_once()
    {
        await using var server = await LeanlyTestServer.StartAsync();
        using var connection = await ConnectAsync(server);
        server.Tokens.RevokeAll(access: true, refresh: false);

        Assert.Equal(TestServerSettings.DefaultClientId, await ClientIdAsync(connection));

        Assert.Equal(1, server.Stats.Unauthorized);
        Assert.Equal(2, server.Stats.GraphQLRequests);
        Assert.Equal(1, server.Stats.RefreshTokenRequests);
        Assert.Equal(1, server.Stats.ClientCredentialsRequests);
    }

    [Fact]
    public async Task Strict_connection_replays_a_401_after_signing_in_again()
    {
        await using var server = await LeanlyTestServer.StartAsync(new TestServerSettings { Strict = true });
        using var connection = await ConnectAsync(server);
        server.Tokens.RevokeAll(access: true, refresh: false);

        Assert.Equal(TestServerSettings.DefaultClientId, await ClientIdAsync(connection));
        Assert.Equal(2, server.Stats.ClientCredentialsRequests);
        Assert.Equal(2, server.Stats.GraphQLRequests);
    }

    [Fact]
    public async Task Refused_refresh_token_falls_back_to_client_credentials()
    {
        await using var server = await LeanlyTestServer.StartAsync();
        using var connection = await ConnectAsync(server);
        server.Tokens.RevokeAll(access: true, refresh: true);
        var log = new RecordingLog();

        Assert.Equal(TestServerSettings.DefaultClientId, await ClientIdAsync(connection, log));

        Assert.Equal(1, server.Stats.RefreshTokenRequests);
        Assert.Equal(1, server.Stats.TokenFailures);
        Assert.Equal(2, server.Stats.ClientCredentialsRequests);
        Assert.Contains("invalid_grant", log.All);
        Assert.True(connection.HasRefreshToken);

        // The fresh refresh token from the new sign-in works.
        await connection.RefreshAsync(log, CancellationToken.None);
        Assert.Equal(2, server.Stats.RefreshTokenRequests);
        Assert.Equal(2, server.Stats.ClientCredentialsRequests);
    }

    [Fact]
    public async Task Expired_refresh_token_on_explicit_refresh_falls_back_to_client_credentials()
    {
        await using var server = await LeanlyTestServer.StartAsync();
        using var connection = await ConnectAsync(server);
        server.Tokens.ExpireRefreshTokens();

        await connection.RefreshAsync(NullLog.Instance, CancellationToken.None);

        Assert.Equal(1, server.Stats.TokenFailures);
        Assert.Equal(2, server.Stats.ClientCredentialsRequests);
        Assert.Equal(TestServerSettings.DefaultClientId, await ClientIdAsync(connection));
    }

    [Fact]
    public async Task A_401_after_renewal_is_an_unauthorized_error()
    {
        await using var server = await LeanlyTestServer.StartAsync();
        using var connection = await ConnectAsync(server);
        server.Faults.Enqueue(FaultEndpoint.GraphQL, new FaultSpec { Kind = FaultKind.Status, Status = 401, Body = "no" }, count: 2);

        var ex = await Assert.ThrowsAsync<LeanlyException>(() => ClientIdAsync(connection));

        Assert.Equal(LeanlyErrorKind.Unauthorized, ex.Kind);
        Assert.Equal(401, ex.StatusCode);
        Assert.Equal(2, server.Stats.GraphQLRequests);
        Assert.Equal(1, server.Stats.RefreshTokenRequests);
    }

    [Fact]
    public async Task Concurrent_callers_share_one_renewal()
    {
        await using var server = await LeanlyTestServer.StartAsync(new TestServerSettings { AccessTokenLifetime = 2 });
        var stopwatch = Stopwatch.StartNew();
        using var connection = await ConnectAsync(server);
        var failures = 0;

        var workers = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            for (var query = 0; query < 10; query++)
            {
                try
                {
                    using var response = await connection.ExecuteAsync(new GraphQLRequest("{ slow(ms: 150) }"), NullLog.Instance, CancellationToken.None);
                    Assert.Equal("done", response.Data.GetProperty("slow").GetString());
                }
                catch (LeanlyException)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(45));
        stopwatch.Stop();

        var tokenRequests = server.Stats.TokenRequests;
        var bound = (long)(stopwatch.Elapsed.TotalSeconds / 1) + 2;
        Assert.Equal(0, failures);
        Assert.Equal(80, server.Stats.GraphQLRequests - server.Stats.Unauthorized);
        Assert.True(tokenRequests >= 2, $"{tokenRequests} token requests in {stopwatch.Elapsed.TotalSeconds:0.0} s: the 2-second token was never renewed");
        Assert.True(tokenRequests <= bound, $"{tokenRequests} token requests in {stopwatch.Elapsed.TotalSeconds:0.0} s (at most {bound} expected): renewals are not single flight");
    }

    [Fact]
    public async Task Callers_waiting_for_a_renewal_that_fails_share_its_error_instead_of_renewing_again()
    {
        await using var server = await LeanlyTestServer.StartAsync();
        using var connection = await ConnectAsync(server);
        // Four requests get their 401 together, so all four want the renewal while the first caller's one runs; the
        // token endpoint is down (503, Retry-After 1 s), so that renewal takes seconds and fails.
        server.Faults.Enqueue(FaultEndpoint.GraphQL, new FaultSpec { Kind = FaultKind.Status, Status = 401, Body = "expired", WaitForRequests = 4 }, count: 4);
        server.Faults.Enqueue(FaultEndpoint.Token, new FaultSpec { Kind = FaultKind.Status, Status = 503, RetryAfter = "1" }, count: 100);
        var tokenRequestsBefore = server.Stats.TokenRequests;

        var callers = Enumerable.Range(0, 4)
            .Select(_ => Task.Run(() => connection.ExecuteAsync(new GraphQLRequest("{ viewer { clientId } }"), NullLog.Instance, CancellationToken.None)))
            .ToArray();
        var failures = new List<LeanlyException>();
        foreach (var caller in callers)
        {
            failures.Add(await Assert.ThrowsAsync<LeanlyException>(() => caller.WaitAsync(TimeSpan.FromSeconds(60))));
        }

        Assert.All(failures, failure => Assert.Equal(LeanlyErrorKind.ServerUnavailable, failure.Kind));
        Assert.Equal(4, server.Stats.TokenRequests - tokenRequestsBefore); // one renewal: the first try and 3 retries
    }

    [Theory]
    [InlineData(ClientAuthenticationMethod.Body)]
    [InlineData(ClientAuthenticationMethod.Basic)]
    public async Task Wrong_secret_is_invalid_client_and_never_shown(ClientAuthenticationMethod method)
    {
        const string wrong = "Wr0ng-s3cret+&=ü";
        await using var server = await LeanlyTestServer.StartAsync();
        var log = new RecordingLog();
        using var connection = new LeanlyConnection(
            new FixedCredentialSource("ClientSecret", "test", TestServerSettings.DefaultClientId, TestUtil.Secure(wrong)),
            Options(server, method));

        var ex = await Assert.ThrowsAsync<LeanlyException>(() => connection.ConnectAsync(log, CancellationToken.None));

        Assert.Equal(LeanlyErrorKind.AuthenticationFailed, ex.Kind);
        Assert.Equal("invalid_client", ex.OAuthError);
        Assert.Equal(401, ex.StatusCode);
        Assert.Equal(server.TokenUri, ex.RequestUri);
        Assert.False(connection.IsConnected);
        TestUtil.AssertNoSecret(ex, wrong, TestServerSettings.DefaultClientSecret);
        foreach (var form in TestUtil.Forms(wrong))
        {
            Assert.DoesNotContain(form, log.All);
        }

        Assert.Equal(1, server.Stats.TokenRequests);
        Assert.Contains("ClientSecret", connection.CredentialSource);
        Assert.DoesNotContain(wrong, connection.ToString());
    }

    [Fact]
    public async Task A_wrong_secret_given_once_is_sent_once_even_when_read_late()
    {
        // Connect-Leanly reads its source late (DeferredCredentialSource): a secret given once is not worth a second try.
        const string wrong = "Wr0ng-s3cret+&=ü";
        await using var server = await LeanlyTestServer.StartAsync();
        var log = new RecordingLog();
        using var connection = new LeanlyConnection(
            SecretGivenOnce(wrong),
            Options(server));

        var ex = await Assert.ThrowsAsync<LeanlyException>(() => connection.ConnectAsync(log, CancellationToken.None));

        Assert.Equal("invalid_client", ex.OAuthError);
        Assert.Equal(1, server.Stats.TokenRequests);
        Assert.DoesNotContain("reading it again", log.All);
    }

    [Fact]
    public async Task A_refused_refresh_token_signs_in_again_without_rereading_a_secret_given_once()
    {
        await using var server = await LeanlyTestServer.StartAsync();
        var log = new RecordingLog();
        using var connection = new LeanlyConnection(
            SecretGivenOnce(TestServerSettings.DefaultClientSecret),
            Options(server));
        await connection.ConnectAsync(log, CancellationToken.None);
        server.Tokens.RevokeAll(access: false, refresh: true);

        await connection.RefreshAsync(log, CancellationToken.None);

        Assert.Contains("signing in again with client credentials from ClientSecret.", log.All);
        Assert.DoesNotContain("(read again)", log.All);
    }

    [Fact]
    public async Task Disposing_the_connection_disposes_a_source_that_was_read_late()
    {
        await using var server = await LeanlyTestServer.StartAsync();
        var source = new FixedCredentialSource("ClientSecret", "test", TestServerSettings.DefaultClientId, TestUtil.Secure(TestServerSettings.DefaultClientSecret));
        var connection = new LeanlyConnection(new DeferredCredentialSource(() => source), Options(server));
        await connection.ConnectAsync(NullLog.Instance, CancellationToken.None);
        var secret = source.GetCredential(false, CancellationToken.None).Secret;

        connection.Dispose();

        Assert.Throws<ObjectDisposedException>(() => secret.Length);
    }

    [Fact]
    public async Task Refresh_that_fails_and_sign_in_that_fails_is_refresh_failed()
    {
        await using var server = await LeanlyTestServer.StartAsync();
        using var connection = await ConnectAsync(server);
        server.Tokens.RevokeAll(access: false, refresh: true);
        server.Settings.Clients = [new TestClient(TestServerSettings.DefaultClientId, "rotated-elsewhere", ["read"])];

        var ex = await Assert.ThrowsAsync<LeanlyException>(() => connection.RefreshAsync(NullLog.Instance, CancellationToken.None));

        Assert.Equal(LeanlyErrorKind.RefreshFailed, ex.Kind);
        Assert.Equal("invalid_client", ex.OAuthError);
        Assert.IsType<LeanlyException>(ex.InnerException);
        TestUtil.AssertNoSecret(ex, TestServerSettings.DefaultClientSecret);
    }

    [Fact]
    public async Task Disposed_connection_refuses_work()
    {
        await using var server = await LeanlyTestServer.StartAsync();
        var connection = await ConnectAsync(server);
        connection.Dispose();
        connection.Dispose();

        Assert.False(connection.IsConnected);
        var ex = await Assert.ThrowsAsync<LeanlyException>(() => ClientIdAsync(connection));
        Assert.Equal(LeanlyErrorKind.Disconnected, ex.Kind);
        Assert.Equal(LeanlyErrorKind.Disconnected, (await Assert.ThrowsAsync<LeanlyException>(() => connection.RefreshAsync(NullLog.Instance, CancellationToken.None))).Kind);
    }

    [Fact]
    public async Task Query_before_connect_is_disconnected()
    {
        await using var server = await LeanlyTestServer.StartAsync();
        using var connection = Connection(server);
        var ex = await Assert.ThrowsAsync<LeanlyException>(() => ClientIdAsync(connection));
        Assert.Equal(LeanlyErrorKind.Disconnected, ex.Kind);
        Assert.Equal(0, server.Stats.TokenRequests + server.Stats.GraphQLRequests);
    }

    // A secret typed once (a SecureString or PSCredential): read when first needed, never read again.
    private static DeferredCredentialSource SecretGivenOnce(string secret) =>
        new(() => new FixedCredentialSource("ClientSecret", "test", TestServerSettings.DefaultClientId, TestUtil.Secure(secret)));
}
