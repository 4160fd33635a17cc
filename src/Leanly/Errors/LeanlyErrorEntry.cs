using System.Management.Automation;

namespace Leanly.Errors;

/// <summary>One row of <see cref="LeanlyErrorTable"/>: how LeanlyPS reports one kind of failure.</summary>
public sealed class LeanlyErrorEntry
{
    internal LeanlyErrorEntry(LeanlyErrorKind kind, string id, ErrorCategory category, string recommendedAction)
    {
        Kind = kind;
        Id = id;
        Category = category;
        RecommendedAction = recommendedAction;
    }

    public LeanlyErrorKind Kind { get; }

    /// <summary>The first part of the FullyQualifiedErrorId. Documented in about_Leanly; never renamed.</summary>
    public string Id { get; }

    public ErrorCategory Category { get; }

    /// <summary>What to do, when the failure itself knows nothing more specific.</summary>
    public string RecommendedAction { get; }

    public override string ToString() => $"{Id} ({Category})";
}
