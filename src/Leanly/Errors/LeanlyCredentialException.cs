using System;

namespace Leanly.Errors;

/// <summary>A credential could not be had (vault, environment, prompt); names what it is about (a secret, a vault, a variable).</summary>
public sealed class LeanlyCredentialException : LeanlyException
{
    public LeanlyCredentialException(LeanlyErrorKind kind, string message, string recommendedAction, object? target = null, Exception? innerException = null)
        : base(kind, message, recommendedAction, innerException)
    {
        Target = target;
    }

    public object? Target { get; }
}
