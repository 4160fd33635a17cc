using GraphQL.Types;
using Leanly.TestServer.GraphQL.Model;

namespace Leanly.TestServer.GraphQL.Types;

internal sealed class ItemType : ObjectGraphType<Item>
{
    public ItemType()
    {
        Name = "Item";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IntGraphType>>("index").Resolve(c => c.Source.Index);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
    }
}
