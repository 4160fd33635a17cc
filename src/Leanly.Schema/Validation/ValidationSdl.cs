using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Leanly.Validation;

/// <summary>
/// Writes the schema model as SDL for GraphQL.NET's schema builder: only what validation reads (no descriptions),
/// built-in scalars, directives and introspection types left to the builder, deprecations kept.
/// </summary>
internal static class ValidationSdl
{
    private static readonly HashSet<string> BuiltInScalars = new(StringComparer.Ordinal) { "String", "Int", "Float", "Boolean", "ID" };

    private static readonly HashSet<string> BuiltInDirectives = new(StringComparer.Ordinal) { "skip", "include", "deprecated", "specifiedBy", "oneOf" };

    public static string Write(Schema schema)
    {
        var sdl = new StringBuilder();
        sdl.Append("schema { query: ").Append(schema.QueryType);
        if (schema.MutationType is not null)
        {
            sdl.Append(" mutation: ").Append(schema.MutationType);
        }

        if (schema.SubscriptionType is not null)
        {
            sdl.Append(" subscription: ").Append(schema.SubscriptionType);
        }

        sdl.Append(" }\n");
        foreach (var directive in schema.Directives.Where(d => !BuiltInDirectives.Contains(d.Name)))
        {
            sdl.Append("directive @").Append(directive.Name);
            WriteArguments(sdl, directive.Arguments);
            sdl.Append(directive.IsRepeatable ? " repeatable on " : " on ").Append(string.Join(" | ", directive.Locations)).Append('\n');
        }

        foreach (var type in schema.Types.Where(t => !t.Name.StartsWith("__", StringComparison.Ordinal) && !BuiltInScalars.Contains(t.Name)))
        {
            WriteType(sdl, type);
        }

        return sdl.ToString();
    }

    private static void WriteType(StringBuilder sdl, SchemaType type)
    {
        switch (type.Kind)
        {
            case SchemaTypeKind.Scalar:
                sdl.Append("scalar ").Append(type.Name).Append('\n');
                break;
            case SchemaTypeKind.Union:
                sdl.Append("union ").Append(type.Name).Append(" = ").Append(string.Join(" | ", type.PossibleTypes)).Append('\n');
                break;
            case SchemaTypeKind.Enum:
                sdl.Append("enum ").Append(type.Name).Append(" {");
                foreach (var value in type.EnumValues)
                {
                    sdl.Append(' ').Append(value.Name);
                    WriteDeprecation(sdl, value.IsDeprecated, value.DeprecationReason);
                }

                sdl.Append(" }\n");
                break;
            case SchemaTypeKind.InputObject:
                sdl.Append("input ").Append(type.Name).Append(" {");
                foreach (var field in type.InputFields)
                {
                    sdl.Append(' ');
                    WriteInputValue(sdl, field);
                }

                sdl.Append(" }\n");
                break;
            default:
                sdl.Append(type.Kind == SchemaTypeKind.Interface ? "interface " : "type ").Append(type.Name);
                if (type.Interfaces.Count > 0)
                {
                    sdl.Append(" implements ").Append(string.Join(" & ", type.Interfaces));
                }

                sdl.Append(" {");
                foreach (var field in type.Fields)
                {
                    sdl.Append(' ').Append(field.Name);
                    WriteArguments(sdl, field.Arguments);
                    sdl.Append(": ").Append(field.Type);
                    WriteDeprecation(sdl, field.IsDeprecated, field.DeprecationReason);
                }

                sdl.Append(" }\n");
                break;
        }
    }

    private static void WriteArguments(StringBuilder sdl, IReadOnlyList<SchemaInputValue> arguments)
    {
        if (arguments.Count == 0)
        {
            return;
        }

        sdl.Append('(');
        for (var i = 0; i < arguments.Count; i++)
        {
            if (i > 0)
            {
                sdl.Append(", ");
            }

            WriteInputValue(sdl, arguments[i]);
        }

        sdl.Append(')');
    }

    private static void WriteInputValue(StringBuilder sdl, SchemaInputValue value)
    {
        sdl.Append(value.Name).Append(": ").Append(value.Type);
        if (value.DefaultValue is not null)
        {
            sdl.Append(" = ").Append(value.DefaultValue);
        }

        WriteDeprecation(sdl, value.IsDeprecated, value.DeprecationReason);
    }

    private static void WriteDeprecation(StringBuilder sdl, bool isDeprecated, string? reason)
    {
        if (!isDeprecated)
        {
            return;
        }

        sdl.Append(" @deprecated");
        if (reason is not null)
        {
            sdl.Append("(reason: \"").Append(reason.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n")).Append("\")");
        }
    }
}
