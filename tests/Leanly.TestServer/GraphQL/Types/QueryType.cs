using GraphQL;
using GraphQL.Types;
using Leanly.TestServer.GraphQL.Model;
using Leanly.TestServer.GraphQL.Tracker;

namespace Leanly.TestServer.GraphQL.Types;

internal sealed class QueryType : ObjectGraphType
{
    private const int MaxBulkCount = 250_000;
    private const int MaxPadding = 100_000;
    private const int MaxSlowMs = 600_000;

    public QueryType()
    {
        Name = "Query";
        Field<ViewerType>("viewer").Resolve(c => LeanlyUserContext.Of(c).Viewer);

        Field<NonNullGraphType<StringGraphType>>("echo")
            .Argument<NonNullGraphType<StringGraphType>>("text")
            .Resolve(c => c.GetArgument<string>("text"));

        Field<JsonScalarType>("echoJson")
            .Argument<JsonScalarType>("value")
            .Resolve(c => c.Arguments?["value"].Value);

        ItemsField.AddTo(this);

        Field<NonNullGraphType<ItemConnectionType>>("loopingItems")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 10)
            .Argument<StringGraphType>("after")
            .Resolve(c => ItemPager.Looping(c.GetArgument("first", 10), LeanlyUserContext.Of(c).State.Settings.ItemCount));

        Field<StringGraphType>("failing")
            .Resolve(c => throw new ExecutionError("This field always fails (test server).") { Code = "LEANLY_TEST_FAILURE" });

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<BulkItemType>>>>("bulk")
            .Argument<NonNullGraphType<IntGraphType>>("count")
            .Argument<IntGraphType>("padding", a => a.DefaultValue = 100)
            .Resolve(c => Bulk(c.GetArgument<int>("count"), c.GetArgument("padding", 100)));

        // What the client sent; an Authorization header shows only its scheme, so no test output ever holds a token.
        Field<StringGraphType>("requestHeader")
            .Argument<NonNullGraphType<StringGraphType>>("name")
            .Resolve(c => RequestHeader(LeanlyUserContext.Of(c), c.GetArgument<string>("name")));

        Field<NonNullGraphType<IntGraphType>>("counter").Resolve(c => LeanlyUserContext.Of(c).State.Counter.Value);

        Field<StringGraphType>("slow")
            .Argument<NonNullGraphType<IntGraphType>>("ms")
            .ResolveAsync(async c =>
            {
                await Task.Delay(Math.Clamp(c.GetArgument<int>("ms"), 0, MaxSlowMs), c.CancellationToken);
                return "done";
            });

        TrackerFields.AddQueries(this);
    }

    private static string? RequestHeader(LeanlyUserContext context, string name)
    {
        if (context.RequestHeaders is null || !context.RequestHeaders.TryGetValue(name, out var values))
        {
            return null;
        }

        var value = values.ToString();
        return string.Equals(name, "Authorization", StringComparison.OrdinalIgnoreCase) ? value.Split(' ', 2)[0] + " (value hidden)" : value;
    }

    private static IEnumerable<BulkItem> Bulk(int count, int padding)
    {
        if (count is < 0 or > MaxBulkCount || padding is < 0 or > MaxPadding)
        {
            throw new ExecutionError($"count must be 0..{MaxBulkCount} and padding 0..{MaxPadding}.") { Code = "INVALID_ARGUMENT" };
        }

        var text = new string('x', padding);
        return Enumerable.Range(1, count).Select(i => new BulkItem(i, text));
    }
}
