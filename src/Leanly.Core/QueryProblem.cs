namespace Leanly;

/// <summary>One problem Test-LeanlyQuery found in a document.</summary>
public sealed class QueryProblem
{
    /// <summary>The file the document came from; null for a document given as text.</summary>
    public string? Path { get; init; }

    /// <summary>1-based line where graphql-js puts the problem's (first) location; 0 when it has none.</summary>
    public int Line { get; init; }

    /// <summary>1-based column of that location; 0 when it has none.</summary>
    public int Column { get; init; }

    public QueryProblemSeverity Severity { get; init; }

    /// <summary>The graphql-js validation rule that found it, without the Rule suffix (FieldsOnCorrectType, KnownArgumentNames, ...); Syntax for a document that does not parse; NoDeprecated for a deprecation warning.</summary>
    public string Rule { get; init; } = string.Empty;

    public string Message { get; init; } = string.Empty;

    public override string ToString() => $"{Path ?? "query"}:{Line}:{Column}: {Severity.ToString().ToLowerInvariant()}: {Message}";
}
