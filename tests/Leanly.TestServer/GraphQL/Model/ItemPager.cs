using GraphQL;

namespace Leanly.TestServer.GraphQL.Model;

/// <summary>Relay forward pagination arithmetic over a list of generated items.</summary>
internal static class ItemPager
{
    public const int MaxFirst = 5000;

    public static ItemPage Page(int first, string? after, int total)
    {
        if (first is < 0 or > MaxFirst)
        {
            throw new ExecutionError($"first must be between 0 and {MaxFirst}.") { Code = "INVALID_ARGUMENT" };
        }

        if (total < 0)
        {
            throw new ExecutionError("total must not be negative.") { Code = "INVALID_ARGUMENT" };
        }

        var start = after is null ? 1 : ItemCursor.Decode(after) + 1;
        if (start < 1)
        {
            throw new ExecutionError("The cursor is not valid.") { Code = "INVALID_CURSOR" };
        }

        var count = start > total ? 0 : (int)Math.Min(first, (long)total - start + 1);
        return new ItemPage(start, count, total);
    }

    /// <summary>A broken server: the first page, forever claiming there is more.</summary>
    public static ItemPage Looping(int first, int total)
    {
        var page = Page(first, null, total);
        return page with { ForceHasNextPage = true };
    }
}
