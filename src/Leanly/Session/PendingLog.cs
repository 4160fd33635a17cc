using System;
using System.Collections.Concurrent;
using Leanly.Errors;
using Leanly.Http;

namespace Leanly.Session;

/// <summary>
/// The log of work that runs while the pipeline thread does other things (many requests in flight): collects the
/// messages someone will see from any thread, and calls <c>added</c> so a waiting pipeline thread wakes to write them.
/// </summary>
internal sealed class PendingLog : ILeanlyLog
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();
    private readonly bool _keepsVerboseAndDebug;
    private readonly Action _added;

    public PendingLog(bool keepsVerboseAndDebug, Action added)
    {
        _keepsVerboseAndDebug = keepsVerboseAndDebug;
        _added = added;
    }

    public void Verbose(string message)
    {
        if (_keepsVerboseAndDebug)
        {
            Add(LogLevel.Verbose, message);
        }
    }

    public void Debug(string message)
    {
        if (_keepsVerboseAndDebug)
        {
            Add(LogLevel.Debug, message);
        }
    }

    public void Warning(string message) => Add(LogLevel.Warning, message);

    public bool TryTake(out LogEntry entry) => _entries.TryDequeue(out entry);

    private void Add(LogLevel level, string message)
    {
        _entries.Enqueue(new LogEntry(level, Redactor.Redact(message)));
        _added();
    }
}
