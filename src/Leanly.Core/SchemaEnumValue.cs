namespace Leanly;

/// <summary>A value of an enum type.</summary>
public sealed class SchemaEnumValue
{
    public string Name { get; init; } = string.Empty;

    public string? Description { get; init; }

    public bool IsDeprecated { get; init; }

    public string? DeprecationReason { get; init; }

    public override string ToString() => Name;
}
