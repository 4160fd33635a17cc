namespace Leanly;

internal enum LogLevel
{
    Verbose,
    Debug,
    Warning,
}
