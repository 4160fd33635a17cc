using System.Text.Json;

namespace Leanly.TestServer.Control;

/// <summary>Typed reads of control JSON that fail with a message naming the property.</summary>
internal static class JsonReading
{
    public static int Int(JsonProperty property) =>
        property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt32(out var value)
            ? value
            : throw new ControlRequestException($"'{property.Name}' must be an integer.");

    public static long Long(JsonProperty property) =>
        property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt64(out var value)
            ? value
            : throw new ControlRequestException($"'{property.Name}' must be an integer.");

    public static bool Bool(JsonProperty property) => property.Value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new ControlRequestException($"'{property.Name}' must be true or false."),
    };

    public static string? String(JsonProperty property) => property.Value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => property.Value.GetString(),
        _ => throw new ControlRequestException($"'{property.Name}' must be a string."),
    };

    /// <summary>Strings, or numbers taken as their text (so retryAfter: 2 works like "2").</summary>
    public static string? Text(JsonProperty property) => property.Value.ValueKind == JsonValueKind.Number
        ? property.Value.GetRawText()
        : String(property);

    public static IReadOnlyList<string> Strings(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String)
            ? value.EnumerateArray().Select(v => v.GetString()!).ToArray()
            : value.ValueKind == JsonValueKind.String
                ? value.GetString()!.Split(new[] { ' ', ',' }, StringSplitOptions.RemoveEmptyEntries)
                : throw new ControlRequestException($"'{name}' must be an array of strings.");

    public static JsonElement RequireObject(JsonElement? value, string what) =>
        value is { ValueKind: JsonValueKind.Object } element
            ? element
            : throw new ControlRequestException($"{what} needs a JSON object body.");
}
