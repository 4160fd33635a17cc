using System.Text;
using System.Text.Json;
using GraphQLParser.AST;
using Leanly.TestServer.Faults;
using Leanly.TestServer.Http;
using Leanly.TestServer.State;

namespace Leanly.TestServer.GraphQL;

/// <summary>POST /graphql: bearer-protected GraphQL over HTTP.</summary>
internal sealed class GraphQLEndpoint(ServerState state, FaultResponder faults, GraphQLExecutor executor)
{
    public async Task HandleAsync(HttpContext context)
    {
        state.Stats.CountGraphQLRequest();
        var body = state.Faults.NeedsBody(FaultEndpoint.GraphQL) ? await ReadBodyTextAsync(context.Request) : null;
        var fault = state.Faults.TryTake(FaultEndpoint.GraphQL, body);
        if (fault is null)
        {
            await AnswerAsync(context);
        }
        else
        {
            state.Stats.CountFault();
            await faults.ServeAsync(context, FaultEndpoint.GraphQL, fault, AnswerAsync);
        }
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var response = context.Response;
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            response.Headers.Allow = "POST";
            await JsonResponse.WriteGraphQLErrorAsync(response, StatusCodes.Status405MethodNotAllowed, "GraphQL requests must be POSTed.");
            return;
        }

        var viewer = BearerAuthenticator.Authenticate(context.Request, state.Tokens, out var problem);
        if (viewer is null)
        {
            state.Stats.CountUnauthorized();
            response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            await JsonResponse.WriteGraphQLErrorAsync(response, StatusCodes.Status401Unauthorized, problem);
            return;
        }

        using var body = await TryParseJsonAsync(context.Request);
        if (body is null)
        {
            await JsonResponse.WriteGraphQLErrorAsync(response, StatusCodes.Status400BadRequest, "The request body is not valid JSON.");
            return;
        }

        var request = GraphQLHttpRequest.FromJson(body.RootElement, out var invalid);
        if (request is null)
        {
            await JsonResponse.WriteGraphQLErrorAsync(response, StatusCodes.Status400BadRequest, invalid!);
            return;
        }

        var result = await executor.ExecuteAsync(request, new LeanlyUserContext(state, viewer, context.Request.Headers), context.RequestAborted);
        if (result.Executed && result.Operation?.Operation == OperationType.Mutation)
        {
            state.Stats.CountMutation();
        }

        // GraphQL over HTTP: a request that could not even start executing is the client's fault; a refused
        // introspection answers 200 with the error, as servers with introspection turned off do.
        response.StatusCode = result.Executed || IsRefusedIntrospection(result) ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
        response.ContentType = JsonResponse.ContentType;
        await GraphQLResultWriter.WriteAsync(response, result, context.RequestAborted);
    }

    private static bool IsRefusedIntrospection(global::GraphQL.ExecutionResult result) =>
        result.Errors is { Count: > 0 } errors && errors.All(e => e is global::GraphQL.Validation.Errors.Custom.NoIntrospectionError);

    // Read so that it can be read again by the answer.
    private static async Task<string> ReadBodyTextAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return text;
    }

    private static async Task<JsonDocument?> TryParseJsonAsync(HttpRequest request)
    {
        try
        {
            return await JsonDocument.ParseAsync(request.Body, default, request.HttpContext.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
