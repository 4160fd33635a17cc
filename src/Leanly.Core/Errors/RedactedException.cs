using System;

namespace Leanly.Errors;

/// <summary>Stands in for an exception from .NET whose message held a secret: its type name and the message, redacted.</summary>
public sealed class RedactedException : Exception
{
    public RedactedException(string originalType, string message, Exception? innerException)
        : base(message, innerException)
    {
        OriginalType = originalType;
    }

    /// <summary>The full name of the exception type this one stands in for.</summary>
    public string OriginalType { get; }

    public override string ToString() => $"{OriginalType} (redacted): {Message}" + (InnerException is null ? string.Empty : $" ---> {InnerException}");
}
