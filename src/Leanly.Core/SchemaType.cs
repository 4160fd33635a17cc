using System;
using System.Collections.Generic;

namespace Leanly;

/// <summary>One named type of a <see cref="Schema"/> (Get-LeanlyType).</summary>
public sealed class SchemaType
{
    public string Name { get; init; } = string.Empty;

    public SchemaTypeKind Kind { get; init; }

    public string? Description { get; init; }

    /// <summary>A custom scalar's specification (@specifiedBy), where the server offers it.</summary>
    public string? SpecifiedByUrl { get; init; }

    /// <summary>Fields of an object or interface type; empty for other kinds.</summary>
    public IReadOnlyList<SchemaField> Fields { get; init; } = Array.Empty<SchemaField>();

    /// <summary>Fields of an input object type; empty for other kinds.</summary>
    public IReadOnlyList<SchemaInputValue> InputFields { get; init; } = Array.Empty<SchemaInputValue>();

    public IReadOnlyList<SchemaEnumValue> EnumValues { get; init; } = Array.Empty<SchemaEnumValue>();

    /// <summary>Names of the interfaces an object or interface type implements.</summary>
    public IReadOnlyList<string> Interfaces { get; init; } = Array.Empty<string>();

    /// <summary>Names of the object types of a union, or of the types implementing an interface.</summary>
    public IReadOnlyList<string> PossibleTypes { get; init; } = Array.Empty<string>();

    public override string ToString() => Name;
}
