using System;

namespace Leanly;

/// <summary>An argument of a field or directive, or a field of an input object type.</summary>
public sealed class SchemaInputValue
{
    public string Name { get; init; } = string.Empty;

    /// <summary>The type as SDL writes it, wrappers included: <c>[ID!]!</c>.</summary>
    public string Type { get; init; } = string.Empty;

    /// <summary>The named type inside the wrappers.</summary>
    public string NamedType { get; init; } = string.Empty;

    /// <summary>The default value as a GraphQL literal (introspection's defaultValue), or null when there is none.</summary>
    public string? DefaultValue { get; init; }

    public string? Description { get; init; }

    public bool IsDeprecated { get; init; }

    public string? DeprecationReason { get; init; }

    public override string ToString() => DefaultValue is null ? $"{Name}: {Type}" : $"{Name}: {Type} = {DefaultValue}";
}
