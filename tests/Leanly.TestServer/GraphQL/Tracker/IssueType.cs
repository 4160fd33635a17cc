using GraphQL;
using GraphQL.Types;

namespace Leanly.TestServer.GraphQL.Tracker;

internal sealed class IssueType : ObjectGraphType<TrackerIssue>
{
    public IssueType()
    {
        Name = "Issue";
        Description = "A reported problem or wish.";
        Interface<NodeInterface>();
        Interface<EntryInterface>();
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(c => c.Source.Title);
        Field<NonNullGraphType<DateTimeGraphType>>("createdOn").Description("When it was written (UTC).").Resolve(c => c.Source.CreatedOn);
        Field<DateTimeGraphType>("closedOn").Resolve(c => c.Source.ClosedOn);
        Field<NonNullGraphType<IssueStateType>>("state").Resolve(c => c.Source.State);
        Field<NonNullGraphType<PriorityType>>("priority").Resolve(c => c.Source.Priority);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("labels").Resolve(c => c.Source.Labels);
        Field<UserType>("assignee").Resolve(c => c.Source.Assignee);
        Field<StringGraphType>("status")
            .DeprecationReason("Use state.")
            .Resolve(c => c.Source.State.ToLowerInvariant());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CommentType>>>>("comments")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 10)
            .Argument<CommentOrderInputType>("orderBy", a => a.DefaultValue = new Dictionary<string, object?> { ["direction"] = "ASC", ["authorFirst"] = false })
            .Argument<BooleanGraphType>("newestFirst", a => { a.DeprecationReason = "Use orderBy: {direction: DESC}."; })
            .Resolve(c => Comments(c.Source, c.GetArgument("first", 10), c.GetArgument<bool?>("newestFirst") == true));
    }

    private static IEnumerable<TrackerComment> Comments(TrackerIssue issue, int first, bool newestFirst)
    {
        var comments = TrackerData.Comments.Where(c => c.IssueId == issue.Id);
        return (newestFirst ? comments.OrderByDescending(c => c.CreatedOn) : comments.OrderBy(c => c.CreatedOn)).Take(Math.Max(0, first));
    }
}
