using System;
using System.Collections.Generic;

namespace Leanly;

/// <summary>A directive the schema declares (built-in ones included).</summary>
public sealed class SchemaDirective
{
    public string Name { get; init; } = string.Empty;

    public string? Description { get; init; }

    /// <summary>Where the directive may appear, as introspection's __DirectiveLocation names it (FIELD, QUERY, ...).</summary>
    public IReadOnlyList<string> Locations { get; init; } = Array.Empty<string>();

    public IReadOnlyList<SchemaInputValue> Arguments { get; init; } = Array.Empty<SchemaInputValue>();

    public bool IsRepeatable { get; init; }

    public override string ToString() => "@" + Name;
}
