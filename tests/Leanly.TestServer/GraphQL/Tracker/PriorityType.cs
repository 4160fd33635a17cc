using GraphQL.Types;

namespace Leanly.TestServer.GraphQL.Tracker;

internal sealed class PriorityType : EnumerationGraphType
{
    public PriorityType()
    {
        Name = "Priority";
        Add("LOW", "LOW");
        Add("NORMAL", "NORMAL");
        Add("HIGH", "HIGH");
        Add("URGENT", "URGENT");
    }
}
