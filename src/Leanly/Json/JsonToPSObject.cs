using System.Globalization;
using System.Management.Automation;
using System.Text.Json;

namespace Leanly;

/// <summary>
/// JSON as PowerShell sees it: objects become PSCustomObjects with properties in document order, arrays become
/// object[], integers Int64 (Decimal or Double when they do not fit), strings stay strings (no date guessing).
/// </summary>
public static class JsonToPSObject
{
    public static object? Convert(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var result = new PSObject();
                foreach (var property in element.EnumerateObject())
                {
                    AddProperty(result, NameOf(property), Convert(property.Value));
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
                return true;
            case JsonValueKind.False:
                return false;
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
        var isInteger = text.IndexOfAny(new[] { '.', 'e', 'E' }) < 0;
        if (isInteger && decimal.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var big))
        {
            return big;
        }

        return element.GetDouble();
    }

    private static void AddProperty(PSObject target, string name, object? value)
    {
        var existing = target.Properties[name];
        if (existing is null)
        {
            target.Properties.Add(new PSNoteProperty(name, value));
        }
        else
        {
            // JSON allows a repeated name; like ConvertFrom-Json, the last one wins.
            existing.Value = value;
        }
    }
}
