using GraphQL.Types;
using Leanly.TestServer.GraphQL.Model;

namespace Leanly.TestServer.GraphQL.Types;

internal sealed class ItemConnectionType : ObjectGraphType<ItemPage>
{
    public ItemConnectionType()
    {
        Name = "ItemConnection";
        Field<NonNullGraphType<IntGraphType>>("totalCount").Resolve(c => c.Source.Total);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ItemEdgeType>>>>("edges").Resolve(c => c.Source.Items);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ItemType>>>>("nodes").Resolve(c => c.Source.Items);
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Resolve(c => c.Source);
    }
}
