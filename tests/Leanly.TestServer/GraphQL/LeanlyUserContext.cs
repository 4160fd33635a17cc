using GraphQL;
using Microsoft.AspNetCore.Http;
using Leanly.TestServer.GraphQL.Model;
using Leanly.TestServer.State;

namespace Leanly.TestServer.GraphQL;

/// <summary>Per-request data resolvers need: who is asking and the server they run in.</summary>
internal sealed class LeanlyUserContext(ServerState state, Viewer viewer, IHeaderDictionary? requestHeaders = null) : Dictionary<string, object?>
{
    /// <summary>The request's headers, for the requestHeader field (tests of what the client sends).</summary>
    public IHeaderDictionary? RequestHeaders { get; } = requestHeaders;

    public ServerState State { get; } = state;

    public Viewer Viewer { get; } = viewer;

    public static LeanlyUserContext Of(IResolveFieldContext context) => (LeanlyUserContext)context.UserContext;
}
