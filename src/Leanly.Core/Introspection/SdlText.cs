using System.Text;

namespace Leanly.Introspection;

/// <summary>GraphQL string literals as graphql-js prints them (printString, printBlockString, isPrintableAsBlockString).</summary>
internal static class SdlText
{
    public static string Quoted(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\t': text.Append("\\t"); break;
                case '\n': text.Append("\\n"); break;
                case '\f': text.Append("\\f"); break;
                case '\r': text.Append("\\r"); break;
                default:
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
                    {
                        text.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        return text.Append('"').ToString();
    }

    public static string Block(string value)
    {
        var escaped = value.Replace("\"\"\"", "\\\"\"\"");
        var lines = escaped.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        var singleLine = lines.Length == 1;
        var forceLeadingNewLine = lines.Length > 1;
        for (var i = 1; i < lines.Length && forceLeadingNewLine; i++)
        {
            forceLeadingNewLine = lines[i].Length == 0 || IsWhiteSpace(lines[i][0]);
        }

        var trailingTripleQuotes = escaped.EndsWith("\\\"\"\"", System.StringComparison.Ordinal);
        var trailingQuote = value.EndsWith("\"", System.StringComparison.Ordinal) && !trailingTripleQuotes;
        var trailingSlash = value.EndsWith("\\", System.StringComparison.Ordinal);
        var forceTrailingNewLine = trailingQuote || trailingSlash;
        var multipleLines = !singleLine || value.Length > 70 || forceTrailingNewLine || forceLeadingNewLine || trailingTripleQuotes;
        var skipLeadingNewLine = singleLine && value.Length > 0 && IsWhiteSpace(value[0]);
        var text = new StringBuilder("\"\"\"");
        if ((multipleLines && !skipLeadingNewLine) || forceLeadingNewLine)
        {
            text.Append('\n');
        }

        text.Append(escaped);
        if (multipleLines || forceTrailingNewLine)
        {
            text.Append('\n');
        }

        return text.Append("\"\"\"").ToString();
    }

    public static bool IsPrintableAsBlock(string value)
    {
        if (value.Length == 0)
        {
            return true;
        }

        var emptyLine = true;
        var hasIndent = false;
        var commonIndent = true;
        var seenNonEmptyLine = false;
        foreach (var c in value)
        {
            switch (c)
            {
                case '\n':
                    if (emptyLine && !seenNonEmptyLine)
                    {
                        return false;
                    }

                    seenNonEmptyLine = true;
                    emptyLine = true;
                    hasIndent = false;
                    break;
                case '\t':
                case ' ':
                    hasIndent |= emptyLine;
                    break;
                default:
                    if (c < 0x10)
                    {
                        return false;
                    }

                    commonIndent &= hasIndent;
                    emptyLine = false;
                    break;
            }
        }

        return !emptyLine && !(commonIndent && seenNonEmptyLine);
    }

    /// <summary>printDescription of graphql-js's printSchema: the description, then a line break, indented.</summary>
    public static string Description(string? description, string indentation = "", bool firstInBlock = true)
    {
        if (description is null)
        {
            return string.Empty;
        }

        var literal = IsPrintableAsBlock(description) ? Block(description) : Quoted(description);
        var prefix = indentation.Length > 0 && !firstInBlock ? "\n" + indentation : indentation;
        return prefix + literal.Replace("\n", "\n" + indentation) + "\n";
    }

    private static bool IsWhiteSpace(char c) => c is ' ' or '\t';
}
