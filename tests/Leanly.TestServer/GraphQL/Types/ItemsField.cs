using GraphQL;
using GraphQL.Types;
using Leanly.TestServer.GraphQL.Model;

namespace Leanly.TestServer.GraphQL.Types;

/// <summary>The <c>items</c> connection, offered both on Query and on Viewer.</summary>
internal static class ItemsField
{
    public static void AddTo<TSource>(ObjectGraphType<TSource> type)
    {
        type.Field<NonNullGraphType<ItemConnectionType>>("items")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 10)
            .Argument<StringGraphType>("after")
            .Argument<IntGraphType>("total")
            .Resolve(c => ItemPager.Page(
                c.GetArgument("first", 10),
                c.GetArgument<string?>("after"),
                c.GetArgument<int?>("total") ?? LeanlyUserContext.Of(c).State.Settings.ItemCount));
    }
}
