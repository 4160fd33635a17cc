using Leanly.TestServer.Control;
using Leanly.TestServer.GraphQL;
using Leanly.TestServer.Http;
using Leanly.TestServer.Proxy;
using Leanly.TestServer.State;
using Leanly.TestServer.Token;

namespace Leanly.TestServer.Hosting;

/// <summary>Sends each request to its endpoint; proxied requests to other servers go to the forward proxy.</summary>
internal sealed class RequestDispatcher(
    ServerState state,
    TokenEndpoint token,
    GraphQLEndpoint graphQL,
    ControlEndpoint control,
    ForwardProxy proxy,
    ILogger logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await RouteAsync(context);
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away (or a drop fault aborted the connection); nobody is left to answer.
        }
        catch (Exception e)
        {
#pragma warning disable CA1848 // The test server logs only this unexpected failure; a LoggerMessage delegate would buy nothing.
            logger.LogError(e, "Unhandled error for {Method} {Path}", context.Request.Method, context.Request.Path);
#pragma warning restore CA1848
            if (context.Response.HasStarted)
            {
                context.Abort();
                return;
            }

            context.Response.Clear();
            await JsonResponse.WriteErrorAsync(context.Response, StatusCodes.Status500InternalServerError, "Internal test server error.");
        }
    }

    private async Task RouteAsync(HttpContext context)
    {
        var target = ForwardProxy.AbsoluteTarget(context);
        if (target is not null)
        {
            state.Stats.CountProxied();
            if (!ForwardProxy.IsSelf(context, target))
            {
                await proxy.ForwardAsync(context, target);
                return;
            }
        }

        var path = context.Request.Path.Value ?? string.Empty;
        if (path == "/token")
        {
            using var inFlight = state.Traffic.Begin("token", context);
            await Latency.DelayAsync(state.Settings.TokenLatencyMs, state.Settings.TokenJitterMs, context.RequestAborted);
            await token.HandleAsync(context);
        }
        else if (path == "/graphql")
        {
            using var inFlight = state.Traffic.Begin("graphql", context);
            await Latency.DelayAsync(state.Settings.GraphQLLatencyMs, state.Settings.GraphQLJitterMs, context.RequestAborted);
            await graphQL.HandleAsync(context);
        }
        else if (path.StartsWith(ControlEndpoint.Prefix + "/", StringComparison.Ordinal))
        {
            await control.HandleAsync(context);
        }
        else if (path == "/")
        {
            await JsonResponse.WriteAsync(context.Response, StatusCodes.Status200OK, w =>
            {
                w.WriteStartObject();
                w.WriteString("name", "Leanly test server");
                w.WriteString("token", "/token");
                w.WriteString("graphql", "/graphql");
                w.WriteString("control", "/control/stats");
                w.WriteEndObject();
            });
        }
        else
        {
            await JsonResponse.WriteErrorAsync(context.Response, StatusCodes.Status404NotFound, "Not found.");
        }
    }
}
