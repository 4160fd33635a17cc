using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace Leanly;

/// <summary>POSTs one GraphQL request with a bearer token. A 401 comes back as null so the connection can renew and replay.</summary>
internal sealed class GraphQLTransport
{
    private readonly HttpPipeline _http;
    private readonly Uri _apiUri;

    public GraphQLTransport(HttpPipeline http, Uri apiUri)
    {
        _http = http;
        _apiUri = apiUri;
    }

    public Task<GraphQLResponse?> SendAsync(GraphQLRequest request, byte[] body, string accessToken, ILeanlyLog log, CancellationToken cancellationToken)
    {
        var purpose = request.IsMutation ? "GraphQL mutation" : "GraphQL request";
        var spec = new RequestSpec(_apiUri, () => CreateMessage(body, accessToken), purpose, mayReplayAfterSend: !request.IsMutation);
        return _http.SendAsync(spec, ReadAsync, log, cancellationToken);
    }

    private HttpRequestMessage CreateMessage(byte[] body, string accessToken)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, _apiUri) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json", 0.9));
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
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
