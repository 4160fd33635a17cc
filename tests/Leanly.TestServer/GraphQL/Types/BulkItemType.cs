using GraphQL.Types;
using Leanly.TestServer.GraphQL.Model;

namespace Leanly.TestServer.GraphQL.Types;

internal sealed class BulkItemType : ObjectGraphType<BulkItem>
{
    public BulkItemType()
    {
        Name = "BulkItem";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IntGraphType>>("index").Resolve(c => c.Source.Index);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<StringGraphType>>("text").Resolve(c => c.Source.Text);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("tags").Resolve(c => c.Source.Tags);
        Field<NonNullGraphType<FloatGraphType>>("score").Resolve(c => c.Source.Score);
        Field<NonNullGraphType<BooleanGraphType>>("active").Resolve(c => c.Source.Active);
    }
}
