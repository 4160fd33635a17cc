namespace Leanly.Session;

internal enum LogLevel
{
    Verbose,
    Debug,
    Warning,
}
