using System.Text;
using System.Text.Json;
using Leanly.GraphQL;

namespace Leanly.Core.Tests.Unit;

/// <summary>
/// Long strings are escaped a chunk at a time (LongJsonString); the body must be byte for byte what a plain
/// Utf8JsonWriter writes for the same request, whatever falls on a chunk boundary.
/// </summary>
public class LongJsonStringTests
{
    private const int Chunk = LongJsonString.ChunkChars;

    private static readonly Dictionary<string, string> Specials = new()
    {
        ["pair"] = "\uD83D\uDE00",
        ["highAlone"] = "\uD800",
        ["lowAlone"] = "\uDC00",
        ["reversedPair"] = "\uDC00\uD800",
        ["control"] = "\u0001\n\t\u001F\u007F",
        ["quote"] = "\"",
        ["backslash"] = "\\",
        ["html"] = "<&'+`>",
        ["nonAscii"] = "ü中\u2028\uFFFE",
    };

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var name in Specials.Keys)
        {
            // The special text placed just before, across and just after every chunk boundary of a few chunks.
            foreach (var offset in new[] { -3, -2, -1, 0, 1 })
            {
                data.Add(name, offset);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Query_text_across_chunk_boundaries_is_written_as_the_plain_writer_writes_it(string name, int offset)
    {
        var text = Around(name, offset);
        AssertSameBody(new GraphQLRequest(text));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Nested_string_variables_across_chunk_boundaries_are_written_as_the_plain_writer_writes_them(string name, int offset)
    {
        var text = Around(name, offset);
        var variables = new Dictionary<string, object?>
        {
            ["top"] = text,
            ["short"] = "a",
            ["list"] = new object?[] { text, 1, text, null },
            ["nested"] = new Dictionary<string, object?> { ["deeper"] = new Dictionary<string, object?> { ["text"] = text, ["after"] = true } },
        };
        AssertSameBody(new GraphQLRequest("query($top: String) { a }", variables, "Op"));
    }

    [Theory]
    [InlineData(Chunk - 1)]
    [InlineData(Chunk)]
    [InlineData(Chunk + 1)]
    [InlineData(2 * Chunk)]
    [InlineData((3 * Chunk) + 7)]
    public void Lengths_around_the_chunk_size_are_written_as_the_plain_writer_writes_them(int length)
    {
        AssertSameBody(new GraphQLRequest(new string('q', length), new Dictionary<string, object?> { ["v"] = new string('v', length) }));
    }

    [Fact]
    public void A_string_of_surrogate_pairs_only_is_never_split_inside_a_pair()
    {
        var pairs = string.Concat(Enumerable.Repeat("\uD83D\uDE00", Chunk + 3));
        AssertSameBody(new GraphQLRequest(pairs, new Dictionary<string, object?> { ["v"] = "x" + pairs }));
        using var document = JsonDocument.Parse(GraphQLRequestWriter.Write(new GraphQLRequest(pairs)));
        Assert.Equal(pairs, document.RootElement.GetProperty("query").GetString());
    }

    [Fact]
    public void A_long_mixed_string_round_trips()
    {
        var random = new Random(21);
        var chars = new char[(5 * Chunk) + 11];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)random.Next(0, 0xD7FF);
        }

        var text = new string(chars);
        AssertSameBody(new GraphQLRequest(text, new Dictionary<string, object?> { ["v"] = text }));
        using var document = JsonDocument.Parse(GraphQLRequestWriter.Write(new GraphQLRequest(text)));
        Assert.Equal(text, document.RootElement.GetProperty("query").GetString());
    }

    // A long string with the special text at each of the first three chunk boundaries, starting offset chars from it.
    private static string Around(string name, int offset)
    {
        var special = Specials[name];
        var builder = new StringBuilder(new string('a', (3 * Chunk) + 100));
        for (var boundary = 1; boundary <= 3; boundary++)
        {
            builder.Insert((boundary * Chunk) + offset, special);
        }

        return builder.ToString();
    }

    private static void AssertSameBody(GraphQLRequest request)
    {
        var expected = Reference(request);
        var actual = GraphQLRequestWriter.Write(request).ToArray();
        Assert.True(expected.AsSpan().SequenceEqual(actual), $"The body differs from the plain writer's ({expected.Length} bytes expected, {actual.Length} written) at byte {FirstDifference(expected, actual)}.");
    }

    // What a plain Utf8JsonWriter writes: WriteString/WriteStringValue for every string, in one piece.
    private static byte[] Reference(GraphQLRequest request)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("query", request.Query);
            if (request.Variables is { Count: > 0 } variables)
            {
                writer.WritePropertyName("variables");
                WriteReference(writer, variables);
            }

            if (!string.IsNullOrEmpty(request.OperationName))
            {
                writer.WriteString("operationName", request.OperationName);
            }

            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static void WriteReference(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string text: writer.WriteStringValue(text); break;
            case bool flag: writer.WriteBooleanValue(flag); break;
            case int number: writer.WriteNumberValue(number); break;
            case IDictionary<string, object?> dictionary:
                writer.WriteStartObject();
                foreach (var (key, item) in dictionary)
                {
                    writer.WritePropertyName(key);
                    WriteReference(writer, item);
                }

                writer.WriteEndObject();
                break;
            case object?[] items:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    WriteReference(writer, item);
                }

                writer.WriteEndArray();
                break;
            default: throw new ArgumentException($"The reference writer does not know {value.GetType()}.", nameof(value));
        }
    }

    private static int FirstDifference(byte[] expected, byte[] actual)
    {
        var i = 0;
        while (i < expected.Length && i < actual.Length && expected[i] == actual[i])
        {
            i++;
        }

        return i;
    }
}
