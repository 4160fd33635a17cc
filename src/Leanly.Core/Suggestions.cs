using System;
using System.Collections.Generic;
using System.Linq;

namespace Leanly;

/// <summary>"Did you mean" candidates the way graphql-js's suggestionList picks them: close in spelling, nearest first, at most five.</summary>
internal static class Suggestions
{
    private const int MaxShown = 5;

    public static IReadOnlyList<string> For(string input, IEnumerable<string> options)
    {
        var threshold = (int)Math.Floor(input.Length * 0.4) + 1;
        var lowered = input.ToLowerInvariant();
        return options
            .Select(option => (Option: option, Distance: Distance(input, lowered, option, threshold)))
            .Where(candidate => candidate.Distance <= threshold)
            .OrderBy(candidate => candidate.Distance)
            .ThenBy(candidate => candidate.Option, StringComparer.Ordinal)
            .Take(MaxShown)
            .Select(candidate => candidate.Option)
            .ToList();
    }

    // Optimal string alignment distance of the lower-cased texts; a difference in case alone counts 1.
    private static int Distance(string input, string loweredInput, string option, int threshold)
    {
        if (string.Equals(input, option, StringComparison.Ordinal))
        {
            return 0;
        }

        var b = option.ToLowerInvariant();
        if (string.Equals(loweredInput, b, StringComparison.Ordinal))
        {
            return 1;
        }

        var a = loweredInput;
        if (Math.Abs(a.Length - b.Length) > threshold)
        {
            return int.MaxValue;
        }

        var rows = new int[3][];
        for (var r = 0; r < 3; r++)
        {
            rows[r] = new int[b.Length + 1];
        }

        for (var j = 0; j <= b.Length; j++)
        {
            rows[0][j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            var current = rows[i % 3];
            var previous = rows[(i - 1) % 3];
            current[0] = i;
            var smallest = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, rows[(i - 2) % 3][j - 2] + 1);
                }

                current[j] = value;
                smallest = Math.Min(smallest, value);
            }

            if (smallest > threshold)
            {
                return int.MaxValue;
            }
        }

        return rows[a.Length % 3][b.Length];
    }
}
