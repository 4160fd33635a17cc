namespace Leanly;

/// <summary>An error makes the document invalid; a warning (a deprecated field, argument or enum value) does not.</summary>
public enum QueryProblemSeverity
{
    Error,
    Warning,
}
