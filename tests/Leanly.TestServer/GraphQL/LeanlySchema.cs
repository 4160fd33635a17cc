using GraphQL.Types;
using Leanly.TestServer.GraphQL.Types;

namespace Leanly.TestServer.GraphQL;

internal sealed class LeanlySchema : Schema
{
    public LeanlySchema()
    {
        Query = new QueryType();
        Mutation = new MutationType();
    }
}
