using GraphQL;
using GraphQL.Execution;
using GraphQL.SystemTextJson;
using GraphQLParser.AST;

namespace Leanly.TestServer.GraphQL;

/// <summary>Runs one request against the schema with real GraphQL.NET execution.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "One executor lives as long as the test server process; the schema is never replaced.")]
internal sealed class GraphQLExecutor
{
    private readonly LeanlySchema _schema = new();
    private readonly DocumentExecuter _executer = new();
    private readonly GraphQLDocumentBuilder _documentBuilder = new();

    public GraphQLExecutor(GraphQLSerializer serializer)
    {
        Serializer = serializer;
        _schema.Initialize();
    }

    public GraphQLSerializer Serializer { get; }

    public Task<ExecutionResult> ExecuteAsync(GraphQLHttpRequest request, LeanlyUserContext userContext, CancellationToken cancellationToken)
    {
        var document = TryParse(request.Query);
        return _executer.ExecuteAsync(new ExecutionOptions
        {
            Schema = _schema,
            Query = request.Query,
            Document = document,
            OperationName = request.OperationName,
            Variables = JsonVariableBinder.Bind(Serializer, request.Variables, document, request.OperationName),
            UserContext = userContext,
            CancellationToken = cancellationToken,
        });
    }

    /// <summary>A document that does not parse is left to the executer, which reports the syntax error.</summary>
    private GraphQLDocument? TryParse(string query)
    {
        try
        {
            return _documentBuilder.Build(query);
        }
        catch (Exception)
        {
            return null;
        }
    }
}
