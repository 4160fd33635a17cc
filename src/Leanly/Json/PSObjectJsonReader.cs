using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Text;
using System.Text.Json;

namespace Leanly.Json;

/// <summary>
/// Builds PowerShell objects straight from UTF-8 JSON with Utf8JsonReader: no JsonDocument in between. One instance
/// per conversion; it keeps the names it has decoded and the scratch lists of each nesting level.
/// </summary>
internal sealed class PSObjectJsonReader
{
    // A JSON number holding any of these is not an integer.
    private static readonly char[] NonIntegerChars = ['.', 'e', 'E'];

    private const int MaxDepth = 512;
    private const int WideObject = 16;

    private readonly Utf8NameCache _names = new();
    private readonly List<string> _added = new();
    private readonly List<List<object?>> _arrays = new();
    private readonly List<int> _widths = new();

    public static object? Read(ReadOnlySequence<byte> json) => new PSObjectJsonReader().ReadOne(json);

    /// <summary>Reads one value; an instance may read many (the items of every page of -All), sharing its decoded names.</summary>
    public object? ReadOne(ReadOnlySequence<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
        return reader.Read() ? ReadValue(ref reader, 0) : null;
    }

    private object? ReadValue(ref Utf8JsonReader reader, int depth)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                return ReadObject(ref reader, depth);
            case JsonTokenType.StartArray:
                return ReadArray(ref reader, depth);
            case JsonTokenType.String:
                return ReadString(ref reader);
            case JsonTokenType.Number:
                return ReadNumber(ref reader);
            case JsonTokenType.True:
                return PSObjectFactory.True;
            case JsonTokenType.False:
                return PSObjectFactory.False;
            default:
                return null;
        }
    }

    private PSObject ReadObject(ref Utf8JsonReader reader, int depth)
    {
        // Objects at one level of an answer usually have one shape: size each like the previous one.
        while (_widths.Count <= depth)
        {
            _widths.Add(0);
        }

        var result = PSObjectFactory.Create(_widths[depth]);
        var first = _added.Count;
        HashSet<string>? wide = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = ReadName(ref reader);
            reader.Read();
            var value = ReadValue(ref reader, depth + 1);
            if (IsRepeated(name, first, ref wide))
            {
                // JSON allows a repeated name; like ConvertFrom-Json, the last one wins. PowerShell names ignore case.
                result.Properties[name].Value = value;
            }
            else
            {
                _added.Add(name);
                PSObjectFactory.AddNew(result, name, value);
            }
        }

        _widths[depth] = _added.Count - first;
        _added.RemoveRange(first, _added.Count - first);
        return result;
    }

    private bool IsRepeated(string name, int first, ref HashSet<string>? wide)
    {
        if (wide is not null)
        {
            return !wide.Add(name);
        }

        for (var i = first; i < _added.Count; i++)
        {
            if (string.Equals(_added[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        if (_added.Count - first >= WideObject)
        {
            wide = new HashSet<string>(_added.GetRange(first, _added.Count - first), StringComparer.OrdinalIgnoreCase) { name };
        }

        return false;
    }

    private object?[] ReadArray(ref Utf8JsonReader reader, int depth)
    {
        while (_arrays.Count <= depth)
        {
            _arrays.Add(new List<object?>());
        }

        var items = _arrays[depth];
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(ReadValue(ref reader, depth + 1));
        }

        var result = items.ToArray();
        items.Clear();
        if (items.Capacity > 1024)
        {
            // Keep no large scratch list alive once a big array is done.
            items.Capacity = 16;
        }

        return result;
    }

    private string ReadName(ref Utf8JsonReader reader)
    {
        try
        {
            return _names.Get(ref reader);
        }
        catch (InvalidOperationException)
        {
            return "(invalid name)";
        }
    }

    // System.Text.Json refuses lone surrogates and invalid UTF-8 only when a string is taken: keep such text escaped.
    private static string ReadString(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString() ?? string.Empty;
        }
        catch (InvalidOperationException)
        {
            return RawText(ref reader);
        }
    }

    private static object ReadNumber(ref Utf8JsonReader reader)
    {
        if (reader.TryGetInt64(out var integer))
        {
            return integer;
        }

        var text = RawText(ref reader);
        var isInteger = text.IndexOfAny(NonIntegerChars) < 0;
        if (isInteger && decimal.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var big))
        {
            return big;
        }

        if (reader.TryGetDouble(out var real) || double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out real))
        {
            return real;
        }

        return text;
    }

    private static string RawText(ref Utf8JsonReader reader) =>
        reader.HasValueSequence ? Encoding.UTF8.GetString(reader.ValueSequence.ToArray()) : Encoding.UTF8.GetString(reader.ValueSpan.ToArray());
}
