using GraphQL;
using GraphQL.Types;

namespace Leanly.TestServer.GraphQL.Tracker;

internal sealed class UserType : ObjectGraphType<TrackerUser>
{
    public UserType()
    {
        Name = "User";
        Interface<NodeInterface>();
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("login").Resolve(c => c.Source.Login);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<StringGraphType>>("avatarUrl")
            .Description("A square picture of the user.")
            .Argument<IntGraphType>("size", a => { a.DefaultValue = 64; a.Description = "Edge length in pixels."; })
            .Resolve(c => $"https://avatars.example/{c.Source.Login}?s={c.GetArgument("size", 64)}");
    }
}
