using System.Collections.Generic;

namespace Leanly.GraphQL.Completion;

/// <summary>Tokens of a half-typed document up to a point: unclosed strings and stray characters end or skip quietly.</summary>
internal static class CompletionScanner
{
    public static List<CompletionToken> Scan(string text, int end)
    {
        var tokens = new List<CompletionToken>();
        var i = 0;
        while (i < end)
        {
            var c = text[i];
            if (c == '#')
            {
                while (i < end && text[i] != '\n' && text[i] != '\r')
                {
                    i++;
                }
            }
            else if (c == '"')
            {
                var start = i;
                i = SkipString(text, i, end);
                tokens.Add(new CompletionToken('v', "\"", start));
            }
            else if (IsNameStart(c) || (c == '$' && i + 1 <= end))
            {
                var start = i;
                i++;
                while (i < end && IsNamePart(text[i]))
                {
                    i++;
                }

                tokens.Add(c == '$' ? new CompletionToken('$', text.Substring(start + 1, i - start - 1), start) : new CompletionToken('n', text.Substring(start, i - start), start));
            }
            else if (c == '-' || char.IsDigit(c))
            {
                var start = i++;
                while (i < end && (char.IsLetterOrDigit(text[i]) || text[i] == '.' || text[i] == '+' || text[i] == '-'))
                {
                    i++;
                }

                tokens.Add(new CompletionToken('v', text.Substring(start, i - start), start));
            }
            else if (c == '.')
            {
                var start = i;
                while (i < end && text[i] == '.')
                {
                    i++;
                }

                tokens.Add(new CompletionToken('.', "...", start));
            }
            else
            {
                if ("{}()[]:=@!|&".IndexOf(c) >= 0)
                {
                    tokens.Add(new CompletionToken(c, c.ToString(), i));
                }

                i++;
            }
        }

        return tokens;
    }

    public static bool IsNameStart(char c) => c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

    public static bool IsNamePart(char c) => IsNameStart(c) || (c >= '0' && c <= '9');

    private static int SkipString(string text, int i, int end)
    {
        if (i + 2 < end && text[i + 1] == '"' && text[i + 2] == '"')
        {
            var close = text.IndexOf("\"\"\"", i + 3, System.StringComparison.Ordinal);
            return close < 0 || close + 3 > end ? end : close + 3;
        }

        for (i++; i < end; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '"' || text[i] == '\n')
            {
                return i + 1;
            }
        }

        return end;
    }
}
