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

    /// <summary>Takes the fault for one request, if any is queued.</summary>
    public FaultSpec? TryTake(FaultEndpoint endpoint)
    {
        lock (_gate)
        {
            var queue = _queues[endpoint];
            var head = queue.First;
            if (head is null)
            {
                return null;
            }

            head.Value.Remaining--;
            if (head.Value.Remaining == 0)
            {
                queue.RemoveFirst();
            }

            return head.Value.Fault;
        }
    }

    private sealed class Entry(FaultSpec fault, int remaining)
    {
        public FaultSpec Fault { get; } = fault;

        public int Remaining { get; set; } = remaining;
    }
}
