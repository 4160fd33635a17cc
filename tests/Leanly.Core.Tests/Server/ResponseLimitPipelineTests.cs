using Leanly.Errors;
using Leanly.TestServer;
using Leanly.TestServer.Faults;
using static Leanly.Core.Tests.Server.ServerHarness;

namespace Leanly.Core.Tests.Server;

/// <summary>LeanlyConnectionOptions.MaxResponseBytes through the real transport: every reader of the connection gets it.</summary>
public class ResponseLimitPipelineTests
{
    private const long Limit = 1024 * 1024;

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task An_answer_past_the_limit_fails_with_its_own_kind_and_the_connection_goes_on(bool gzip, bool contentLength)
    {
        await using var server = await LeanlyTestServer.StartAsync();
        var options = Options(server);
        options.MaxResponseBytes = Limit;
        using var connection = await ConnectAsync(server, options);
        server.Faults.Enqueue(FaultEndpoint.GraphQL, new FaultSpec { Kind = FaultKind.Big, SizeBytes = 1L << 36, Gzip = gzip, SendContentLength = contentLength });

        var ex = await Assert.ThrowsAsync<LeanlyException>(() => ClientIdAsync(connection));

        Assert.Equal(LeanlyErrorKind.ResponseTooLarge, ex.Kind);
        Assert.Contains("larger than the 1 MB allowed", ex.Message, StringComparison.Ordinal);
        Assert.Contains("-MaxResponseSizeMB", ex.RecommendedAction, StringComparison.Ordinal);
        Assert.Equal(TestServerSettings.DefaultClientId, await ClientIdAsync(connection));
    }

    [Fact]
    public async Task The_token_endpoint_has_the_same_limit()
    {
        await using var server = await LeanlyTestServer.StartAsync();
        var options = Options(server);
        options.MaxResponseBytes = 64 * 1024;
        server.Faults.Enqueue(FaultEndpoint.Token, new FaultSpec { Kind = FaultKind.Big, SizeBytes = 1L << 36 });

        var ex = await Assert.ThrowsAsync<LeanlyException>(() => ConnectAsync(server, options));

        Assert.Equal(LeanlyErrorKind.ResponseTooLarge, ex.Kind);
        Assert.Contains("token request", ex.Message, StringComparison.Ordinal);
    }
}
