namespace Leanly.Http;

/// <summary>Diagnostic messages from the core; the PowerShell layer writes them on the pipeline thread. Never given a secret.</summary>
public interface ILeanlyLog
{
    void Verbose(string message);

    void Debug(string message);

    void Warning(string message);
}
