namespace Leanly.TestServer.GraphQL.Model;

/// <summary>An item of the generated list; everything derives from its 1-based index.</summary>
internal sealed record Item(int Index)
{
    public string Id => $"item-{Index:D5}";

    public string Name => $"Item {Index}";

    public string Cursor => ItemCursor.Encode(Index);
}
