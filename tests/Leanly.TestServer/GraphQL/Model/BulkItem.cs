namespace Leanly.TestServer.GraphQL.Model;

/// <summary>A row of the large <c>bulk</c> answer; Text is one string shared by all rows of a request.</summary>
internal sealed record BulkItem(int Index, string Text)
{
    private static readonly string[] EvenTags = ["bulk", "even"];
    private static readonly string[] OddTags = ["bulk", "odd"];

    public string Id => $"bulk-{Index:D6}";

    public string Name => $"Bulk item {Index}";

    public IReadOnlyList<string> Tags => Index % 2 == 0 ? EvenTags : OddTags;

    public double Score => Index / 4.0;

    public bool Active => Index % 3 != 0;
}
