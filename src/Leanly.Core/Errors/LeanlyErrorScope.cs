using System;

namespace Leanly.Errors;

/// <summary>Whether a failure is about one request, or about the connection that every request shares.</summary>
public static class LeanlyErrorScope
{
    /// <summary>
    /// True when a failure of <paramref name="kind"/> is about one request: its answer (an HTTP error, a timeout, an
    /// answer that is not GraphQL, a dropped connection, throttling or unavailability that outlasted the retries) or
    /// the request itself (its variables, its document). The other requests of a batch may still succeed, so a batch
    /// reports it for that input and goes on. False when it is about the connection (credentials, tokens, certificates,
    /// TLS, the proxy, the endpoints, a closed connection) or a bug: every other request would fail the same way.
    /// </summary>
    public static bool IsConfinedToOneRequest(this LeanlyErrorKind kind) => kind switch
    {
        LeanlyErrorKind.GraphQLHttpError
            or LeanlyErrorKind.InvalidGraphQLResponse
            or LeanlyErrorKind.Timeout
            or LeanlyErrorKind.Throttled
            or LeanlyErrorKind.ServerUnavailable
            or LeanlyErrorKind.NetworkError
            or LeanlyErrorKind.GraphQLError
            or LeanlyErrorKind.InvalidRequest
            or LeanlyErrorKind.QueryFileNotFound
            or LeanlyErrorKind.PagingNoCursorVariable
            or LeanlyErrorKind.PagingFailed
            or LeanlyErrorKind.PagingLoop => true,
        _ => false,
    };

    /// <summary>
    /// <see cref="IsConfinedToOneRequest(LeanlyErrorKind)"/> for this failure of a request to <paramref name="apiUri"/>,
    /// except where it says the connection itself is in trouble: a failure of another endpoint (the token endpoint,
    /// during a renewal), an HTTP 404 Not Found, 405 Method Not Allowed or 410 Gone, or no server reached at all
    /// (connection refused, DNS) after the retries. Every other request would get the same, so a batch ends instead of
    /// writing one error per input.
    /// </summary>
    public static bool IsConfinedToOneRequest(this LeanlyException failure, Uri apiUri) =>
        failure.Kind.IsConfinedToOneRequest()
        && (failure.RequestUri is null || failure.RequestUri == apiUri)
        && !(failure.Kind == LeanlyErrorKind.GraphQLHttpError && failure.StatusCode is 404 or 405 or 410)
        && !(failure.Kind == LeanlyErrorKind.NetworkError && failure.ServerUnreachable);
}
