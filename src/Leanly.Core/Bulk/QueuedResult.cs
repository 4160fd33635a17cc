using System;

namespace Leanly.Bulk;

/// <summary>
/// What <see cref="OrderedRequestScheduler{T}"/> hands the caller next: a result of the input at the head of the queue,
/// or the end of that input (with the failure that ended it, if one did).
/// </summary>
public readonly struct QueuedResult<T>
{
    internal QueuedResult(object? input, T value, bool isEnd, Exception? failure)
    {
        Input = input;
        Value = value;
        IsEnd = isEnd;
        Failure = failure;
    }

    /// <summary>The input the result belongs to, as given to <see cref="OrderedRequestScheduler{T}.Add"/>.</summary>
    public object? Input { get; }

    /// <summary>The result; default when <see cref="IsEnd"/> is true.</summary>
    public T Value { get; }

    /// <summary>True when the input has no more results; <see cref="Failure"/> says whether it ended by failing.</summary>
    public bool IsEnd { get; }

    public Exception? Failure { get; }
}
