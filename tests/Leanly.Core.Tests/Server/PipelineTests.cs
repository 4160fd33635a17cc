using System.Diagnostics;
using Leanly.Auth;
using Leanly.Core.Tests.Support;
using Leanly.Errors;
using Leanly.GraphQL;
using Leanly.Http;
using Leanly.TestServer;
using Leanly.TestServer.Faults;
using static Leanly.Core.Tests.Server.ServerHarness;

namespace Leanly.Core.Tests.Server;

/// <summary>HttpPipeline behaviour (retries, replay safety, timeouts, redirects) through the server's fault queue.</summary>
public class PipelineTests
{
    private static readonly GraphQLRequest Increment = new("mutation { increment }");

    private static async Task<int> IncrementAsync(LeanlyConnection connection, GraphQLRequest? request = null)
    {
        using var response = await connection.ExecuteAsync(request ?? Increment, NullLog.Instance, CancellationToken.None);
        Assert.Empty(response.Errors);
        return response.Data.GetProperty("increment").GetInt32();
    }

    [Fact]
    public async Task Service_unavailable_then_success_recovers()
    {
        await using var server = await LeanlyTestServer.StartAsync();
        using var connection = await ConnectAsync(server);
        server.Faults.Enqueue(FaultEndpoint.GraphQL, new FaultSpec { Kind = FaultKind.Status, Status = 503 }, count: 2);

        Assert.Equal(TestServerSettings.DefaultClientId, await ClientIdAsync(connection));
        Assert.Equal(3, server.Stats.GraphQLRequests);
        Assert.Equal(2, server.Stats.FaultsServed);
    }

    [Theory]
    [InlineData(502)]
    [InlineData(504)]
    [InlineData(429)]
    public async Task Query_is_retried_on_every_transient_status(int status)
    {
        await using var server = await LeanlyTestServer.StartAsync();
        using var connection = await ConnectAsync(server);
        server.Faults.Enqueue(FaultEndpoint.GraphQL, new FaultSpec { Kind = FaultKind.Html, Status = status });

        Assert.Equal(TestServerSettings.DefaultClientId, await ClientIdAsync(connection));
        Assert.Equal(2, server.Stats.GraphQLRequests);
    }

    [Fact]
    public async Task Retries_are_bounded()
    {
        await using var server = await LeanlyTestServer.StartAsync();
        var options = Options(server);
        options.Retry.MaxRetries = 2;
        using var connection = await ConnectAsync(server, options);
        server.Faults.Enqueue(FaultEndpoint.GraphQL, new FaultSpec { Kind = FaultKind.Status, Status = 503, Body = "down for maintenance" }, count: 10);

        var ex = await Assert.ThrowsAsync<LeanlyException>(() => ClientIdAsync(connection));

        Assert.Equal(LeanlyErrorKind.ServerUnavailable, ex.Kind);
        Assert.Equal(503, ex.StatusCode);
        Assert.Contains("3 attempt(s)", ex.Message);
        Assert.Contains("down for maintenance", ex.Message);
        Assert.Equal(3, server.Stats.GraphQLRequests);
    }

    [Fact]
    public async Task Retry_after_of_one_second_is_honoured()
    {
        await using var server = await LeanlyTestServer.StartAsync();
        var log = new RecordingLog();
        using var connection = await ConnectAsync(server);
        server.Faults.Enqueue(FaultEndpoint.GraphQL, new FaultSpec { Kind = FaultKind.Status, Status = 429, RetryAfter = "1" });

        Assert.Equal(TestServerSettings.DefaultClientId, await ClientIdAsync(connection, log));

        Assert.Equal(2, server.Stats.GraphQLRequests);
        Assert.Contains("in 1.0 s (Retry-After;", log.All);
    }

    [Fact]
    public async Task Retry_after_as_http_date_is_honoured()
    {
        await using var server = await LeanlyTestServer.StartAsync();
        var log = new RecordingLog();
        using var connection = await ConnectAsync(server);
        server.Faults.Enqueue(FaultEndpoint.GraphQL, new FaultSpec { Kind = FaultKind.Status, Status = 503, RetryAfter = DateTimeOffset.UtcNow.AddSeconds(-10).ToString("r") });

        Assert.Equal(TestServerSettings.DefaultClientId, await ClientIdAsync(connection, log));
        Assert.Contains("in 0.0 s (Retry-After;", log.All);
    }

    [Fact]
    public async Task Retry_after_longer_than_allowed_gives_up_at_once()
    {
        await using var server = await LeanlyTestServer.StartAsync();
        using var connection = await ConnectAsync(server);
        server.Faults.Enqueue(FaultEndpoint.GraphQL, new FaultSpec { Kind = FaultKind.Status, Status = 429, RetryAfter = "120" }, count: 5);

        var ex = await Assert.ThrowsAsync<LeanlyException>(() => ClientIdAsync(connection));

        Assert.Equal(LeanlyErrorKind.Throttled, ex.Kind);
        Assert.Equal(429, ex.StatusCode);
        Assert.Contains("120 s", ex.Message);
        Assert.Equal(1, server.Stats.GraphQLRequests);
    }

    [Fact]
    public async Task Token_endpoint_outage_is_retried()
    {
        await using var server = await LeanlyTestServer.StartAsync();
        server.Faults.Enqueue(FaultEndpoint.Token, new FaultSpec { Kind = FaultKind.Status, Status = 503 });
        using var connection = await ConnectAsync(server);
        Assert.Equal(2, server.Stats.ClientCredentialsRequests);
        Assert.True(connection.IsConnected);
    }

    [Fact]
    public async Task Mutation_is_retried_after_503_which_means_not_processed()
    {
        await using var server = await LeanlyTestServer.StartAsync();
        using var connection = await ConnectAsync(server);
        server.Faults.Enqueue(FaultEndpoint.GraphQL, new FaultSpec { Kind = FaultKind.Status, Status = 503 });

        Assert.Equal(1, await IncrementAsync(connection));
        Assert.Equal(2, server.Stats.GraphQLRequests);
        Assert.Equal(1, server.Counter.Value);
    }

    [Theory]
    [InlineData(502)]
    [InlineData(504)]
    public async Task Mutation_is_not_retried_after_a_gateway_error(int status)
    {
        await using var server = await LeanlyTestServer.StartAsync();
        using var connection = await ConnectAsync(server);
        server.Faults.Enqueue(FaultEndpoint.GraphQL, new FaultSpec { Kind = FaultKind.Html, Status = status });

        var ex = await Assert.ThrowsAsync<LeanlyException>(() => IncrementAsync(connection));

        Assert.Equal(LeanlyErrorKind.GraphQLHttpError, ex.Kind);
        Assert.Equal(status, ex.StatusCode);
        Assert.Equal(1, server.Stats.GraphQLRequests);
    }

    [Fact]
    public async Task Query_is_replayed_after_a_dropped_connection()
    {
        await using var server = await LeanlyTestServer.StartAsync();
        using var connection = await ConnectAsync(server);
        server.Faults.Enqueue(FaultEndpoint.GraphQL, new FaultSpec { Kind = FaultKind.Drop });

        Assert.Equal(TestServerSettings.DefaultClientId, await ClientIdAsync(connection));
        Assert.Equal(2, server.Stats.GraphQLRequests);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Mutation_is_not_replayed_after_a_dropped_connection(bool afterExecute)
    {
        await using var server = await LeanlyTestServer.StartAsync();
        using var connection = await ConnectAsync(server);
        server.Faults.Enqueue(FaultEndpoint.GraphQL, new FaultSpec { Kind = FaultKind.Drop, AfterExecute = afterExecute });

        var ex = await Assert.ThrowsAsync<LeanlyException>(() => IncrementAsync(connection));

        Assert.Equal(LeanlyErrorKind.NetworkError, ex.Kind);
        Assert.Contains("not sent again", ex.Message);
        Assert.Equal(1, server.Stats.GraphQLRequests);
        Assert.Equal(afterExecute ? 1 : 0, server.Counter.Value);
    }

    /// <summary>
    /// The same as above, with the mutation picked by operation name from a document whose first operation has
    /// no variables: GraphQLDocument misses the mutation, so the pipeline treats it as a query and replays it.
    /// </summary>
    [Fact]
    public async Task Mutation_selected_by_name_is_not_replayed_after_a_dropped_connection()
    {
        await using var server = await LeanlyTestServer.StartAsync();
        using var connection = await ConnectAsync(server);
        server.Faults.Enqueue(FaultEndpoint.GraphQL, new FaultSpec { Kind = FaultKind.Drop, AfterExecute = true });
        var request = new GraphQLRequest("query Count { counter }\nmutation Bump { increment }", operationName: "Bump");

        var ex = await Record.ExceptionAsync(() => IncrementAsync(connection, request));

        Assert.Equal(1, server.Counter.Value);
        Assert.Equal(1, server.Stats.GraphQLRequests);
        Assert.IsType<LeanlyException>(ex);
    }

    [Fact]
    public async Task Timeout_cuts_a_hung_request()
    {
        await using var server = await LeanlyTestServer.StartAsync();
        using var connection = await ConnectAsync(server, Options(server, timeout: TimeSpan.FromSeconds(1)));
        server.Faults.Enqueue(FaultEndpoint.GraphQL, new FaultSpec { Kind = FaultKind.Hang, DelayMs = 30_000 });
        var stopwatch = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<LeanlyException>(() => ClientIdAsync(connection));

        stopwatch.Stop();
        Assert.Equal(LeanlyErrorKind.Timeout, ex.Kind);
        Assert.Equal(server.GraphQLUri, ex.RequestUri);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(15), $"took {stopwatch.Elapsed}: the 1 s timeout did not cut the 30 s hang");
        Assert.Equal(1, server.Stats.GraphQLRequests);
    }

    [Fact]
    public async Task A_body_that_ends_when_the_timeout_closes_it_is_a_timeout_not_a_truncated_answer()
    {
        // .NET Framework's response stream ignores the token; closing it may end a stalled read as end-of-body.
        await using var server = await LeanlyTestServer.StartAsync();
        using var connection = new LeanlyConnection(
            new FixedCredentialSource("ClientSecret", "test secret", TestServerSettings.DefaultClientId, TestUtil.Secure(TestServerSettings.DefaultClientSecret)),
            Options(server, timeout: TimeSpan.FromSeconds(1)),
            new StallingGraphQLHandler(server.GraphQLUri) { InnerHandler = new HttpClientHandler() });
        await connection.ConnectAsync(NullLog.Instance, CancellationToken.None);

        var ex = await Assert.ThrowsAsync<LeanlyException>(() => ClientIdAsync(connection));

        Assert.Equal(LeanlyErrorKind.Timeout, ex.Kind);
        Assert.Equal(server.GraphQLUri, ex.RequestUri);
    }

    /// <summary>Answers GraphQL with the start of a body, then a read that ignores its token and ends empty once it fires.</summary>
    private sealed class StallingGraphQLHandler(Uri graphQLUri) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri != graphQLUri)
            {
                return base.SendAsync(request, cancellationToken);
            }

            var content = new StreamContent(new StallingStream());
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }
    }

    private sealed class StallingStream : Stream
    {
        private readonly byte[] _start = "{\"data\":{\"viewer\":"u8.ToArray();
        private bool _started;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            await ReadAsync(buffer.AsMemory(offset, count), cancellationToken);

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!_started)
            {
                _started = true;
                _start.CopyTo(buffer);
                return _start.Length;
            }

            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }

            return 0;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public async Task Timeout_on_the_token_endpoint()
    {
        await using var server = await LeanlyTestServer.StartAsync();
        server.Faults.Enqueue(FaultEndpoint.Token, new FaultSpec { Kind = FaultKind.Hang, DelayMs = 30_000 });
        using var connection = Connection(server, Options(server, timeout: TimeSpan.FromSeconds(1)));

        var ex = await Assert.ThrowsAsync<LeanlyException>(() => connection.ConnectAsync(NullLog.Instance, CancellationToken.None));

        Assert.Equal(LeanlyErrorKind.Timeout, ex.Kind);
        Assert.Equal(server.TokenUri, ex.RequestUri);
        Assert.False(connection.IsConnected);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_reported_as_timeout()
    {
        await using var server = await LeanlyTestServer.StartAsync();
        using var connection = await ConnectAsync(server);
        server.Faults.Enqueue(FaultEndpoint.GraphQL, new FaultSpec { Kind = FaultKind.Hang, DelayMs = 30_000 });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var ex = await Record.ExceptionAsync(() => connection.ExecuteAsync(new GraphQLRequest("{ counter }"), NullLog.Instance, cancel.Token));

        Assert.IsAssignableFrom<OperationCanceledException>(ex);
    }

    [Theory]
    [InlineData(302, FaultEndpoint.GraphQL)]
    [InlineData(307, FaultEndpoint.GraphQL)]
    [InlineData(308, FaultEndpoint.Token)]
    public async Task Redirect_is_not_followed(int status, FaultEndpoint endpoint)
    {
        await using var server = await LeanlyTestServer.StartAsync();
        using var connection = endpoint == FaultEndpoint.Token ? Connection(server) : await ConnectAsync(server);
        server.Faults.Enqueue(endpoint, new FaultSpec { Kind = FaultKind.Redirect, Status = status, Location = "http://127.0.0.1:1/elsewhere?access_token=QQ-LEAK" });

        var ex = await Assert.ThrowsAsync<LeanlyException>(() => endpoint == FaultEndpoint.Token
            ? connection.ConnectAsync(NullLog.Instance, CancellationToken.None)
            : ClientIdAsync(connection));

        Assert.Equal(LeanlyErrorKind.Redirected, ex.Kind);
        Assert.Equal(status, ex.StatusCode);
        Assert.Contains("http://127.0.0.1:1/elsewhere", ex.Message);
        Assert.DoesNotContain("QQ-LEAK", ex.Message);
        Assert.Equal(1, endpoint == FaultEndpoint.Token ? server.Stats.TokenRequests : server.Stats.GraphQLRequests);
    }

    [Fact]
    public async Task Relative_redirect_names_the_location()
    {
        await using var server = await LeanlyTestServer.StartAsync();
        using var connection = await ConnectAsync(server);
        server.Faults.Enqueue(FaultEndpoint.GraphQL, new FaultSpec { Kind = FaultKind.Redirect, Location = "/login?next=x" });

        var ex = await Assert.ThrowsAsync<LeanlyException>(() => ClientIdAsync(connection));

        Assert.Equal(LeanlyErrorKind.Redirected, ex.Kind);
        Assert.Contains("/login", ex.Message);
    }

    [Fact]
    public async Task Html_page_instead_of_graphql_is_an_invalid_response()
    {
        await using var server = await LeanlyTestServer.StartAsync();
        using var connection = await ConnectAsync(server);
        server.Faults.Enqueue(FaultEndpoint.GraphQL, new FaultSpec { Kind = FaultKind.Html, Status = 200 });

        var ex = await Assert.ThrowsAsync<LeanlyException>(() => ClientIdAsync(connection));

        Assert.Equal(LeanlyErrorKind.InvalidGraphQLResponse, ex.Kind);
        Assert.Contains("text/html", ex.Message);
    }

    [Theory]
    [InlineData(FaultKind.Malformed)]
    [InlineData(FaultKind.Truncated)]
    public async Task Broken_graphql_answers_are_leanly_exceptions(FaultKind kind)
    {
        await using var server = await LeanlyTestServer.StartAsync();
        using var connection = await ConnectAsync(server);
        server.Faults.Enqueue(FaultEndpoint.GraphQL, new FaultSpec { Kind = kind });

        var ex = await Assert.ThrowsAsync<LeanlyException>(() => ClientIdAsync(connection));

        Assert.Equal(LeanlyErrorKind.InvalidGraphQLResponse, ex.Kind);
    }

    [Theory]
    [InlineData(FaultKind.Malformed)]
    [InlineData(FaultKind.Truncated)]
    [InlineData(FaultKind.Html)]
    public async Task Broken_token_answers_are_invalid_token_responses(FaultKind kind)
    {
        await using var server = await LeanlyTestServer.StartAsync();
        server.Faults.Enqueue(FaultEndpoint.Token, new FaultSpec { Kind = kind });
        using var connection = Connection(server);

        var ex = await Assert.ThrowsAsync<LeanlyException>(() => connection.ConnectAsync(NullLog.Instance, CancellationToken.None));

        Assert.Equal(LeanlyErrorKind.InvalidTokenResponse, ex.Kind);
        foreach (var token in server.Tokens.AccessTokens.Concat(server.Tokens.RefreshTokens))
        {
            Assert.DoesNotContain(token, TestUtil.EverythingShown(ex));
        }
    }

    [Fact]
    public async Task Oversized_token_answer_is_refused()
    {
        await using var server = await LeanlyTestServer.StartAsync();
        server.Faults.Enqueue(FaultEndpoint.Token, new FaultSpec { Kind = FaultKind.Big, SizeBytes = 3_000_000 });
        using var connection = Connection(server);

        var ex = await Assert.ThrowsAsync<LeanlyException>(() => connection.ConnectAsync(NullLog.Instance, CancellationToken.None));

        Assert.Equal(LeanlyErrorKind.InvalidTokenResponse, ex.Kind);
        Assert.Contains("1 MiB", ex.Message);
    }

    [Fact]
    public async Task Connection_refused_is_a_network_error()
    {
        int port;
        await using (var server = await LeanlyTestServer.StartAsync())
        {
            port = server.Port;
        }

        var options = new LeanlyConnectionOptions
        {
            TokenUri = new Uri($"http://127.0.0.1:{port}/token"),
            ApiUri = new Uri($"http://127.0.0.1:{port}/graphql"),
            Timeout = AttemptBound,
            Retry = new RetryPolicy { MaxRetries = 1, BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(10) },
        };
        using var connection = new LeanlyConnection(new FixedCredentialSource("ClientSecret", "test", "id", TestUtil.Secure("secret")), options);

        var ex = await Assert.ThrowsAsync<LeanlyException>(() => connection.ConnectAsync(NullLog.Instance, CancellationToken.None));

        Assert.Equal(LeanlyErrorKind.NetworkError, ex.Kind);
        Assert.Contains("refused", ex.Message);
    }
}
