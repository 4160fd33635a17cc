using GraphQL.Types;

namespace Leanly.TestServer.GraphQL.Tracker;

internal sealed class OrderDirectionType : EnumerationGraphType
{
    public OrderDirectionType()
    {
        Name = "OrderDirection";
        Add("ASC", "ASC", "Oldest first.");
        Add("DESC", "DESC", "Newest first.");
    }
}
