using GraphQL.Types;

namespace Leanly.TestServer.GraphQL.Tracker;

internal sealed class CommentOrderInputType : InputObjectGraphType
{
    public CommentOrderInputType()
    {
        Name = "CommentOrder";
        Field<NonNullGraphType<OrderDirectionType>>("direction").DefaultValue("ASC");
        Field<BooleanGraphType>("authorFirst").DefaultValue(false).Description("Comments of the issue's assignee first.");
    }
}
