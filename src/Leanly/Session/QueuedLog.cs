using System.Collections.Concurrent;
using System.Collections.Generic;
using Leanly.Errors;
using Leanly.Http;

namespace Leanly.Session;

/// <summary>Collects the core's messages from any thread so the cmdlet can write them on the pipeline thread.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BlockingCollection holds only SemaphoreSlims whose wait handles are never created here (nothing reads AvailableWaitHandle), so there is nothing to release; disposing it would make a late message from the core throw ObjectDisposedException.")]
internal sealed class QueuedLog : ILeanlyLog
{
    private readonly BlockingCollection<LogEntry> _entries = new();

    public void Verbose(string message) => Add(LogLevel.Verbose, message);

    public void Debug(string message) => Add(LogLevel.Debug, message);

    public void Warning(string message) => Add(LogLevel.Warning, message);

    public void Complete() => _entries.CompleteAdding();

    public IEnumerable<LogEntry> Drain() => _entries.GetConsumingEnumerable();

    private void Add(LogLevel level, string message)
    {
        if (!_entries.IsAddingCompleted)
        {
            try
            {
                _entries.Add(new LogEntry(level, Redactor.Redact(message)));
            }
            catch (System.InvalidOperationException)
            {
                // Completed between the check and the add: the operation is over, the message has no reader left.
            }
        }
    }
}
