using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Leanly.Formatting;

/// <summary>
/// The default view of a <see cref="SchemaType"/> (Leanly.Format.ps1xml calls it): a heading, then its fields,
/// input fields or enum values as one aligned table, the way Get-Member shows a .NET type's members. A format
/// file's table cannot show one row per field of one object, hence the text.
/// </summary>
public static class SchemaTypeView
{
    private const int DefaultWidth = 120;
    private const int MinDescription = 20;

    private static readonly string[] FieldHeadings = { "Name", "Type", "Arguments", "Description" };
    private static readonly string[] InputFieldHeadings = { "Name", "Type", "Default", "Description" };
    private static readonly string[] EnumValueHeadings = { "Name", "Description" };
    private static readonly char[] LineBreaks = { '\r', '\n' };

    public static string Render(SchemaType type, int width)
    {
        if (type is null)
        {
            return string.Empty;
        }

        width = width is <= 40 or > 1000 ? DefaultWidth : width - 1;
        var text = new StringBuilder();
        text.Append("   TypeName: ").Append(type.Name).Append(" (").Append(type.Kind).Append(')').AppendLine();
        if (type.Interfaces.Count > 0)
        {
            text.Append("   Implements: ").AppendLine(string.Join(", ", type.Interfaces));
        }

        if (type.PossibleTypes.Count > 0)
        {
            text.Append(type.Kind == SchemaTypeKind.Union ? "   Members: " : "   Implemented by: ").AppendLine(Cut(string.Join(", ", type.PossibleTypes), width - 20));
        }

        if (type.SpecifiedByUrl is not null)
        {
            text.Append("   Specified by: ").AppendLine(type.SpecifiedByUrl);
        }

        if (!string.IsNullOrWhiteSpace(type.Description))
        {
            text.Append("   ").AppendLine(Cut(OneLine(type.Description!), width - 3));
        }

        var rows = Rows(type);
        if (rows.Count > 0)
        {
            text.AppendLine();
            Table(text, rows, width);
        }

        return text.ToString().TrimEnd();
    }

    private static List<string[]> Rows(SchemaType type)
    {
        var rows = new List<string[]>();
        switch (type.Kind)
        {
            case SchemaTypeKind.Object or SchemaTypeKind.Interface:
                rows.Add(FieldHeadings);
                rows.AddRange(type.Fields.Select(f => new[] { f.Name, f.Type, string.Join(", ", f.Arguments.Select(a => a.ToString())), Describe(f.Description, f.IsDeprecated, f.DeprecationReason) }));
                break;
            case SchemaTypeKind.InputObject:
                rows.Add(InputFieldHeadings);
                rows.AddRange(type.InputFields.Select(f => new[] { f.Name, f.Type, f.DefaultValue ?? string.Empty, Describe(f.Description, f.IsDeprecated, f.DeprecationReason) }));
                break;
            case SchemaTypeKind.Enum:
                rows.Add(EnumValueHeadings);
                rows.AddRange(type.EnumValues.Select(v => new[] { v.Name, Describe(v.Description, v.IsDeprecated, v.DeprecationReason) }));
                break;
        }

        return rows.Count > 1 ? rows : new List<string[]>();
    }

    private static string Describe(string? description, bool deprecated, string? reason)
    {
        var text = OneLine(description ?? string.Empty);
        return deprecated ? $"[deprecated: {OneLine(reason ?? "No longer supported")}] {text}".TrimEnd() : text;
    }

    // Columns as wide as their longest cell, within a share of the width; the last column (a description) gets what is left.
    private static void Table(StringBuilder text, List<string[]> rows, int width)
    {
        var columns = rows[0].Length;
        var widths = new int[columns];
        for (var c = 0; c < columns - 1; c++)
        {
            var cap = c == 0 ? 32 : c == 1 ? 32 : 40;
            widths[c] = Math.Min(cap, rows.Max(r => r[c].Length));
        }

        var used = widths.Take(columns - 1).Sum() + columns - 1;
        if (width - used < MinDescription && columns > 2)
        {
            // A narrow console: shrink the arguments/default column first, as Format-Table drops the last columns.
            widths[columns - 2] = Math.Max(rows[0][columns - 2].Length, widths[columns - 2] - (MinDescription - (width - used)));
            used = widths.Take(columns - 1).Sum() + columns - 1;
        }

        widths[columns - 1] = Math.Max(MinDescription, width - used);
        foreach (var (row, index) in rows.Select((r, i) => (r, i)))
        {
            AppendRow(text, row, widths);
            if (index == 0)
            {
                AppendRow(text, row.Select(h => new string('-', h.Length)).ToArray(), widths);
            }
        }
    }

    private static void AppendRow(StringBuilder text, string[] cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var c = 0; c < cells.Length; c++)
        {
            var cell = Cut(cells[c], widths[c]);
            line.Append(c == cells.Length - 1 ? cell : cell.PadRight(widths[c] + 1));
        }

        text.AppendLine(line.ToString().TrimEnd());
    }

    private static string Cut(string value, int width) =>
        value.Length <= width ? value : width <= 3 ? value.Substring(0, Math.Max(0, width)) : value.Substring(0, width - 3) + "...";

    private static string OneLine(string value) =>
        string.Join(" ", value.Split(LineBreaks, StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
}
