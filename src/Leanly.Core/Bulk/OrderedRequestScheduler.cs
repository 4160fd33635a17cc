using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Leanly.Bulk;

/// <summary>
/// Runs the requests of many inputs at once, at most <see cref="Limit"/> inputs at a time, and gives their results back
/// in input order: every result of input k before any of input k+1. One reader (the pipeline thread) takes results;
/// the inputs' work runs on the thread pool. Memory stays bounded: at most <see cref="Limit"/> inputs are queued, and
/// each holds at most one result waiting to be taken. Cancelling stops every input's work, and no request starts after.
/// </summary>
public sealed class OrderedRequestScheduler<T> : IDisposable
{
    private readonly Queue<RequestLane<T>> _lanes = new();
    private readonly CancellationTokenSource _cancellation;
    private readonly ManualResetEventSlim _changed = new(false, spinCount: 1);
    private int _inFlight;
    private int _maxInFlight;

    public OrderedRequestScheduler(int limit, CancellationToken cancellationToken)
    {
        if (limit < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), "The limit must be at least 1.");
        }

        Limit = limit;
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    /// <summary>How many inputs may have work running at once.</summary>
    public int Limit { get; }

    /// <summary>Inputs added and not yet ended by <see cref="TryTake"/>.</summary>
    public int Count => _lanes.Count;

    public bool IsFull => _lanes.Count >= Limit;

    /// <summary>The most requests that were in flight at the same time.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public CancellationToken Token => _cancellation.Token;

    /// <summary>
    /// Starts the work for <paramref name="input"/> at once; the caller takes results until the queue is no longer
    /// <see cref="IsFull"/> before adding more. The work sends through the lane and delivers its results there.
    /// </summary>
    public void Add(object? input, Func<RequestLane<T>, CancellationToken, Task> work)
    {
        var lane = Enqueue(input);
        var token = _cancellation.Token;
        lane.Work = Task.Run(() => work(lane, token), token);
        lane.Work.ContinueWith(
            ended =>
            {
                // Observed here, as a batch that stops may never take it: a host logging unobserved task exceptions would see it.
                _ = ended.Exception;
                Signal();
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>
    /// Queues an input whose work could not even start (it was refused before sending): <see cref="TryTake"/> ends it
    /// with <paramref name="failure"/> at its turn, after the results of the inputs added before it. Like
    /// <see cref="Add"/>, it takes a place in the queue.
    /// </summary>
    public void AddFailed(object? input, Exception failure)
    {
        var refused = Task.FromException(failure);
        _ = refused.Exception; // observed: a batch that stops may never take it
        Enqueue(input).Work = refused;
    }

    /// <summary>
    /// How many requests were sent for the inputs still queued whose results were not taken: what <see cref="Cancel"/>
    /// would leave unseen. Read it on the reader's thread.
    /// </summary>
    public int SentNotTaken => _lanes.Sum(lane => lane.SentNotTaken);

    /// <summary>
    /// The next result of the input at the head, or its end. Without <paramref name="wait"/> returns false at once when
    /// there is none yet; with it, blocks until something changed (a result, an end, or <see cref="Signal"/>) and then
    /// returns false if that was not a result for the head, so the caller can do other work (write log lines) and call again.
    /// </summary>
    public bool TryTake(bool wait, out QueuedResult<T> result)
    {
        while (true)
        {
            _changed.Reset();
            if (TryTakeNow(out result))
            {
                return true;
            }

            if (!wait || _lanes.Count == 0)
            {
                return false;
            }

            _changed.Wait(_cancellation.Token);
            wait = false;
        }
    }

    /// <summary>Wakes a reader blocked in <see cref="TryTake"/> (a result arrived, work ended, or a log line waits).</summary>
    public void Signal() => _changed.Set();

    /// <summary>Stops every input's work; results not taken yet are disposed.</summary>
    public void Cancel()
    {
        if (!_cancellation.IsCancellationRequested)
        {
            _cancellation.Cancel();
        }

        foreach (var lane in _lanes)
        {
            lane.DisposeUntaken();
        }
    }

    public void Dispose()
    {
        Cancel();
        _lanes.Clear();
        _cancellation.Dispose();
        _changed.Dispose();
    }

    internal void RequestStarted()
    {
        var now = Interlocked.Increment(ref _inFlight);
        int max;
        while (now > (max = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, max) != max)
        {
        }
    }

    internal void RequestEnded() => Interlocked.Decrement(ref _inFlight);

    private RequestLane<T> Enqueue(object? input)
    {
        if (IsFull)
        {
            throw new InvalidOperationException("The queue is full: take results until it is not before adding an input.");
        }

        var lane = new RequestLane<T>(this, input);
        _lanes.Enqueue(lane);
        return lane;
    }

    private bool TryTakeNow(out QueuedResult<T> result)
    {
        if (_lanes.Count == 0)
        {
            result = default;
            return false;
        }

        var head = _lanes.Peek();
        if (head.TryTake(out var value))
        {
            result = new QueuedResult<T>(head.Input, value, isEnd: false, failure: null);
            return true;
        }

        var work = head.Work!;
        if (!work.IsCompleted)
        {
            result = default;
            return false;
        }

        // The work may have delivered its last result just before it ended.
        if (head.TryTake(out value))
        {
            result = new QueuedResult<T>(head.Input, value, isEnd: false, failure: null);
            return true;
        }

        _lanes.Dequeue();
        if (work.IsCanceled || (work.IsFaulted && _cancellation.IsCancellationRequested))
        {
            _cancellation.Token.ThrowIfCancellationRequested();
            throw new OperationCanceledException(_cancellation.Token);
        }

        var failure = work.IsFaulted ? Unwrap(work.Exception!) : null;
        result = new QueuedResult<T>(head.Input, default!, isEnd: true, failure: failure);
        return true;
    }

    private static Exception Unwrap(AggregateException exception) =>
        exception.InnerExceptions.Count == 1 ? exception.InnerExceptions[0] : exception;
}
