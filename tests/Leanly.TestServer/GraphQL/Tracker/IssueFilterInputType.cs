using GraphQL.Types;

namespace Leanly.TestServer.GraphQL.Tracker;

internal sealed class IssueFilterInputType : InputObjectGraphType
{
    public IssueFilterInputType()
    {
        Name = "IssueFilter";
        Description = "Which issues to list; every field given must match.";
        Field<ListGraphType<NonNullGraphType<IssueStateType>>>("states");
        Field<ListGraphType<NonNullGraphType<PriorityType>>>("priorities");
        Field<StringGraphType>("label");
        Field<DateTimeGraphType>("createdAfter");
        Field<IdGraphType>("assignee").Description("The assignee's user id.");
        Field<StringGraphType>("assigneeLogin").DeprecationReason("Use assignee.");
    }
}
