using GraphQL.Types;

namespace Leanly.TestServer.GraphQL.Tracker;

/// <summary>An interface that implements another one (GraphQL October 2021).</summary>
internal sealed class EntryInterface : InterfaceGraphType
{
    public EntryInterface()
    {
        Name = "Entry";
        Description = """
            Something written by somebody, at a time.

            Issues and comments are entries.
            """;
        Interface<NodeInterface>();
        Field<NonNullGraphType<IdGraphType>>("id");
        Field<NonNullGraphType<StringGraphType>>("title");
        Field<NonNullGraphType<DateTimeGraphType>>("createdOn").Description("When it was written (UTC).");
        ResolveType = value => value switch
        {
            TrackerIssue => new GraphQLTypeReference("Issue"),
            TrackerComment => new GraphQLTypeReference("Comment"),
            _ => null,
        };
    }
}
