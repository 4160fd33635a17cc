using System;
using Leanly.Errors;

namespace Leanly.GraphQL;

/// <summary>One page as <see cref="RelayPager"/> hands it over: the answer, the Relay connection found in it, and why paging stops here if it does.</summary>
public sealed class RelayPageAnswer : IDisposable
{
    internal RelayPageAnswer(GraphQLResponse response, int number, long itemsBefore, RelayPage? page, RelayPagingProblem problem, LeanlyException? problemError)
    {
        Response = response;
        Number = number;
        ItemsBefore = itemsBefore;
        Page = page;
        Problem = problem;
        ProblemError = problemError;
    }

    public GraphQLResponse Response { get; }

    /// <summary>Where the connection is in data (such as items or viewer.items), once found.</summary>
    public string? ConnectionPath { get; internal set; }

    /// <summary>1 for the first page.</summary>
    public int Number { get; }

    /// <summary>Items in the pages before this one.</summary>
    public long ItemsBefore { get; }

    /// <summary>The connection whose items to output; null when the answer has no data, or its items must not be output (a repeated page).</summary>
    public RelayPage? Page { get; }

    public RelayPagingProblem Problem { get; }

    /// <summary>Says what went wrong when <see cref="Problem"/> is not None.</summary>
    public LeanlyException? ProblemError { get; }

    /// <summary>True when no page follows this one.</summary>
    public bool IsLast => Problem != RelayPagingProblem.None || Page is null || !Page.HasNextPage;

    public void Dispose() => Response.Dispose();
}
