namespace Leanly.Http;

public sealed class NullLog : ILeanlyLog
{
    public static readonly NullLog Instance = new();

    public void Verbose(string message)
    {
    }

    public void Debug(string message)
    {
    }

    public void Warning(string message)
    {
    }
}
