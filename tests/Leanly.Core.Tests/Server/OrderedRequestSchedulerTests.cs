using System.Globalization;
using Leanly.Bulk;
using Leanly.Errors;
using Leanly.GraphQL;
using Leanly.Http;
using Leanly.TestServer;
using Leanly.TestServer.Faults;
using static Leanly.Core.Tests.Server.ServerHarness;

namespace Leanly.Core.Tests.Server;

/// <summary>The ordered request queue and the pager against the real test server: order, bounds, cancellation, the shared pause.</summary>
public class OrderedRequestSchedulerTests
{
    private const string Echo = "query($i: String!) { echo(text: $i) }";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Results_come_back_in_input_order_with_at_most_the_limit_in_flight()
    {
        await using var server = await LeanlyTestServer.StartAsync(new TestServerSettings { GraphQLJitterMs = 40 });
        using var connection = await ConnectAsync(server);
        using var queue = new OrderedRequestScheduler<GraphQLResponse>(6, CancellationToken.None);
        server.Reset();
        var output = new List<string>();

        for (var i = 1; i <= 40; i++)
        {
            var request = new GraphQLRequest(Echo, new Dictionary<string, object?> { ["i"] = i.ToString(CultureInfo.InvariantCulture) });
            queue.Add(i, async (lane, token) => await lane.DeliverAsync(await lane.SendAsync(t => connection.ExecuteAsync(request, NullLog.Instance, t), token), token));
            Drain(queue, output, untilNotFull: true);
        }

        Drain(queue, output, untilNotFull: false);

        Assert.Equal(Enumerable.Range(1, 40).Select(i => i.ToString(CultureInfo.InvariantCulture)), output);
        Assert.InRange(server.Traffic.MaxInFlight, 2, 6);
        Assert.InRange(queue.MaxInFlight, 2, 6);
    }

    [Fact]
    public void A_failed_input_ends_at_its_turn_with_its_failure()
    {
        using var queue = new OrderedRequestScheduler<int>(4, CancellationToken.None);

        queue.Add("a", (lane, token) => lane.DeliverAsync(1, token));
        queue.Add("b", (_, _) => throw new LeanlyException(LeanlyErrorKind.NetworkError, "boom"));
        queue.Add("c", (lane, token) => lane.DeliverAsync(3, token));

        var seen = TakeAll(queue);

        Assert.Equal(["a=1", "end a ", "end b boom", "c=3", "end c "], seen);
    }

    [Fact]
    public void An_input_refused_before_its_work_could_start_ends_at_its_turn_with_its_refusal()
    {
        using var queue = new OrderedRequestScheduler<int>(4, CancellationToken.None);

        queue.Add("a", async (lane, token) =>
        {
            await Task.Delay(100, token);
            await lane.DeliverAsync(1, token);
        });
        queue.AddFailed("b", new LeanlyException(LeanlyErrorKind.InvalidRequest, "refused"));
        queue.Add("c", (lane, token) => lane.DeliverAsync(3, token));

        var seen = TakeAll(queue);

        Assert.Equal(["a=1", "end a ", "end b refused", "c=3", "end c "], seen);
    }

    [Fact]
    public async Task Counts_the_requests_sent_for_queued_inputs_whose_results_were_not_taken()
    {
        await using var server = await LeanlyTestServer.StartAsync();
        using var connection = await ConnectAsync(server);
        server.Reset();
        using var queue = new OrderedRequestScheduler<GraphQLResponse>(4, CancellationToken.None);
        for (var i = 0; i < 3; i++)
        {
            var request = new GraphQLRequest("{ counter }");
            queue.Add(i, async (lane, token) => await lane.DeliverAsync(await lane.SendAsync(t => connection.ExecuteAsync(request, NullLog.Instance, t), token), token));
        }

        queue.AddFailed("refused", new LeanlyException(LeanlyErrorKind.InvalidRequest, "refused"));
        await WaitUntil(() => server.Traffic.Requests.Count(r => r.Endpoint == "graphql") == 3 && server.Traffic.InFlight == 0);
        Assert.Equal(3, queue.SentNotTaken);

        Assert.True(queue.TryTake(wait: true, out var first));
        first.Value.Dispose();
        Assert.Equal(2, queue.SentNotTaken);
    }

    [Fact]
    public void Failures_left_untaken_by_a_cancelled_batch_are_observed()
    {
        // A host that logs TaskScheduler.UnobservedTaskException (a runbook worker, a service) must not see the
        // failures of inputs that a stopped batch never got to.
        const string marker = "failure-left-untaken-7f3c";
        var unobserved = 0;
        EventHandler<UnobservedTaskExceptionEventArgs> count = (_, e) =>
        {
            if (e.Exception.Flatten().InnerExceptions.Any(inner => inner.Message.Contains(marker, StringComparison.Ordinal)))
            {
                Interlocked.Increment(ref unobserved);
            }
        };
        TaskScheduler.UnobservedTaskException += count;
        try
        {
            QueueFailuresAndCancel(marker);
            for (var i = 0; i < 3; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }

            Assert.Equal(0, unobserved);
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= count;
        }
    }

    // Kept out of the test's frame, so nothing there holds the tasks when the collector runs.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void QueueFailuresAndCancel(string marker)
    {
        using var queue = new OrderedRequestScheduler<string>(4, CancellationToken.None);
        queue.AddFailed("refused", new LeanlyException(LeanlyErrorKind.InvalidRequest, marker));
        queue.Add("fails", (_, _) => Task.FromException(new InvalidOperationException(marker)));
        Thread.Sleep(100); // lets the second input's work run and fail on the thread pool before the batch is stopped
        queue.Cancel();
    }

    [Fact]
    public async Task Cancel_stops_every_request_in_flight_and_sends_nothing_more()
    {
        await using var server = await LeanlyTestServer.StartAsync(new TestServerSettings { GraphQLLatencyMs = 5_000 });
        using var connection = await ConnectAsync(server);
        server.Reset();
        server.Settings.GraphQLLatencyMs = 5_000;
        using var queue = new OrderedRequestScheduler<GraphQLResponse>(4, CancellationToken.None);
        for (var i = 0; i < 4; i++)
        {
            var request = new GraphQLRequest("{ counter }");
            queue.Add(i, async (lane, token) => await lane.DeliverAsync(await lane.SendAsync(t => connection.ExecuteAsync(request, NullLog.Instance, t), token), token));
        }

        await WaitUntil(() => server.Traffic.InFlight == 4);
        queue.Cancel();

        await WaitUntil(() => server.Traffic.InFlight == 0);
        Assert.Throws<OperationCanceledException>(() => queue.TryTake(wait: true, out _));
        await Task.Delay(300);
        Assert.Equal(4, server.Traffic.Requests.Count(r => r.Endpoint == "graphql"));
    }

    [Fact]
    public async Task A_429_with_Retry_After_pauses_every_sender_of_the_connection()
    {
        await using var server = await LeanlyTestServer.StartAsync();
        using var connection = await ConnectAsync(server);
        server.Reset();
        server.Settings.GraphQLLatencyMs = 100;
        server.Faults.Enqueue(FaultEndpoint.GraphQL, new FaultSpec { Kind = FaultKind.Status, Status = 429, RetryAfter = "2" }, 1);
        var sends = Enumerable.Range(0, 12).Select(i => connection.ExecuteAsync(new GraphQLRequest("{ counter }"), NullLog.Instance, CancellationToken.None)).ToArray();
        foreach (var response in await Task.WhenAll(sends))
        {
            Assert.Empty(response.Errors);
            response.Dispose();
        }

        var requests = server.Traffic.Requests;
        var throttled = Assert.Single(requests, r => r.Status == 429);
        Assert.DoesNotContain(requests, r => r.StartMs > throttled.EndMs + 300 && r.StartMs < throttled.EndMs + 1_700);
        Assert.Equal(13, server.Stats.GraphQLRequests);
    }

    [Fact]
    public async Task The_pager_asks_for_the_next_page_when_the_reader_takes_one_and_never_further_ahead()
    {
        await using var server = await LeanlyTestServer.StartAsync(new TestServerSettings { ItemCount = 30 });
        using var connection = await ConnectAsync(server);
        server.Reset();
        server.Settings.ItemCount = 30;
        var request = new GraphQLRequest("query($after: String) { items(first: 10, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }");
        Assert.Null(RelayPager.CheckCursorVariable(request, "after"));
        var pager = new RelayPager(connection, request, null, "after");
        using var queue = new OrderedRequestScheduler<RelayPageAnswer>(1, CancellationToken.None);
        queue.Add("input", (lane, token) => pager.RunAsync(lane, NullLog.Instance, token));

        var pages = new List<int>();
        while (queue.Count > 0)
        {
            if (!queue.TryTake(wait: true, out var result) || result.IsEnd)
            {
                continue;
            }

            using var answer = result.Value;
            pages.Add(answer.Page!.Items.Count);
            if (!answer.IsLast)
            {
                // Taking page n sends page n+1 and nothing after it, however long the reader takes.
                await WaitUntil(() => server.Stats.GraphQLRequests == answer.Number + 1);
                await Task.Delay(200);
                Assert.Equal(answer.Number + 1, server.Stats.GraphQLRequests);
            }
        }

        Assert.Equal([10, 10, 10], pages);
        Assert.Equal(3, server.Stats.GraphQLRequests);
    }

    [Fact]
    public void A_query_without_the_cursor_variable_is_refused_before_sending()
    {
        var problem = RelayPager.CheckCursorVariable(new GraphQLRequest("{ items { nodes { id } pageInfo { hasNextPage endCursor } } }"), "after");
        Assert.NotNull(problem);
        Assert.Equal(LeanlyErrorKind.PagingNoCursorVariable, problem!.Kind);
    }

    private static void Drain(OrderedRequestScheduler<GraphQLResponse> queue, List<string> output, bool untilNotFull)
    {
        while (untilNotFull ? queue.IsFull : queue.Count > 0)
        {
            if (queue.TryTake(wait: true, out var result) && !result.IsEnd)
            {
                using var response = result.Value;
                output.Add(response.Data.GetProperty("echo").GetString()!);
            }
        }
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold in time.");
            await Task.Delay(10);
        }
    }

    // Every result and end, in the order the reader gets them: "input=value" or "end input failure-message".
    private static List<string> TakeAll(OrderedRequestScheduler<int> queue)
    {
        var seen = new List<string>();
        while (queue.Count > 0)
        {
            if (queue.TryTake(wait: true, out var result))
            {
                seen.Add(result.IsEnd ? $"end {result.Input} {result.Failure?.Message}" : $"{result.Input}={result.Value}");
            }
        }

        return seen;
    }
}
