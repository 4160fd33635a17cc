namespace Leanly.GraphQL;

/// <summary>Why paging stopped early, when the server's answer made going on impossible.</summary>
public enum RelayPagingProblem
{
    None,

    /// <summary>The answer has no Relay connection where one was expected.</summary>
    ConnectionNotFound,

    /// <summary>The server's cursors would page for ever (a cursor repeated, or hasNextPage with no endCursor).</summary>
    Loop,
}
