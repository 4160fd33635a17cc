using GraphQL.Types;

namespace Leanly.TestServer.GraphQL.Tracker;

internal sealed class CommentType : ObjectGraphType<TrackerComment>
{
    public CommentType()
    {
        Name = "Comment";
        Interface<NodeInterface>();
        Interface<EntryInterface>();
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(c => c.Source.Title);
        Field<NonNullGraphType<DateTimeGraphType>>("createdOn").Description("When it was written (UTC).").Resolve(c => c.Source.CreatedOn);
        Field<NonNullGraphType<StringGraphType>>("body").Resolve(c => c.Source.Body);
        Field<NonNullGraphType<UserType>>("author").Resolve(c => c.Source.Author);
    }
}
