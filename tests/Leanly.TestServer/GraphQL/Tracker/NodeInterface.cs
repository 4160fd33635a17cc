using GraphQL.Types;

namespace Leanly.TestServer.GraphQL.Tracker;

internal sealed class NodeInterface : InterfaceGraphType
{
    public NodeInterface()
    {
        Name = "Node";
        Description = "An object with a global id.";
        Field<NonNullGraphType<IdGraphType>>("id");
        ResolveType = value => value switch
        {
            TrackerIssue => new GraphQLTypeReference("Issue"),
            TrackerComment => new GraphQLTypeReference("Comment"),
            TrackerUser => new GraphQLTypeReference("User"),
            _ => null,
        };
    }
}
