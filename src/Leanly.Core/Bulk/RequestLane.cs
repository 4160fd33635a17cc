using System;
using System.Threading;
using System.Threading.Tasks;

namespace Leanly.Bulk;

/// <summary>
/// The work of one input in an <see cref="OrderedRequestScheduler{T}"/>: sends its requests (counted as in flight) and
/// hands each result over one at a time. <see cref="DeliverAsync"/> returns only when the caller has taken the result,
/// so an input never runs ahead of its reader by more than the request it is sending.
/// </summary>
public sealed class RequestLane<T>
{
    private readonly OrderedRequestScheduler<T> _queue;
    private readonly object _sync = new();
    private TaskCompletionSource<bool>? _taken;
    private T _pending = default!;
    private bool _hasPending;
    private int _sentCount;
    private int _takenCount;

    internal RequestLane(OrderedRequestScheduler<T> queue, object? input)
    {
        _queue = queue;
        Input = input;
    }

    public object? Input { get; }

    internal Task? Work { get; set; }

    /// <summary>Requests this input sent whose results the reader has not taken (each request delivers one result).</summary>
    internal int SentNotTaken
    {
        get
        {
            lock (_sync)
            {
                return Volatile.Read(ref _sentCount) - _takenCount;
            }
        }
    }

    /// <summary>Runs one request, counted among the queue's requests in flight.</summary>
    public async Task<TResponse> SendAsync<TResponse>(Func<CancellationToken, Task<TResponse>> send, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Increment(ref _sentCount);
        _queue.RequestStarted();
        try
        {
            return await send(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _queue.RequestEnded();
        }
    }

    /// <summary>Hands <paramref name="value"/> to the reader and waits until it is taken (or disposes it if it never will be).</summary>
    public async Task DeliverAsync(T value, CancellationToken cancellationToken)
    {
        var taken = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_sync)
        {
            _pending = value;
            _hasPending = true;
            _taken = taken;
        }

        _queue.Signal();
        using (cancellationToken.Register(() => taken.TrySetCanceled()))
        {
            try
            {
                await taken.Task.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                DisposeUntaken();
                throw;
            }
        }
    }

    internal bool TryTake(out T value)
    {
        TaskCompletionSource<bool>? taken;
        lock (_sync)
        {
            if (!_hasPending)
            {
                value = default!;
                return false;
            }

            value = _pending;
            _pending = default!;
            _hasPending = false;
            _takenCount++;
            taken = _taken;
            _taken = null;
        }

        taken?.TrySetResult(true);
        return true;
    }

    internal void DisposeUntaken()
    {
        if (TryTake(out var value))
        {
            (value as IDisposable)?.Dispose();
        }
    }
}
