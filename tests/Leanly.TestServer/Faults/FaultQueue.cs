namespace Leanly.TestServer.Faults;

/// <summary>Faults waiting for the next requests to each endpoint, served first in, first out.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "It is a first-in, first-out queue of faults; the name says so.")]
public sealed class FaultQueue
{
    private readonly object _gate = new();
    private readonly Dictionary<FaultEndpoint, LinkedList<Entry>> _queues = new()
    {
        [FaultEndpoint.Token] = new LinkedList<Entry>(),
        [FaultEndpoint.GraphQL] = new LinkedList<Entry>(),
    };

    /// <summary>Queues <paramref name="fault"/> for the next <paramref name="count"/> requests to <paramref name="endpoint"/>.</summary>
    public void Enqueue(FaultEndpoint endpoint, FaultSpec fault, int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        lock (_gate)
        {
            _queues[endpoint].AddLast(new Entry(fault, count));
        }
    }

    /// <summary>Number of requests to <paramref name="endpoint"/> that will still be faulted.</summary>
    public int Pending(FaultEndpoint endpoint)
    {
        lock (_gate)
        {
            return _queues[endpoint].Sum(e => e.Remaining);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            foreach (var queue in _queues.Values)
            {
                queue.Clear();
            }
        }
    }

    /// <summary>Whether a queued fault for <paramref name="endpoint"/> picks its request by body, so the body must be read first.</summary>
    public bool NeedsBody(FaultEndpoint endpoint)
    {
        lock (_gate)
        {
            return _queues[endpoint].Any(e => e.Fault.WhenBodyContains is not null);
        }
    }

    /// <summary>
    /// Takes the fault for one request, if any is queued for it: the first one that either picks no body or picks
    /// <paramref name="body"/> (null when the body was not read).
    /// </summary>
    public FaultSpec? TryTake(FaultEndpoint endpoint, string? body = null)
    {
        lock (_gate)
        {
            var queue = _queues[endpoint];
            for (var node = queue.First; node is not null; node = node.Next)
            {
                var wanted = node.Value.Fault.WhenBodyContains;
                if (wanted is not null && (body is null || !body.Contains(wanted, StringComparison.Ordinal)))
                {
                    continue;
                }

                node.Value.Remaining--;
                if (node.Value.Remaining == 0)
                {
                    queue.Remove(node);
                }

                return node.Value.Fault;
            }

            return null;
        }
    }

    private sealed class Entry(FaultSpec fault, int remaining)
    {
        public FaultSpec Fault { get; } = fault;

        public int Remaining { get; set; } = remaining;
    }
}
