using System;
using System.Collections.Generic;

namespace Leanly.GraphQL;

/// <summary>A GraphQL document as the user wrote it, with plain .NET variable values (dictionaries, lists, primitives).</summary>
public sealed class GraphQLRequest
{
    public GraphQLRequest(string query, IDictionary<string, object?>? variables = null, string? operationName = null)
    {
        Query = query;
        Variables = variables;
        OperationName = operationName;
        Document = GraphQLDocument.Inspect(query);
    }

    public string Query { get; }

    public IDictionary<string, object?>? Variables { get; }

    public string? OperationName { get; }

    public GraphQLDocument Document { get; }

    /// <summary>The operation the server will run, or null when the document does not say (the server will then report it).</summary>
    public GraphQLOperation? SelectedOperation => Document.Select(OperationName);

    public bool IsMutation => SelectedOperation?.Type == "mutation";

    /// <summary>The JSON body, kept once written: checking the variables early and sending them is one serialisation.</summary>
    internal ArraySegment<byte>? Body { get; set; }

    public GraphQLRequest WithVariables(IDictionary<string, object?> variables) => new(Query, variables, OperationName);
}
