using Leanly.Auth;
using Leanly.Core.Tests.Support;
using Leanly.Errors;
using Leanly.Http;
using Leanly.TestServer;
using static Leanly.Core.Tests.Server.ServerHarness;

namespace Leanly.Core.Tests.Server;

/// <summary>RFC 6749 2.3.1: id and secret are form-url-encoded, in the body or before Base64 in HTTP Basic.</summary>
public class TokenRequestEncodingTests
{
    private const string OddId = "clïent-ü";
    private const string OddSecret = "+&=% ü\"'";

    public static TheoryData<ClientAuthenticationMethod, string, string> Cases => new()
    {
        { ClientAuthenticationMethod.Body, OddId, OddSecret },
        { ClientAuthenticationMethod.Basic, OddId, OddSecret },
        { ClientAuthenticationMethod.Basic, "id:with:colons", "secret:with:colons" },
        { ClientAuthenticationMethod.Basic, "id+plus%41", "s+p%41" },
        { ClientAuthenticationMethod.Body, "id+plus%41", "s+p%41" },
        { ClientAuthenticationMethod.Body, "plain", "a+b c%2B~!*()/?#[]@$,;" },
        { ClientAuthenticationMethod.Basic, "plain", "a+b c%2B~!*()/?#[]@$,;" },
        { ClientAuthenticationMethod.Body, "emoji-😀", "秘密-😀-\u00A0" },
        { ClientAuthenticationMethod.Basic, "emoji-😀", "秘密-😀-\u00A0" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Odd_client_id_and_secret_survive_the_round_trip(ClientAuthenticationMethod method, string clientId, string secret)
    {
        await using var server = await LeanlyTestServer.StartAsync(new TestServerSettings
        {
            Clients = [new TestClient(clientId, secret, ["read"])],
        });
        using var connection = new LeanlyConnection(
            new FixedCredentialSource("ClientSecret", "test", clientId, TestUtil.Secure(secret)),
            Options(server, method));
        var log = new RecordingLog();

        await connection.ConnectAsync(log, CancellationToken.None);
        Assert.Equal(method == ClientAuthenticationMethod.Basic ? "basic" : "body", server.Stats.LastClientAuthentication);
        Assert.Equal(clientId, await ClientIdAsync(connection));

        // The refresh grant authenticates the same way.
        await connection.RefreshAsync(log, CancellationToken.None);
        Assert.Equal(1, server.Stats.RefreshTokenRequests);
        Assert.Equal(0, server.Stats.TokenFailures);
        Assert.Equal(method == ClientAuthenticationMethod.Basic ? "basic" : "body", server.Stats.LastClientAuthentication);
        foreach (var form in TestUtil.Forms(secret))
        {
            Assert.DoesNotContain(form, log.All);
        }
    }

    [Theory]
    [InlineData(ClientAuthenticationMethod.Body)]
    [InlineData(ClientAuthenticationMethod.Basic)]
    public async Task A_secret_that_differs_by_one_character_is_refused(ClientAuthenticationMethod method)
    {
        await using var server = await LeanlyTestServer.StartAsync(new TestServerSettings
        {
            Clients = [new TestClient(OddId, OddSecret, ["read"])],
        });
        using var connection = new LeanlyConnection(
            new FixedCredentialSource("ClientSecret", "test", OddId, TestUtil.Secure(OddSecret.Replace('+', ' '))),
            Options(server, method));
        var ex = await Assert.ThrowsAsync<LeanlyException>(() => connection.ConnectAsync(NullLog.Instance, CancellationToken.None));
        Assert.Equal("invalid_client", ex.OAuthError);
    }

    [Fact]
    public async Task Requested_scopes_are_sent_and_granted()
    {
        await using var server = await LeanlyTestServer.StartAsync();
        var options = Options(server);
        options.Scopes = ["read"];
        using var connection = await ConnectAsync(server, options);
        Assert.Equal("read", server.Stats.LastScope);
        Assert.Equal(new[] { "read" }, connection.Scope);
    }
}
