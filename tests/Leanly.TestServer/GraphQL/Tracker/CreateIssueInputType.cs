using GraphQL.Types;

namespace Leanly.TestServer.GraphQL.Tracker;

internal sealed class CreateIssueInputType : InputObjectGraphType
{
    public CreateIssueInputType()
    {
        Name = "CreateIssueInput";
        Field<NonNullGraphType<StringGraphType>>("title");
        Field<NonNullGraphType<PriorityType>>("priority").DefaultValue("NORMAL");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("labels").DefaultValue(new List<object?>());
        Field<IdGraphType>("assignee");
        Field<StringGraphType>("clientMutationId");
    }
}
