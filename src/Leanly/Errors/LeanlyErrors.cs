using System;
using System.Management.Automation;

namespace Leanly.Errors;

/// <summary>Builds the ErrorRecords LeanlyPS writes, with the id, category and action of <see cref="LeanlyErrorTable"/>.</summary>
public static class LeanlyErrors
{
    public static ErrorRecord FromException(LeanlyException exception, object? target = null)
    {
        var entry = LeanlyErrorTable.For(exception.Kind);
        var record = new ErrorRecord(exception, entry.Id, entry.Category, target ?? (exception as LeanlyCredentialException)?.Target ?? exception.RequestUri);
        record.ErrorDetails = new ErrorDetails(exception.Message)
        {
            RecommendedAction = string.IsNullOrEmpty(exception.RecommendedAction) ? entry.RecommendedAction : exception.RecommendedAction,
        };
        return record;
    }

    /// <summary>An error of <paramref name="kind"/>; <paramref name="recommendedAction"/> only when it says more than the table's.</summary>
    public static ErrorRecord Create(LeanlyErrorKind kind, string message, object? target, string? recommendedAction = null, Exception? innerException = null) =>
        FromException(new LeanlyException(kind, message, recommendedAction, innerException), target);

    public static ErrorRecord NotConnected(bool otherRunspaceHint = true) =>
        Create(
            LeanlyErrorKind.NotConnected,
            "You are not connected to Leanly in this session.",
            null,
            otherRunspaceHint
                ? "Run Connect-Leanly first. In another runspace (ForEach-Object -Parallel, Start-ThreadJob), pass the connection with -Connection: get it with Get-LeanlyConnection or Connect-Leanly -PassThru."
                : null);

    public static ErrorRecord Unexpected(Exception exception, object? target = null) =>
        Create(LeanlyErrorKind.Unexpected, $"LeanlyPS hit an unexpected {exception.GetType().Name}: {Redactor.Redact(exception.Message)}", target, null, exception);
}
