namespace Leanly;

/// <summary>What a completion inside a query inserts.</summary>
public enum QueryCompletionKind
{
    Field,
    Argument,
    EnumValue,
    Type,
    Variable,
    Operation,
    Directive,
}
