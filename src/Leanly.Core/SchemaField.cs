using System;
using System.Collections.Generic;

namespace Leanly;

/// <summary>A field of an object or interface type.</summary>
public sealed class SchemaField
{
    public string Name { get; init; } = string.Empty;

    /// <summary>The type as SDL writes it, wrappers included: <c>[IssueState!]!</c>.</summary>
    public string Type { get; init; } = string.Empty;

    /// <summary>The named type inside the wrappers: <c>IssueState</c> for <c>[IssueState!]!</c>.</summary>
    public string NamedType { get; init; } = string.Empty;

    public IReadOnlyList<SchemaInputValue> Arguments { get; init; } = Array.Empty<SchemaInputValue>();

    public string? Description { get; init; }

    public bool IsDeprecated { get; init; }

    public string? DeprecationReason { get; init; }

    public override string ToString() => $"{Name}: {Type}";
}
