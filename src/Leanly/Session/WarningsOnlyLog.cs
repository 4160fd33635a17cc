using System.Collections.Generic;
using Leanly.Errors;
using Leanly.Http;

namespace Leanly.Session;

/// <summary>
/// The log of a command whose Verbose and Debug output nobody will see: drops those messages unread (no queue, no
/// redaction, no waking the pipeline thread for each) and keeps warnings for the cmdlet to write when the work ends.
/// </summary>
internal sealed class WarningsOnlyLog : ILeanlyLog
{
    private readonly List<string> _warnings = new();

    public void Verbose(string message)
    {
    }

    public void Debug(string message)
    {
    }

    public void Warning(string message)
    {
        lock (_warnings)
        {
            _warnings.Add(Redactor.Redact(message));
        }
    }

    public string[] TakeWarnings()
    {
        lock (_warnings)
        {
            var result = _warnings.ToArray();
            _warnings.Clear();
            return result;
        }
    }
}
