using GraphQL;
using GraphQL.Execution;
using GraphQL.SystemTextJson;
using GraphQL.Validation;
using GraphQL.Validation.Rules.Custom;
using GraphQLParser.AST;

namespace Leanly.TestServer.GraphQL;

/// <summary>Runs one request against the schema with real GraphQL.NET execution.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "One executor lives as long as the test server process; the schema is never replaced.")]
internal sealed class GraphQLExecutor
{
    private readonly LeanlySchema _schema = Build(large: false);
    private readonly Lazy<LeanlySchema> _largeSchema = new(() => Build(large: true));
    private readonly DocumentExecuter _executer = new();
    private readonly GraphQLDocumentBuilder _documentBuilder = new();

    public GraphQLExecutor(GraphQLSerializer serializer)
    {
        Serializer = serializer;
    }

    public GraphQLSerializer Serializer { get; }

    public Task<ExecutionResult> ExecuteAsync(GraphQLHttpRequest request, LeanlyUserContext userContext, CancellationToken cancellationToken)
    {
        var document = TryParse(request.Query);
        var settings = userContext.State.Settings;
        return _executer.ExecuteAsync(new ExecutionOptions
        {
            Schema = settings.LargeSchema ? _largeSchema.Value : _schema,
            ValidationRules = settings.Introspection ? null : WithoutIntrospection,
            Query = request.Query,
            Document = document,
            OperationName = request.OperationName,
            Variables = JsonVariableBinder.Bind(Serializer, request.Variables, document, request.OperationName),
            UserContext = userContext,
            CancellationToken = cancellationToken,
        });
    }

    private static readonly IValidationRule[] WithoutIntrospection = [.. DocumentValidator.CoreRules, NoIntrospectionValidationRule.Instance];

    private static LeanlySchema Build(bool large)
    {
        var schema = new LeanlySchema(large);
        schema.InitializeWithIntrospectionExtras();
        return schema;
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
