using GraphQL;
using Leanly.TestServer.GraphQL.Model;
using Leanly.TestServer.State;

namespace Leanly.TestServer.GraphQL;

/// <summary>Per-request data resolvers need: who is asking and the server they run in.</summary>
internal sealed class LeanlyUserContext(ServerState state, Viewer viewer) : Dictionary<string, object?>
{
    public ServerState State { get; } = state;

    public Viewer Viewer { get; } = viewer;

    public static LeanlyUserContext Of(IResolveFieldContext context) => (LeanlyUserContext)context.UserContext;
}
