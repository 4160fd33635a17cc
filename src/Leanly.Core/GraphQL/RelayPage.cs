using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Leanly.Errors;

namespace Leanly.GraphQL;

/// <summary>The Relay connection in one page of an answer: its items, whether there is more, and the cursor to ask for it.</summary>
public sealed class RelayPage
{
    private static readonly char[] PathSeparator = ['.'];

    private RelayPage(string path, IReadOnlyList<JsonElement> items, bool hasNextPage, string? endCursor, long? totalCount, IReadOnlyList<ReadOnlySequence<byte>>? itemsJson)
    {
        Path = path;
        Items = items;
        HasNextPage = hasNextPage;
        EndCursor = endCursor;
        TotalCount = totalCount;
        ItemsJson = itemsJson;
    }

    public string Path { get; }

    /// <summary>The connection's <c>nodes</c>, or the <c>node</c> of each of its <c>edges</c>.</summary>
    public IReadOnlyList<JsonElement> Items { get; }

    /// <summary>
    /// The same items as UTF-8 JSON slices of the answer, when the page was found from its bytes and they agree with
    /// <see cref="Items"/>; null otherwise. Valid as long as the response they came from is not disposed.
    /// </summary>
    public IReadOnlyList<ReadOnlySequence<byte>>? ItemsJson { get; }

    public bool HasNextPage { get; }

    public string? EndCursor { get; }

    public long? TotalCount { get; }

    /// <summary>Finds the connection: the one at <paramref name="pagePath"/> (dot-separated), else the only object holding <c>pageInfo.hasNextPage</c>.</summary>
    public static RelayPage Find(JsonElement data, string? pagePath) => Find(data, pagePath, ReadOnlySequence<byte>.Empty);

    /// <summary>As <see cref="Find(JsonElement, string?)"/>, also slicing the items out of <paramref name="dataJson"/>, the bytes <paramref name="data"/> was parsed from.</summary>
    public static RelayPage Find(JsonElement data, string? pagePath, ReadOnlySequence<byte> dataJson)
    {
        try
        {
            return FindCore(data, pagePath, dataJson);
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json reads lone surrogates and invalid UTF-8 inside strings only when the value is taken.
            throw Failed("-All could not read the page: a name or cursor in the answer is not valid Unicode.", "The server's answer is malformed; report it to Leanly support.");
        }
    }

    private static RelayPage FindCore(JsonElement data, string? pagePath, ReadOnlySequence<byte> dataJson)
    {
        string path;
        JsonElement connection;
        if (!string.IsNullOrEmpty(pagePath))
        {
            path = pagePath!;
            connection = Navigate(data, pagePath!);
            if (!IsConnection(connection))
            {
                throw Failed(
                    $"The answer has no Relay connection at '{pagePath}' (an object with pageInfo {{ hasNextPage endCursor }}).",
                    "Check -PagePath: it names the connection field by its path in data, such as items or viewer.items, using aliases where the query has them.");
            }
        }
        else
        {
            var found = new List<(string Path, JsonElement Element)>();
            Collect(data, string.Empty, found, 0);
            if (found.Count == 0)
            {
                throw Failed(
                    "-All found no Relay connection in the answer: no object with pageInfo { hasNextPage endCursor }.",
                    "Select pageInfo { hasNextPage endCursor } on the connection field you want to page, and nodes { ... } or edges { node { ... } }.");
            }

            if (found.Count > 1)
            {
                throw Failed(
                    $"-All found several Relay connections in the answer ({string.Join(", ", found.Select(f => f.Path))}) and cannot tell which one to page.",
                    $"Name the one to page with -PagePath, for example -PagePath {found[0].Path}.");
            }

            (path, connection) = found[0];
        }

        var pageInfo = connection.GetProperty("pageInfo");
        var hasNext = pageInfo.TryGetProperty("hasNextPage", out var next) && next.ValueKind == JsonValueKind.True;
        string? endCursor = pageInfo.TryGetProperty("endCursor", out var cursor) && cursor.ValueKind == JsonValueKind.String ? cursor.GetString() : null;
        long? total = connection.TryGetProperty("totalCount", out var count) && count.ValueKind == JsonValueKind.Number && count.TryGetInt64(out var n) ? n : null;
        var items = ReadItems(connection, path, out var edges);
        var segments = path.Split(PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var itemsJson = dataJson.IsEmpty || HasRepeatedNames(data, segments, connection, edges)
            ? null
            : RelayItemSlicer.Slice(dataJson, segments, edges);

        // The slices must be the parsed items exactly; if the counts differ, the parsed items are used.
        return new RelayPage(path, items, hasNext, endCursor, total, itemsJson?.Count == items.Count ? itemsJson : null);
    }

    // A forward read takes the first of a repeated name where the parsed answer takes the last: with any repeat on the
    // way to the items, only the parsed items can be trusted.
    private static bool HasRepeatedNames(JsonElement data, IReadOnlyList<string> segments, JsonElement connection, bool edges)
    {
        var current = data;
        foreach (var segment in segments)
        {
            if (Count(current, segment) != 1 || !current.TryGetProperty(segment, out current))
            {
                return true;
            }
        }

        if (Count(connection, edges ? "edges" : "nodes") != 1)
        {
            return true;
        }

        if (edges)
        {
            foreach (var edge in connection.GetProperty("edges").EnumerateArray())
            {
                if (edge.ValueKind == JsonValueKind.Object && Count(edge, "node") > 1)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static int Count(JsonElement element, string name)
    {
        var count = 0;
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.NameEquals(name))
                {
                    count++;
                }
            }
        }

        return count;
    }

    private static List<JsonElement> ReadItems(JsonElement connection, string path, out bool fromEdges)
    {
        fromEdges = false;
        if (connection.TryGetProperty("nodes", out var nodes) && nodes.ValueKind == JsonValueKind.Array)
        {
            return nodes.EnumerateArray().ToList();
        }

        fromEdges = true;
        if (connection.TryGetProperty("edges", out var edges) && edges.ValueKind == JsonValueKind.Array)
        {
            var items = new List<JsonElement>(edges.GetArrayLength());
            foreach (var edge in edges.EnumerateArray())
            {
                if (edge.ValueKind == JsonValueKind.Object && edge.TryGetProperty("node", out var node))
                {
                    items.Add(node);
                }
            }

            return items;
        }

        throw Failed(
            $"The connection at '{path}' has neither nodes nor edges {{ node }} in the answer.",
            "Select nodes { ... } or edges { node { ... } } on the connection so -All has items to output.");
    }

    private static bool IsConnection(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty("pageInfo", out var pageInfo)
        && pageInfo.ValueKind == JsonValueKind.Object
        && pageInfo.TryGetProperty("hasNextPage", out _);

    private static void Collect(JsonElement element, string path, List<(string, JsonElement)> found, int depth)
    {
        if (depth > 32 || element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (IsConnection(element))
        {
            found.Add((path, element));
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            Collect(property.Value, path.Length == 0 ? property.Name : path + "." + property.Name, found, depth + 1);
        }
    }

    private static JsonElement Navigate(JsonElement data, string path)
    {
        var current = data;
        foreach (var segment in path.Split(PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(segment, out current))
            {
                return default;
            }
        }

        return current;
    }

    private static LeanlyException Failed(string message, string action) => new(LeanlyErrorKind.PagingFailed, message, action);
}
