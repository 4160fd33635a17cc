using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Leanly;

/// <summary>Parses a GraphQL answer straight from the response stream and checks that it has the GraphQL shape.</summary>
internal static class GraphQLResponseReader
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 512 };

    public static async Task<GraphQLResponse> ReadAsync(HttpResponseMessage response, CountingStream body, Uri apiUri, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var contentType = response.Content.Headers.ContentType?.ToString();
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(body, Options, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            throw Invalid(status, contentType, body, apiUri, "which is not JSON");
        }

        try
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(status, contentType, body, apiUri, $"a JSON {root.ValueKind} where a GraphQL response object was expected");
            }

            var hasData = root.TryGetProperty("data", out _);
            var hasErrors = root.TryGetProperty("errors", out var errorsElement);
            if (!hasData && !hasErrors)
            {
                throw Invalid(status, contentType, body, apiUri, "a JSON object with neither data nor errors");
            }

            var errors = new List<GraphQLError>();
            if (hasErrors && errorsElement.ValueKind != JsonValueKind.Null)
            {
                if (errorsElement.ValueKind != JsonValueKind.Array)
                {
                    throw Invalid(status, contentType, body, apiUri, $"errors as a JSON {errorsElement.ValueKind} where an array was expected");
                }

                foreach (var error in errorsElement.EnumerateArray())
                {
                    errors.Add(GraphQLError.From(error));
                }
            }

            return new GraphQLResponse(status, document, errors, body.BytesRead);
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json reads lone surrogates and invalid UTF-8 inside strings only when the value is taken.
            document.Dispose();
            throw Invalid(status, contentType, body, apiUri, "an error entry with a string that is not valid Unicode");
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    private static LeanlyException Invalid(int status, string? contentType, CountingStream body, Uri apiUri, string what)
    {
        var description = TokenResponseParser.Describe(status, contentType, body.Head, body.HeadLength);
        if (status >= 200 && status <= 299)
        {
            return new LeanlyException(
                LeanlyErrorKind.InvalidGraphQLResponse,
                $"The GraphQL endpoint {apiUri} answered {description}: {what}.",
                "Check that -ApiUri points at the Leanly GraphQL endpoint and that no proxy or gateway replaces its answers.")
            {
                StatusCode = status,
                RequestUri = apiUri,
            };
        }

        return new LeanlyException(
            LeanlyErrorKind.GraphQLHttpError,
            $"The GraphQL endpoint {apiUri} failed with {description}.",
            status >= 500
                ? "The service had an internal error. Try again later; if it persists, contact Leanly support with the time of the request."
                : "Check -ApiUri and the request; the answer was not a GraphQL response.")
        {
            StatusCode = status,
            RequestUri = apiUri,
        };
    }
}
