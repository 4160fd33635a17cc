using GraphQL.Types;
using Leanly.TestServer.GraphQL.Model;

namespace Leanly.TestServer.GraphQL.Types;

/// <summary>An edge needs nothing beyond its item, so the item itself is the edge's source.</summary>
internal sealed class ItemEdgeType : ObjectGraphType<Item>
{
    public ItemEdgeType()
    {
        Name = "ItemEdge";
        Field<NonNullGraphType<StringGraphType>>("cursor").Resolve(c => c.Source.Cursor);
        Field<NonNullGraphType<ItemType>>("node").Resolve(c => c.Source);
    }
}
