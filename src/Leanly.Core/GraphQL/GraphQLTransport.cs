using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Leanly.Auth;
using Leanly.Http;

namespace Leanly.GraphQL;

/// <summary>POSTs one GraphQL request with a bearer token. A 401 comes back as null so the connection can renew and replay.</summary>
internal sealed class GraphQLTransport
{
    private readonly HttpPipeline _http;
    private readonly Uri _apiUri;
    private readonly ThrottleGate _gate = new();

    public GraphQLTransport(HttpPipeline http, Uri apiUri)
    {
        _http = http;
        _apiUri = apiUri;
    }

    // Constant, well-formed values go in unparsed: typed header objects cost a parse and several allocations per request.
    private const string Accept = "application/graphql-response+json, application/json;q=0.9";
    private const string ContentType = "application/json; charset=utf-8";

    public Task<GraphQLResponse?> SendAsync(GraphQLRequest request, ArraySegment<byte> body, TokenSet tokens, ILeanlyLog log, CancellationToken cancellationToken)
    {
        var purpose = request.IsMutation ? "GraphQL mutation" : "GraphQL request";
        var spec = new RequestSpec(_apiUri, () => CreateMessage(body, tokens.Authorization), purpose, mayReplayAfterSend: !request.IsMutation) { Gate = _gate };
        return _http.SendAsync(spec, ReadAsync, log, cancellationToken);
    }

    // The token's characters were checked when it was issued (TokenResponseParser), so the raw header cannot break the request line.
    private HttpRequestMessage CreateMessage(ArraySegment<byte> body, string authorization)
    {
        var content = new ByteArrayContent(body.Array!, body.Offset, body.Count);
        content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        var message = new HttpRequestMessage(HttpMethod.Post, _apiUri) { Content = content };
        message.Headers.TryAddWithoutValidation("Accept", Accept);
        message.Headers.TryAddWithoutValidation("Authorization", authorization);
        return message;
    }

    private async Task<GraphQLResponse?> ReadAsync(HttpResponseMessage response, CountingStream body, CancellationToken cancellationToken)
    {
        if ((int)response.StatusCode == 401)
        {
            return null;
        }

        return await GraphQLResponseReader.ReadAsync(response, body, _apiUri, cancellationToken).ConfigureAwait(false);
    }
}
