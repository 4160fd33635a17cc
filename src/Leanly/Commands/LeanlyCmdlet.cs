using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Leanly.Errors;
using Leanly.Http;
using Leanly.Session;

namespace Leanly.Commands;

/// <summary>
/// The base of every LeanlyPS cmdlet: runs the core's asynchronous work and waits for it, writing the work's
/// messages on the pipeline thread, and cancels the work when the user presses Ctrl+C (StopProcessing).
/// </summary>
public abstract class LeanlyCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private bool? _showsVerboseOrDebug;
    private bool _disposed;

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        // Work still running for this command (requests in flight) ends with it, however the command ended.
        _disposed = true;
        _stopping.Cancel();
        DisposeWork();
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    protected override void StopProcessing() => _stopping.Cancel();

    /// <summary>Cancelled when the user presses Ctrl+C or the command ends.</summary>
    protected CancellationToken StopToken => _stopping.Token;

    /// <summary>Releases what a command kept for work that outlives one input (its request scheduler); called once, after cancelling.</summary>
    protected virtual void DisposeWork()
    {
    }

    /// <summary>True when the Verbose or Debug stream of this command is shown, so its core work should log.</summary>
    protected bool ShowsVerboseOrDebug => _showsVerboseOrDebug ??= IsShown("Verbose", "VerbosePreference") || IsShown("Debug", "DebugPreference");

    /// <summary>Writes a core log entry to its stream; on the pipeline thread only.</summary>
    internal void WriteLogEntry(LogEntry entry)
    {
        switch (entry.Level)
        {
            case LogLevel.Verbose:
                WriteVerbose(entry.Message);
                break;
            case LogLevel.Debug:
                WriteDebug(entry.Message);
                break;
            default:
                WriteWarning(entry.Message);
                break;
        }
    }

    /// <summary>Runs <paramref name="work"/> and pumps its log to Verbose/Debug/Warning until it ends. Throws what the work threw.</summary>
    protected T Run<T>(Func<ILeanlyLog, CancellationToken, Task<T>> work)
    {
        if (!ShowsVerboseOrDebug)
        {
            return RunQuietly(work);
        }

        var log = new QueuedLog();
        var task = Start(work, log);
        task.ContinueWith(_ => log.Complete(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        foreach (var entry in log.Drain())
        {
            WriteLogEntry(entry);
        }

        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    // Without a Verbose/Debug reader there is no log to pump: waiting on the task alone spares every request the
    // blocking queue, whose waits spin (costly on few cores, where the spinning takes CPU from the I/O it waits for).
    private T RunQuietly<T>(Func<ILeanlyLog, CancellationToken, Task<T>> work)
    {
        var log = new WarningsOnlyLog();
        try
        {
            return Start(work, log).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        finally
        {
            if (!_stopping.IsCancellationRequested)
            {
                foreach (var warning in log.TakeWarnings())
                {
                    WriteWarning(warning);
                }
            }
        }
    }

    /// <summary>
    /// Starts the work on this thread: it runs here only up to its first real wait (the core awaits with
    /// ConfigureAwait(false) throughout), which spares each request a hop to the thread pool and back. A host's
    /// SynchronizationContext is set aside meanwhile, so no continuation can queue onto this blocked thread.
    /// </summary>
    private Task<T> Start<T>(Func<ILeanlyLog, CancellationToken, Task<T>> work, ILeanlyLog log)
    {
        var context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            return work(log, _stopping.Token);
        }
        catch (Exception ex)
        {
            return Task.FromException<T>(ex);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }

    private bool IsShown(string parameter, string preferenceVariable)
    {
        if (MyInvocation.BoundParameters.TryGetValue(parameter, out var bound))
        {
            return LanguagePrimitives.IsTrue(bound);
        }

        return Preference(GetVariableValue(preferenceVariable)) is not (ActionPreference.SilentlyContinue or ActionPreference.Ignore);
    }

    // A preference value (a bound -ErrorAction, or a preference variable) as an ActionPreference; null when it is none.
    private static ActionPreference? Preference(object? value) =>
        LanguagePrimitives.TryConvertTo<ActionPreference>(value, out var preference) ? preference : null;

    protected void Run(Func<ILeanlyLog, CancellationToken, Task> work) =>
        Run<bool>(async (log, token) =>
        {
            await work(log, token).ConfigureAwait(false);
            return true;
        });

    /// <summary>Writes an object that Leanly.Format.ps1xml has views for, loading the views first if this runspace lacks them.</summary>
    protected void WriteFormattedObject(object value)
    {
        FormatViews.EnsureLoaded(this);
        WriteObject(value);
    }

    /// <summary>
    /// True for what PowerShell throws through a command to stop its pipeline: Ctrl+C, a closed pipeline, or a
    /// downstream Select-Object -First (StopUpstreamCommandsException, a FlowControlException). Nothing can be written then.
    /// </summary>
    protected static bool IsPipelineStopping(Exception exception) =>
        exception is PipelineStoppedException or PipelineClosedException or FlowControlException;

    /// <summary>Turns any failure into an ErrorRecord that ends the command (see <see cref="EndWithError"/>); never lets a raw .NET exception reach the user.</summary>
    protected void ThrowAsError(Exception exception, object? target = null)
    {
        switch (exception)
        {
            case PipelineStoppedException or PipelineClosedException or ActionPreferenceStopException:
                throw exception;
            case LeanlyException leanly:
                EndWithError(LeanlyErrors.FromException(leanly, target));
                break;
            default:
                EndWithError(LeanlyErrors.Unexpected(exception, target));
                break;
        }
    }

    /// <summary>
    /// Ends the command with <paramref name="error"/>. PowerShell ignores -ErrorAction for a terminating error from
    /// a compiled cmdlet, and such an error ends only the statement: a script run with Connect-Leanly -ErrorAction
    /// Stop would go on after a failed sign-in. So under Stop the error is written instead, which PowerShell makes
    /// script-terminating, as for any cmdlet; otherwise it is thrown as terminating. try/catch sees the same record.
    /// </summary>
    protected void EndWithError(ErrorRecord error)
    {
        if (StopsOnError)
        {
            WriteError(error);
        }

        ThrowTerminatingError(error);
    }

    /// <summary>True when an error written now would end the command (-ErrorAction Stop, or $ErrorActionPreference).</summary>
    protected bool StopsOnError => ErrorAction == ActionPreference.Stop;

    /// <summary>True when an error written now asks the user whether to go on (-ErrorAction Inquire).</summary>
    protected bool InquiresOnError => ErrorAction == ActionPreference.Inquire;

    private ActionPreference? ErrorAction => Preference(MyInvocation.BoundParameters.TryGetValue("ErrorAction", out var bound)
        ? bound
        : GetVariableValue("ErrorActionPreference"));

    /// <summary>The connection given with -Connection, else this runspace's default; a terminating error when there is none.</summary>
    protected LeanlyConnection ResolveConnection(LeanlyConnection? given)
    {
        var connection = given ?? LeanlySession.GetDefault();
        if (connection is null)
        {
            EndWithError(LeanlyErrors.NotConnected());
        }

        if (!connection!.IsConnected)
        {
            EndWithError(LeanlyErrors.Create(
                LeanlyErrorKind.Disconnected,
                $"The Leanly connection for client '{connection.ClientId}' was closed by Disconnect-Leanly and cannot be used again.",
                connection));
        }

        return connection;
    }
}
