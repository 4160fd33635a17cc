using System.Collections.Generic;

namespace Leanly.GraphQL.Completion;

/// <summary>One open bracket of the document before the cursor and what is known inside it.</summary>
internal sealed class CompletionFrame
{
    public CompletionFrame(char kind, string? type)
    {
        Kind = kind;
        Type = type;
    }

    /// <summary>'s' selection set, 'a' arguments, 'o' input object value, 'l' list value, 'v' variable definitions.</summary>
    public char Kind { get; }

    /// <summary>The named type of a selection set, object value or list value.</summary>
    public string? Type { get; }

    /// <summary>The arguments (or input fields) that may be given in an 'a' or 'o' frame.</summary>
    public IReadOnlyList<SchemaInputValue>? Arguments { get; init; }

    public HashSet<string> Given { get; } = new(System.StringComparer.Ordinal);

    public SchemaInputValue? CurrentArgument { get; set; }

    public bool ExpectValue { get; set; }

    public SchemaField? LastField { get; set; }

    public string? PendingType { get; set; }

    public bool AfterSpread { get; set; }

    public bool AfterOn { get; set; }
}
