namespace Leanly;

/// <summary>One completion inside a query: <see cref="Text"/> replaces [ReplaceStart, ReplaceStart + ReplaceLength).</summary>
public sealed class QueryCompletion
{
    public string Text { get; init; } = string.Empty;

    public int ReplaceStart { get; init; }

    public int ReplaceLength { get; init; }

    public QueryCompletionKind Kind { get; init; }

    /// <summary>The SDL type of a field, argument, input field or variable; the kind of a type.</summary>
    public string? Detail { get; init; }

    public string? Description { get; init; }

    public override string ToString() => Detail is null ? Text : $"{Text}: {Detail}";
}
