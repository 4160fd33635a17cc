using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;

namespace Leanly.GraphQL;

/// <summary>
/// Finds where each item of a Relay connection lies in the UTF-8 JSON of <c>data</c>, so the items can be turned into
/// objects straight from the bytes (as a whole answer is) rather than through JsonElement, which costs several
/// allocations per property. One forward pass; items are slices of the body, not copies.
/// </summary>
internal static class RelayItemSlicer
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = GraphQLResponseReader.MaxDepth };

    /// <summary>The items of the connection at <paramref name="path"/>: its nodes, or the node of each edge. Null if the bytes do not have that shape.</summary>
    public static IReadOnlyList<ReadOnlySequence<byte>>? Slice(ReadOnlySequence<byte> data, IReadOnlyList<string> path, bool edges)
    {
        if (data.IsEmpty)
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(data, Options);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            foreach (var segment in path)
            {
                if (!MoveToProperty(ref reader, segment) || reader.TokenType != JsonTokenType.StartObject)
                {
                    return null;
                }
            }

            if (!MoveToProperty(ref reader, edges ? "edges" : "nodes") || reader.TokenType != JsonTokenType.StartArray)
            {
                return null;
            }

            var items = new List<ReadOnlySequence<byte>>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (!edges)
                {
                    items.Add(TakeValue(ref reader, data));
                }
                else if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                }
                else if (MoveToProperty(ref reader, "node"))
                {
                    items.Add(TakeValue(ref reader, data));
                    SkipRestOfObject(ref reader);
                }
            }

            return items;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // The reader is on a value: returns its bytes and leaves the reader on the value's last token.
    private static ReadOnlySequence<byte> TakeValue(ref Utf8JsonReader reader, ReadOnlySequence<byte> data)
    {
        var start = reader.TokenStartIndex;
        reader.Skip();
        return data.Slice(start, reader.BytesConsumed - start);
    }

    // The reader is inside an object (on its start or on a value of it): moves to the value of the named property.
    // Not found: the reader is left on the object's end.
    private static bool MoveToProperty(ref Utf8JsonReader reader, string name)
    {
        var depth = reader.TokenType == JsonTokenType.StartObject ? reader.CurrentDepth + 1 : reader.CurrentDepth;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth < depth)
            {
                return false;
            }

            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            var found = reader.ValueTextEquals(name);
            reader.Read();
            if (found)
            {
                return true;
            }

            reader.Skip();
        }

        return false;
    }

    private static void SkipRestOfObject(ref Utf8JsonReader reader)
    {
        var depth = reader.CurrentDepth;
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth < depth))
        {
            reader.Skip();
        }
    }
}
