using Leanly.Errors;

namespace Leanly.Commands;

/// <summary>The part of <see cref="QueuedOutput{T}"/> that does not depend on what its requests return.</summary>
internal interface IQueuedOutput
{
    int MaxInFlight { get; }

    /// <summary>
    /// The input whose result or failure was being written when the last add or <see cref="WriteAll"/> threw, for the
    /// error's TargetObject; null when that call threw for no input in particular, or did not throw.
    /// </summary>
    object? FailedInput { get; }

    /// <summary>Queues an input refused before sending, so that its failure is written at its turn, among the others' results.</summary>
    void AddRefused(object? input, LeanlyException refusal);

    /// <summary>Writes every remaining result, waiting for those still in flight.</summary>
    void WriteAll();

    /// <summary>How many requests were already sent for the inputs still queued whose results were not written.</summary>
    int UnwrittenRequests { get; }

    /// <summary>Stops the work of every queued input.</summary>
    void Cancel();
}
