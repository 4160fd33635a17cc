namespace Leanly.TestServer.GraphQL.Model;

/// <summary>One page of a connection: items Start .. Start+Count-1 of Total, generated on demand.</summary>
internal sealed record ItemPage(int Start, int Count, int Total, bool ForceHasNextPage = false)
{
    public IEnumerable<Item> Items => Enumerable.Range(Start, Count).Select(i => new Item(i));

    public bool HasNextPage => ForceHasNextPage || Start + Count - 1 < Total;

    public bool HasPreviousPage => Start > 1;

    public string? StartCursor => Count == 0 ? null : ItemCursor.Encode(Start);

    public string? EndCursor => Count == 0 ? null : ItemCursor.Encode(Start + Count - 1);
}
