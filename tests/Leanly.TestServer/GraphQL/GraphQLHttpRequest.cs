using System.Text.Json;

namespace Leanly.TestServer.GraphQL;

/// <summary>The parts of a GraphQL-over-HTTP POST body; Variables points into a document the caller owns.</summary>
internal sealed record GraphQLHttpRequest(string Query, string? OperationName, JsonElement? Variables)
{
    /// <summary>Returns the request, or null with the reason it is not a GraphQL request.</summary>
    public static GraphQLHttpRequest? FromJson(JsonElement root, out string? problem)
    {
        problem = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            problem = "The request body must be a JSON object.";
            return null;
        }

        if (!root.TryGetProperty("query", out var query) || query.ValueKind != JsonValueKind.String)
        {
            problem = "The request has no 'query' string.";
            return null;
        }

        string? operationName = null;
        if (root.TryGetProperty("operationName", out var name) && name.ValueKind != JsonValueKind.Null)
        {
            if (name.ValueKind != JsonValueKind.String)
            {
                problem = "'operationName' must be a string.";
                return null;
            }

            operationName = name.GetString();
        }

        JsonElement? variables = null;
        if (root.TryGetProperty("variables", out var vars) && vars.ValueKind != JsonValueKind.Null)
        {
            if (vars.ValueKind != JsonValueKind.Object)
            {
                problem = "'variables' must be a JSON object.";
                return null;
            }

            variables = vars;
        }

        return new GraphQLHttpRequest(query.GetString()!, operationName, variables);
    }
}
