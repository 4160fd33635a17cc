using System.Text;
using System.Text.Json;
using Leanly.Errors;

namespace Leanly.GraphQL;

/// <summary>One entry of a GraphQL response's <c>errors</c>.</summary>
public sealed class GraphQLError
{
    public GraphQLError(string message, string? path, string? code, string? locations)
    {
        Message = message;
        Path = path;
        Code = code;
        Locations = locations;
    }

    public string Message { get; }

    /// <summary>The response path of the field that failed, as <c>viewer.items[2].name</c>.</summary>
    public string? Path { get; }

    /// <summary><c>extensions.code</c>, when the server gave one.</summary>
    public string? Code { get; }

    public string? Locations { get; }

    public static GraphQLError From(JsonElement error)
    {
        if (error.ValueKind != JsonValueKind.Object)
        {
            return new GraphQLError(Redactor.Redact(Truncate(error.GetRawText())), null, null, null);
        }

        var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String
            ? m.GetString() ?? string.Empty
            : "(the server gave no message)";
        string? path = null;
        if (error.TryGetProperty("path", out var p) && p.ValueKind == JsonValueKind.Array)
        {
            var builder = new StringBuilder();
            foreach (var segment in p.EnumerateArray())
            {
                if (segment.ValueKind == JsonValueKind.Number)
                {
                    builder.Append('[').Append(segment.GetRawText()).Append(']');
                }
                else
                {
                    if (builder.Length > 0)
                    {
                        builder.Append('.');
                    }

                    builder.Append(segment.ValueKind == JsonValueKind.String ? segment.GetString() : segment.GetRawText());
                }
            }

            path = builder.ToString();
        }

        string? code = null;
        if (error.TryGetProperty("extensions", out var extensions) && extensions.ValueKind == JsonValueKind.Object
            && extensions.TryGetProperty("code", out var c))
        {
            code = c.ValueKind == JsonValueKind.String ? c.GetString() : c.GetRawText();
        }

        string? locations = null;
        if (error.TryGetProperty("locations", out var l) && l.ValueKind == JsonValueKind.Array)
        {
            var builder = new StringBuilder();
            foreach (var location in l.EnumerateArray())
            {
                if (location.ValueKind == JsonValueKind.Object
                    && location.TryGetProperty("line", out var line) && location.TryGetProperty("column", out var column))
                {
                    if (builder.Length > 0)
                    {
                        builder.Append(", ");
                    }

                    builder.Append("line ").Append(line.GetRawText()).Append(", column ").Append(column.GetRawText());
                }
            }

            locations = builder.Length > 0 ? builder.ToString() : null;
        }

        return new GraphQLError(Redactor.Redact(Truncate(message, 2000)), path, code, locations);
    }

    public override string ToString()
    {
        var text = Message;
        if (Path is not null)
        {
            text += $" (path: {Path})";
        }

        if (Code is not null)
        {
            text += $" [{Code}]";
        }

        return text;
    }

    private static string Truncate(string text, int max = 500) => Redactor.Shorten(text, max);
}
