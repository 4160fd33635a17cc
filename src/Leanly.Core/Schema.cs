using System;
using System.Collections.Generic;
using System.Linq;

namespace Leanly;

/// <summary>
/// A GraphQL schema as introspection (or an SDL / introspection JSON file) describes it: plain data, no behaviour of
/// its own. One instance is cached per connection (Get-LeanlySchema) and shared by validation and completion.
/// </summary>
public sealed class Schema
{
    private readonly Lazy<Dictionary<string, SchemaType>> _byName;

    public Schema() => _byName = new Lazy<Dictionary<string, SchemaType>>(() => Types.ToDictionary(t => t.Name, StringComparer.Ordinal));

    public string? Description { get; init; }

    /// <summary>Every named type, built-in scalars and introspection types included, in the order the source gave them.</summary>
    public IReadOnlyList<SchemaType> Types { get; init; } = Array.Empty<SchemaType>();

    public string QueryType { get; init; } = "Query";

    public string? MutationType { get; init; }

    public string? SubscriptionType { get; init; }

    public IReadOnlyList<SchemaDirective> Directives { get; init; } = Array.Empty<SchemaDirective>();

    /// <summary>Where the schema came from: the API URI it was introspected from, or the file it was read from.</summary>
    public string Source { get; init; } = string.Empty;

    public DateTimeOffset FetchedOn { get; init; }

    public SchemaType? FindType(string name) => _byName.Value.TryGetValue(name, out var type) ? type : null;

    public override string ToString() => $"Schema of {Source} ({Types.Count} types)";
}
