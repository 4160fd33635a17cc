using GraphQL;
using GraphQL.Types;
using Leanly.TestServer.GraphQL.Tracker;

namespace Leanly.TestServer.GraphQL.Types;

internal sealed class MutationType : ObjectGraphType
{
    public MutationType()
    {
        Name = "Mutation";
        Field<NonNullGraphType<IntGraphType>>("increment")
            .Argument<IntGraphType>("by", a => a.DefaultValue = 1)
            .Resolve(c => LeanlyUserContext.Of(c).State.Counter.Add(c.GetArgument("by", 1)));
        TrackerFields.AddMutations(this);
    }
}
