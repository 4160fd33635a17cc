using System.Text.Json;
using Leanly.Errors;
using Leanly.GraphQL;

namespace Leanly.Core.Tests.Unit;

public class RelayPageTests
{
    private static RelayPage Find(string data, string? path = null)
    {
        using var document = JsonDocument.Parse(data);
        return RelayPage.Find(document.RootElement.Clone(), path);
    }

    private static LeanlyException Fails(string data, string? path = null)
    {
        var ex = Assert.Throws<LeanlyException>(() => Find(data, path));
        Assert.Equal(LeanlyErrorKind.PagingFailed, ex.Kind);
        Assert.False(string.IsNullOrWhiteSpace(ex.RecommendedAction));
        return ex;
    }

    [Fact]
    public void Connection_with_nodes()
    {
        var page = Find("{\"items\":{\"totalCount\":5,\"nodes\":[{\"id\":1},{\"id\":2}],\"pageInfo\":{\"hasNextPage\":true,\"endCursor\":\"Y3Vyc29yOjI=\"}}}");
        Assert.Equal("items", page.Path);
        Assert.Equal(new[] { 1, 2 }, page.Items.Select(i => i.GetProperty("id").GetInt32()));
        Assert.True(page.HasNextPage);
        Assert.Equal("Y3Vyc29yOjI=", page.EndCursor);
        Assert.Equal(5, page.TotalCount);
    }

    [Fact]
    public void Connection_with_edges_takes_each_node()
    {
        var page = Find("{\"viewer\":{\"clientId\":\"c\",\"items\":{\"edges\":[{\"cursor\":\"a\",\"node\":{\"id\":7}},{\"cursor\":\"b\"},{\"node\":{\"id\":8}},3],\"pageInfo\":{\"hasNextPage\":false,\"endCursor\":null}}}}");
        Assert.Equal("viewer.items", page.Path);
        Assert.Equal(new[] { 7, 8 }, page.Items.Select(i => i.GetProperty("id").GetInt32()));
        Assert.False(page.HasNextPage);
        Assert.Null(page.EndCursor);
        Assert.Null(page.TotalCount);
    }

    [Fact]
    public void Nodes_win_over_edges()
    {
        var page = Find("{\"c\":{\"nodes\":[1],\"edges\":[{\"node\":2},{\"node\":3}],\"pageInfo\":{\"hasNextPage\":false}}}");
        Assert.Equal(1, Assert.Single(page.Items).GetInt32());
    }

    [Fact]
    public void Two_connections_need_a_path()
    {
        const string data = "{\"a\":{\"nodes\":[1],\"pageInfo\":{\"hasNextPage\":true,\"endCursor\":\"x\"}},\"b\":{\"inner\":{\"nodes\":[2,3],\"pageInfo\":{\"hasNextPage\":false,\"endCursor\":\"y\"}}}}";
        var ex = Fails(data);
        Assert.Contains("a, b.inner", ex.Message);
        var b = Find(data, "b.inner");
        Assert.Equal("b.inner", b.Path);
        Assert.Equal(2, b.Items.Count);
        Assert.Equal("y", b.EndCursor);
        var a = Find(data, "a");
        Assert.True(a.HasNextPage);
    }

    [Fact]
    public void Path_tolerates_stray_dots()
    {
        Assert.Equal(2, Find("{\"b\":{\"inner\":{\"nodes\":[2,3],\"pageInfo\":{\"hasNextPage\":false}}}}", ".b..inner.").Items.Count);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"items\":[{\"pageInfo\":{\"hasNextPage\":true}}]}")]
    [InlineData("{\"items\":{\"nodes\":[],\"pageInfo\":{\"endCursor\":\"x\"}}}")]
    [InlineData("{\"items\":{\"nodes\":[],\"pageInfo\":\"none\"}}")]
    [InlineData("null")]
    [InlineData("[]")]
    public void No_connection_at_all(string data)
    {
        Fails(data);
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("items.nodes")]
    [InlineData("items.pageInfo")]
    public void Path_that_is_not_a_connection(string path)
    {
        var ex = Fails("{\"items\":{\"nodes\":[],\"pageInfo\":{\"hasNextPage\":false}}}", path);
        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public void Connection_without_nodes_or_edges()
    {
        var ex = Fails("{\"items\":{\"pageInfo\":{\"hasNextPage\":false}}}");
        Assert.Contains("neither nodes nor edges", ex.Message);
    }

    [Fact]
    public void Undefined_data_fails_cleanly()
    {
        Assert.Equal(LeanlyErrorKind.PagingFailed, Assert.Throws<LeanlyException>(() => RelayPage.Find(default, null)).Kind);
        Assert.Equal(LeanlyErrorKind.PagingFailed, Assert.Throws<LeanlyException>(() => RelayPage.Find(default, "items")).Kind);
    }

    [Fact]
    public void Odd_page_info_values_are_read_conservatively()
    {
        var page = Find("{\"c\":{\"totalCount\":1e3,\"nodes\":[],\"pageInfo\":{\"hasNextPage\":\"true\",\"endCursor\":5}}}");
        Assert.False(page.HasNextPage);
        Assert.Null(page.EndCursor);
        Assert.Null(page.TotalCount);
    }

    /// <summary>Find reads endCursor with GetString and property names with JsonProperty.Name; both throw InvalidOperationException on bad text.</summary>
    [Fact]
    public void Invalid_unicode_escape_in_the_end_cursor_is_a_leanly_exception_or_read()
    {
        var ex = Record.Exception(() => Find("{\"items\":{\"nodes\":[],\"pageInfo\":{\"hasNextPage\":true,\"endCursor\":\"\\ud800\"}}}"));
        if (ex is not null)
        {
            Assert.IsType<LeanlyException>(ex);
        }
    }

    [Fact]
    public void Invalid_utf8_in_a_field_name_is_a_leanly_exception_or_read()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes("{\"\u0001x\":1,\"items\":{\"nodes\":[],\"pageInfo\":{\"hasNextPage\":false}}}");
        bytes[Array.IndexOf(bytes, (byte)1)] = 0xFF;
        using var document = JsonDocument.Parse(bytes);
        var ex = Record.Exception(() => RelayPage.Find(document.RootElement, null));
        if (ex is not null)
        {
            Assert.IsType<LeanlyException>(ex);
        }
    }

    private static RelayPage FindWithBytes(string data, string? path = null)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(data);
        using var document = JsonDocument.Parse(bytes);
        return RelayPage.Find(document.RootElement.Clone(), path, new System.Buffers.ReadOnlySequence<byte>(bytes));
    }

    private static string[] SlicesAsText(RelayPage page)
    {
        Assert.NotNull(page.ItemsJson);
        return page.ItemsJson!.Select(s => System.Text.Encoding.UTF8.GetString(System.Buffers.BuffersExtensions.ToArray(s))).ToArray();
    }

    [Theory]
    [InlineData("{\"items\":{\"nodes\":[{\"id\":1,\"n\":{\"a\":[1,{\"b\":2}]}},null,{\"id\":\"x\\\"y\"}],\"pageInfo\":{\"hasNextPage\":true,\"endCursor\":\"c\"}}}", null)]
    [InlineData("{\"pageInfo\":1,\"viewer\":{\"nodes\":[9],\"items\":{\"pageInfo\":{\"hasNextPage\":false},\"edges\":[{\"cursor\":\"a\",\"node\":{\"id\":7},\"after\":[1]},{\"cursor\":\"b\"},{\"node\":null},3,{\"node\":[1,2]}]}}}", null)]
    [InlineData("{\"a\":{\"nodes\":[1],\"pageInfo\":{\"hasNextPage\":true}},\"b\":{\"inner\":{\"nodes\":[{\"id\":2},{\"id\":3}],\"pageInfo\":{\"hasNextPage\":false}}}}", "b.inner")]
    public void Item_slices_hold_exactly_the_parsed_items(string data, string? path)
    {
        var page = FindWithBytes(data, path);

        Assert.Equal(page.Items.Select(i => i.GetRawText()), SlicesAsText(page));
    }

    [Theory]
    [InlineData("{\"items\":{\"nodes\":[1],\"nodes\":[2,3],\"pageInfo\":{\"hasNextPage\":false}}}", null)]
    [InlineData("{\"items\":{\"nodes\":[1,2],\"nodes\":[3,4],\"pageInfo\":{\"hasNextPage\":false}}}", null)]
    [InlineData("{\"items\":{\"edges\":[{\"node\":1,\"node\":3},{\"node\":2}],\"pageInfo\":{\"hasNextPage\":false}}}", null)]
    [InlineData("{\"v\":{\"items\":{\"nodes\":[1,2],\"pageInfo\":{\"hasNextPage\":false}}},\"v\":{\"items\":{\"nodes\":[3,4],\"pageInfo\":{\"hasNextPage\":false}}}}", "v.items")]
    public void Item_slices_are_given_up_when_a_name_on_the_way_is_repeated(string data, string? path)
    {
        // The parsed answer takes the last of a repeated name, a forward read the first: only the parsed items are used.
        var page = FindWithBytes(data, path);

        Assert.Null(page.ItemsJson);
        Assert.NotEmpty(page.Items);
    }

    [Fact]
    public void Without_the_bytes_there_are_no_slices()
    {
        Assert.Null(Find("{\"items\":{\"nodes\":[1],\"pageInfo\":{\"hasNextPage\":false}}}").ItemsJson);
    }
}
