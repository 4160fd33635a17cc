using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Leanly.GraphQL;
using Leanly.Http;

namespace Leanly.Core.Tests.Support;

internal static class GraphQLReading
{
    public static readonly Uri ApiUri = new("https://api.example.test/graphql");

    public static Task<GraphQLResponse> ReadAsync(string body, int status = 200, string? contentType = "application/json") =>
        ReadAsync(Encoding.UTF8.GetBytes(body), status, contentType);

    public static async Task<GraphQLResponse> ReadAsync(byte[] body, int status = 200, string? contentType = "application/json", CancellationToken cancellationToken = default)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new ByteArrayContent(body) };
        if (contentType is not null)
        {
            response.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        using var stream = new CountingStream(new MemoryStream(body, writable: false));
        return await GraphQLResponseReader.ReadAsync(response, stream, ApiUri, cancellationToken);
    }
}
