using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Leanly.Introspection;

/// <summary>
/// Prints a default value's GraphQL literal the way graphql-js does after parseConstValue (buildClientSchema) and
/// print: <c>{ a: 1, b: [X, Y] }</c>, wrapped over lines past 80 characters. A literal it cannot read is kept as given.
/// </summary>
internal sealed class ValueLiteral
{
    private const int MaxLineLength = 80;

    private readonly string _text;
    private int _at;

    private ValueLiteral(string text) => _text = text;

    public static string Normalize(string literal)
    {
        var reader = new ValueLiteral(literal);
        try
        {
            var printed = reader.Value();
            reader.SkipIgnored();
            return reader._at == literal.Length ? printed : literal;
        }
        catch (System.FormatException)
        {
            return literal;
        }
    }

    private string Value()
    {
        SkipIgnored();
        if (_at >= _text.Length)
        {
            throw new System.FormatException();
        }

        var c = _text[_at];
        if (c == '[')
        {
            _at++;
            var items = new List<string>();
            while (Peek() != ']')
            {
                items.Add(Value());
            }

            _at++;
            return 2 + Joined(items) > MaxLineLength ? "[\n" + Indent(string.Join("\n", items)) + "\n]" : "[" + string.Join(", ", items) + "]";
        }

        if (c == '{')
        {
            _at++;
            var fields = new List<string>();
            while (Peek() != '}')
            {
                var name = Name();
                if (Peek() != ':')
                {
                    throw new System.FormatException();
                }

                _at++;
                fields.Add(name + ": " + Value());
            }

            _at++;
            return 4 + Joined(fields) > MaxLineLength ? "{\n" + Indent(string.Join("\n", fields)) + "\n}" : "{ " + string.Join(", ", fields) + " }";
        }

        if (c == '"')
        {
            return _text.Length >= _at + 3 && string.CompareOrdinal(_text, _at, "\"\"\"", 0, 3) == 0 ? SdlText.Block(BlockString()) : SdlText.Quoted(QuotedString());
        }

        if (c == '-' || char.IsDigit(c))
        {
            var start = _at++;
            while (_at < _text.Length && (char.IsLetterOrDigit(_text[_at]) || _text[_at] is '.' or '+' or '-'))
            {
                _at++;
            }

            return _text.Substring(start, _at - start);
        }

        return Name();
    }

    private string QuotedString()
    {
        var value = new StringBuilder();
        _at++;
        while (true)
        {
            if (_at >= _text.Length || _text[_at] == '\n')
            {
                throw new System.FormatException();
            }

            var c = _text[_at++];
            if (c == '"')
            {
                return value.ToString();
            }

            if (c != '\\')
            {
                value.Append(c);
                continue;
            }

            var escape = _at < _text.Length ? _text[_at++] : throw new System.FormatException();
            switch (escape)
            {
                case 'b': value.Append('\b'); break;
                case 'f': value.Append('\f'); break;
                case 'n': value.Append('\n'); break;
                case 'r': value.Append('\r'); break;
                case 't': value.Append('\t'); break;
                case 'u':
                    if (_at + 4 > _text.Length)
                    {
                        throw new System.FormatException();
                    }

                    value.Append((char)int.Parse(_text.Substring(_at, 4), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture));
                    _at += 4;
                    break;
                default: value.Append(escape); break;
            }
        }
    }

    private string BlockString()
    {
        _at += 3;
        var end = _text.IndexOf("\"\"\"", _at, System.StringComparison.Ordinal);
        while (end > 0 && _text[end - 1] == '\\')
        {
            end = _text.IndexOf("\"\"\"", end + 3, System.StringComparison.Ordinal);
        }

        if (end < 0)
        {
            throw new System.FormatException();
        }

        var raw = _text.Substring(_at, end - _at).Replace("\\\"\"\"", "\"\"\"");
        _at = end + 3;
        return Dedent(raw);
    }

    // dedentBlockStringLines of the GraphQL specification: common indentation and blank first/last lines go.
    private static string Dedent(string raw)
    {
        var lines = raw.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        var common = int.MaxValue;
        for (var i = 1; i < lines.Length; i++)
        {
            var indent = lines[i].TakeWhile(ch => ch is ' ' or '\t').Count();
            if (indent < lines[i].Length)
            {
                common = System.Math.Min(common, indent);
            }
        }

        var result = lines.Select((line, i) => i > 0 && common != int.MaxValue && line.Length >= common ? line.Substring(common) : line).ToList();
        while (result.Count > 0 && result[0].All(ch => ch is ' ' or '\t'))
        {
            result.RemoveAt(0);
        }

        while (result.Count > 0 && result[result.Count - 1].All(ch => ch is ' ' or '\t'))
        {
            result.RemoveAt(result.Count - 1);
        }

        return string.Join("\n", result);
    }

    private string Name()
    {
        SkipIgnored();
        var start = _at;
        while (_at < _text.Length && (char.IsLetterOrDigit(_text[_at]) || _text[_at] == '_'))
        {
            _at++;
        }

        return _at > start ? _text.Substring(start, _at - start) : throw new System.FormatException();
    }

    private char Peek()
    {
        SkipIgnored();
        return _at < _text.Length ? _text[_at] : throw new System.FormatException();
    }

    private void SkipIgnored()
    {
        while (_at < _text.Length && (char.IsWhiteSpace(_text[_at]) || _text[_at] == ','))
        {
            _at++;
        }
    }

    private static int Joined(List<string> items) => items.Sum(item => item.Length) + (items.Count > 0 ? 2 * (items.Count - 1) : 0);

    private static string Indent(string text) => "  " + text.Replace("\n", "\n  ");
}
