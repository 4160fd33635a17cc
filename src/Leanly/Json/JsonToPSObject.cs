using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Text.Json;

namespace Leanly.Json;

/// <summary>
/// JSON as PowerShell sees it: objects become PSCustomObjects with properties in document order, arrays become
/// object[], integers Int64 (Decimal or Double when they do not fit), strings stay strings (no date guessing).
/// </summary>
public static class JsonToPSObject
{
    // A JSON number holding any of these is not an integer.
    private static readonly char[] NonIntegerChars = ['.', 'e', 'E'];

    /// <summary>Builds the objects straight from UTF-8 JSON (one value), as a GraphQL answer's data arrives.</summary>
    public static object? Convert(ReadOnlySequence<byte> json) => PSObjectJsonReader.Read(json);

    public static object? Convert(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var result = new PSObject();
                var added = new List<string>();
                foreach (var property in element.EnumerateObject())
                {
                    var name = NameOf(property);
                    var value = Convert(property.Value);
                    var existing = added.FindIndex(n => string.Equals(n, name, System.StringComparison.OrdinalIgnoreCase));
                    if (existing >= 0)
                    {
                        // JSON allows a repeated name; like ConvertFrom-Json, the last one wins.
                        result.Properties[added[existing]].Value = value;
                    }
                    else
                    {
                        added.Add(name);
                        PSObjectFactory.AddNew(result, name, value);
                    }
                }

                return result;
            case JsonValueKind.Array:
                var items = new object?[element.GetArrayLength()];
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    items[index++] = Convert(item);
                }

                return items;
            case JsonValueKind.String:
                return StringOf(element);
            case JsonValueKind.Number:
                return ConvertNumber(element);
            case JsonValueKind.True:
                return PSObjectFactory.True;
            case JsonValueKind.False:
                return PSObjectFactory.False;
            default:
                return null;
        }
    }

    // System.Text.Json refuses lone surrogates and invalid UTF-8 only when a string is taken: keep such text escaped.
    private static string StringOf(JsonElement element)
    {
        try
        {
            return element.GetString() ?? string.Empty;
        }
        catch (System.InvalidOperationException)
        {
            var raw = element.GetRawText();
            return raw.Length >= 2 ? raw.Substring(1, raw.Length - 2) : raw;
        }
    }

    private static string NameOf(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (System.InvalidOperationException)
        {
            return "(invalid name)";
        }
    }

    private static object ConvertNumber(JsonElement element)
    {
        if (element.TryGetInt64(out var integer))
        {
            return integer;
        }

        var text = element.GetRawText();
        var isInteger = text.IndexOfAny(NonIntegerChars) < 0;
        if (isInteger && decimal.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var big))
        {
            return big;
        }

        if (element.TryGetDouble(out var real) || double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out real))
        {
            return real;
        }

        return text;
    }
}
