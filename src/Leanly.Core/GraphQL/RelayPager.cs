using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Leanly.Bulk;
using Leanly.Errors;
using Leanly.Http;

namespace Leanly.GraphQL;

/// <summary>
/// Follows Relay cursor paging for one request, one page ahead of its reader: the request for page n+1 is sent as
/// soon as the reader takes page n (whose endCursor was read on arrival), while page n's items are still being
/// written, and never earlier, so at most one page waits beyond the one being read.
/// </summary>
public sealed class RelayPager
{
    private readonly LeanlyConnection _connection;
    private readonly GraphQLRequest _request;
    private readonly string? _pagePath;
    private readonly string _cursorVariable;

    public RelayPager(LeanlyConnection connection, GraphQLRequest request, string? pagePath, string cursorVariable)
    {
        _connection = connection;
        _request = request;
        _pagePath = pagePath;
        _cursorVariable = cursorVariable;
    }

    /// <summary>Null when <paramref name="request"/> declares <paramref name="cursorVariable"/>; otherwise the error that says how to write it.</summary>
    public static LeanlyException? CheckCursorVariable(GraphQLRequest request, string cursorVariable)
    {
        var operation = request.SelectedOperation;
        if (operation is not null && operation.Variables.Contains(cursorVariable))
        {
            return null;
        }

        var declared = operation is null || operation.Variables.Count == 0 ? "no variables" : "only $" + string.Join(", $", operation.Variables);
        return new LeanlyException(
            LeanlyErrorKind.PagingNoCursorVariable,
            $"-All needs the query to declare a ${cursorVariable} variable and pass it to the connection's after argument; this query declares {declared}.",
            $"Declare ${cursorVariable}: String in the query and pass it as the connection's after argument, or use -CursorVariable.");
    }

    /// <summary>Sends page after page through <paramref name="lane"/> and delivers each; ends after the last page, or the first one paging cannot go on from.</summary>
    public async Task RunAsync(RequestLane<RelayPageAnswer> lane, ILeanlyLog log, CancellationToken cancellationToken)
    {
        var variables = _request.Variables is null ? new Dictionary<string, object?>() : new Dictionary<string, object?>(_request.Variables);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long items = 0;
        for (var number = 1; ; number++)
        {
            var pageRequest = _request.WithVariables(new Dictionary<string, object?>(variables));
            var response = await lane.SendAsync(token => _connection.ExecuteAsync(pageRequest, log, token), cancellationToken).ConfigureAwait(false);
            RelayPageAnswer answer;
            try
            {
                answer = Read(response, number, items, seen, out var connectionPath);
                answer.ConnectionPath = connectionPath;
            }
            catch
            {
                response.Dispose();
                throw;
            }

            var next = answer.IsLast ? null : answer.Page!.EndCursor;
            items += answer.Page?.Items.Count ?? 0;
            await lane.DeliverAsync(answer, cancellationToken).ConfigureAwait(false);
            if (next is null)
            {
                return;
            }

            seen.Add(next);
            variables[_cursorVariable] = next;
        }
    }

    private RelayPageAnswer Read(GraphQLResponse response, int number, long itemsBefore, HashSet<string> seen, out string? connectionPath)
    {
        connectionPath = null;
        if (!response.HasData)
        {
            return new RelayPageAnswer(response, number, itemsBefore, null, RelayPagingProblem.None, null);
        }

        RelayPage page;
        try
        {
            page = RelayPage.Find(response.Data, _pagePath, response.DataJson);
        }
        catch (LeanlyException ex)
        {
            return new RelayPageAnswer(response, number, itemsBefore, null, RelayPagingProblem.ConnectionNotFound, ex);
        }

        connectionPath = page.Path;
        // A cursor seen before means this page repeats an earlier one: its items were output already.
        if (page.HasNextPage && !string.IsNullOrEmpty(page.EndCursor) && seen.Contains(page.EndCursor!))
        {
            return new RelayPageAnswer(response, number, itemsBefore, null, RelayPagingProblem.Loop, LoopError(number, itemsBefore, $"returned the cursor '{Redactor.Redact(page.EndCursor)}' a second time"));
        }

        if (page.HasNextPage && string.IsNullOrEmpty(page.EndCursor))
        {
            return new RelayPageAnswer(response, number, itemsBefore, page, RelayPagingProblem.Loop, LoopError(number, itemsBefore + page.Items.Count, "says hasNextPage is true but gives no endCursor"));
        }

        return new RelayPageAnswer(response, number, itemsBefore, page, RelayPagingProblem.None, null);
    }

    private static LeanlyException LoopError(int pages, long items, string why) =>
        new(
            LeanlyErrorKind.PagingLoop,
            $"-All stopped after {pages} page(s) and {items} items: the server {why}, so paging would never end.",
            "The server's paging is broken for this query; report it to Leanly support. The items already output are complete up to this page.");
}
