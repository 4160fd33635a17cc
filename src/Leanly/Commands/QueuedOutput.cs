using System;
using System.Management.Automation;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Leanly.Bulk;
using Leanly.Errors;
using Leanly.Http;
using Leanly.Session;

namespace Leanly.Commands;

/// <summary>
/// Runs a command's inputs through an <see cref="OrderedRequestScheduler{T}"/> and writes their results and the work's log
/// on the pipeline thread, in input order. Adding an input waits while the queue is full: that wait is the back-pressure
/// that keeps upstream from being read faster than answers are written.
/// </summary>
internal sealed class QueuedOutput<T> : IQueuedOutput, IDisposable
{
    private readonly LeanlyCmdlet _cmdlet;
    private readonly OrderedRequestScheduler<T> _queue;
    private readonly PendingLog _log;
    private readonly Action<object?, T> _write;
    private readonly Func<object?, LeanlyException, bool>? _tryWriteInputFailure;
    private readonly CancellationToken _stopping;

    // tryWriteInputFailure writes a failure that concerns one input alone (LeanlyErrorScope.IsConfinedToOneRequest) at
    // that input's turn and returns true, and the other inputs go on; otherwise (or without it) the failure ends the command.
    public QueuedOutput(
        LeanlyCmdlet cmdlet,
        int limit,
        bool keepsVerboseAndDebug,
        Action<object?, T> write,
        Func<object?, LeanlyException, bool>? tryWriteInputFailure,
        CancellationToken stopping)
    {
        _cmdlet = cmdlet;
        _queue = new OrderedRequestScheduler<T>(limit, stopping);
        _log = new PendingLog(keepsVerboseAndDebug, _queue.Signal);
        _write = write;
        _tryWriteInputFailure = tryWriteInputFailure;
        _stopping = stopping;
    }

    public int MaxInFlight => _queue.MaxInFlight;

    public int UnwrittenRequests => _queue.SentNotTaken;

    public object? FailedInput { get; private set; }

    /// <summary>Starts the work for <paramref name="input"/>, writes what is ready, and waits for the head while the queue is full.</summary>
    public void Add(object? input, Func<RequestLane<T>, ILeanlyLog, CancellationToken, Task> work)
    {
        _queue.Add(input, (lane, token) => work(lane, _log, token));
        Write(untilNotFull: true);
    }

    public void AddRefused(object? input, LeanlyException refusal)
    {
        _queue.AddFailed(input, refusal);
        Write(untilNotFull: true);
    }

    public void WriteAll() => Write(untilNotFull: false);

    public void Cancel() => _queue.Cancel();

    public void Dispose() => _queue.Dispose();

    private void Write(bool untilNotFull)
    {
        FailedInput = null;
        object? atHand = null;
        try
        {
            while (true)
            {
                WriteLog();
                var wait = untilNotFull ? _queue.IsFull : _queue.Count > 0;
                if (!_queue.TryTake(wait, out var result))
                {
                    if (!wait)
                    {
                        return;
                    }

                    continue;
                }

                atHand = result.Input;
                if (!result.IsEnd)
                {
                    _write(result.Input, result.Value);
                }
                else if (result.Failure is { } failure && !TryWriteInputFailure(result.Input, failure))
                {
                    ExceptionDispatchInfo.Capture(failure).Throw();
                }

                atHand = null;
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (Exception)
        {
            FailedInput = atHand;
            throw;
        }
        finally
        {
            WriteLogSafely();
        }
    }

    private void WriteLog()
    {
        while (_log.TryTake(out var entry))
        {
            _cmdlet.WriteLogEntry(entry);
        }
    }

    private void WriteLogSafely()
    {
        try
        {
            WriteLog();
        }
        catch (Exception ex) when (ex is PipelineStoppedException or InvalidOperationException)
        {
            // The pipeline is stopping: nothing more can be written.
        }
    }

    private bool TryWriteInputFailure(object? input, Exception failure) =>
        failure is LeanlyException inputFailure && _tryWriteInputFailure is { } tryWrite && tryWrite(input, inputFailure);
}
