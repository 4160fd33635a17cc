using System;
using System.Management.Automation;

namespace Leanly;

/// <summary>A credential could not be had (vault, environment, prompt); carries its own error id and category.</summary>
public sealed class LeanlyCredentialException : LeanlyException
{
    public LeanlyCredentialException(string errorId, ErrorCategory category, string message, string recommendedAction, object? target = null, Exception? innerException = null)
        : base(LeanlyErrorKind.CredentialUnavailable, message, recommendedAction, innerException)
    {
        ErrorId = errorId;
        Category = category;
        Target = target;
    }

    public string ErrorId { get; }

    public ErrorCategory Category { get; }

    public object? Target { get; }
}
