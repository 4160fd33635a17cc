using System.Collections.Generic;

namespace Leanly.GraphQL;

/// <summary>One operation of a document: its type (query, mutation, subscription), name and declared variables.</summary>
public sealed class GraphQLOperation
{
    public GraphQLOperation(string type, string? name, IReadOnlyList<string> variables)
    {
        Type = type;
        Name = name;
        Variables = variables;
    }

    public string Type { get; }

    public string? Name { get; }

    public IReadOnlyList<string> Variables { get; }
}
