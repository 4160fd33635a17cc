using System;
using Leanly.GraphQL;

namespace Leanly.Errors;

/// <summary>
/// The only exception type the core lets escape. Its message is written for the user and never holds a
/// secret or a token: callers redact anything that came from the wire before it gets here, and an inner exception
/// from .NET whose message holds one is replaced by a redacted stand-in.
/// </summary>
public class LeanlyException : Exception
{
    public LeanlyException(LeanlyErrorKind kind, string message, string? recommendedAction = null, Exception? innerException = null)
        : base(message, Redactor.Clean(innerException))
    {
        Kind = kind;
        RecommendedAction = recommendedAction;
    }

    public LeanlyErrorKind Kind { get; }

    /// <summary>What the user should do next.</summary>
    public string? RecommendedAction { get; }

    /// <summary>The RFC 6749 section 5.2 error code (invalid_client, invalid_grant, ...) when the token endpoint sent one.</summary>
    public string? OAuthError { get; init; }

    public string? OAuthErrorDescription { get; init; }

    /// <summary>HTTP status of the answer that caused the error, when there was one.</summary>
    public int? StatusCode { get; init; }

    /// <summary>For a GraphQL error: the entry of the answer's errors (message, path, code, locations).</summary>
    public GraphQLError? GraphQLError { get; init; }

    /// <summary>On the record that stands for the errors past the first ones written: every error of the answer.</summary>
    public System.Collections.Generic.IReadOnlyList<GraphQLError>? GraphQLErrors { get; init; }

    /// <summary>
    /// True when no server was reached at all (connection refused, DNS, host unreachable, after the retries): every
    /// other request to that endpoint would fail the same way.
    /// </summary>
    public bool ServerUnreachable { get; init; }

    /// <summary>The endpoint the failing request went to.</summary>
    public Uri? RequestUri { get; init; }
}
