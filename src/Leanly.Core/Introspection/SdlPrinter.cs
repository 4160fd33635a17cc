using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Leanly.Introspection;

/// <summary>
/// Writes a <see cref="Schema"/> as SDL, character for character as graphql-js 17 printSchema(buildClientSchema(..))
/// does: the schema definition when it is needed, custom directives, then the types in the schema's order; built-in
/// scalars, introspection types and the specification's directives left out.
/// </summary>
public static class SdlPrinter
{
    private static readonly HashSet<string> BuiltInScalars = new() { "String", "Int", "Float", "Boolean", "ID" };

    private static readonly HashSet<string> SpecifiedDirectives = new() { "include", "skip", "deprecated", "specifiedBy", "oneOf" };

    private const string DefaultDeprecationReason = "No longer supported";

    public static string Print(Schema schema)
    {
        var parts = new List<string>();
        var definition = SchemaDefinition(schema);
        if (definition is not null)
        {
            parts.Add(definition);
        }

        parts.AddRange(schema.Directives.Where(d => !SpecifiedDirectives.Contains(d.Name)).Select(Directive));
        parts.AddRange(schema.Types.Where(t => !IsBuiltIn(t)).Select(Type));
        return string.Join("\n\n", parts);
    }

    /// <summary>A built-in scalar (String, Int, Float, Boolean, ID) or an introspection type (__Schema, ...).</summary>
    public static bool IsBuiltIn(SchemaType type) => BuiltInScalars.Contains(type.Name) || type.Name.StartsWith("__", System.StringComparison.Ordinal);

    private static string? SchemaDefinition(Schema schema)
    {
        var defaultNames = schema.QueryType == "Query"
            && DefaultRoot(schema, schema.MutationType, "Mutation")
            && DefaultRoot(schema, schema.SubscriptionType, "Subscription");
        if (schema.Description is null && defaultNames && schema.FindType("Query") is not null)
        {
            return null;
        }

        var text = new StringBuilder(SdlText.Description(schema.Description)).Append("schema {\n");
        text.Append("  query: ").Append(schema.QueryType).Append('\n');
        if (schema.MutationType is not null)
        {
            text.Append("  mutation: ").Append(schema.MutationType).Append('\n');
        }

        if (schema.SubscriptionType is not null)
        {
            text.Append("  subscription: ").Append(schema.SubscriptionType).Append('\n');
        }

        return text.Append('}').ToString();
    }

    // graphql-js: getMutationType() == getType('Mutation'): both absent, or the root is the type of that name.
    private static bool DefaultRoot(Schema schema, string? root, string name) => root is null ? schema.FindType(name) is null : root == name;

    private static string Type(SchemaType type)
    {
        var head = SdlText.Description(type.Description);
        switch (type.Kind)
        {
            case SchemaTypeKind.Scalar:
                return head + "scalar " + type.Name + (type.SpecifiedByUrl is null ? string.Empty : $" @specifiedBy(url: {SdlText.Quoted(type.SpecifiedByUrl)})");
            case SchemaTypeKind.Object:
            case SchemaTypeKind.Interface:
                return head + (type.Kind == SchemaTypeKind.Object ? "type " : "interface ") + type.Name
                    + (type.Interfaces.Count > 0 ? " implements " + string.Join(" & ", type.Interfaces) : string.Empty)
                    + Block(type.Fields.Select((f, i) => SdlText.Description(f.Description, "  ", i == 0) + "  " + f.Name + Arguments(f.Arguments, "  ") + ": " + f.Type + Deprecated(f.DeprecationReason)));
            case SchemaTypeKind.Union:
                return head + "union " + type.Name + (type.PossibleTypes.Count > 0 ? " = " + string.Join(" | ", type.PossibleTypes) : string.Empty);
            case SchemaTypeKind.Enum:
                return head + "enum " + type.Name
                    + Block(type.EnumValues.Select((v, i) => SdlText.Description(v.Description, "  ", i == 0) + "  " + v.Name + Deprecated(v.DeprecationReason)));
            default:
                return head + "input " + type.Name
                    + Block(type.InputFields.Select((f, i) => SdlText.Description(f.Description, "  ", i == 0) + "  " + InputValue(f)));
        }
    }

    private static string Directive(SchemaDirective directive) =>
        SdlText.Description(directive.Description) + "directive @" + directive.Name + Arguments(directive.Arguments, string.Empty)
        + (directive.IsRepeatable ? " repeatable" : string.Empty) + " on " + string.Join(" | ", directive.Locations);

    private static string Block(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count > 0 ? " {\n" + string.Join("\n", list) + "\n}" : string.Empty;
    }

    private static string Arguments(IReadOnlyList<SchemaInputValue> arguments, string indentation)
    {
        if (arguments.Count == 0)
        {
            return string.Empty;
        }

        if (arguments.All(a => a.Description is null))
        {
            return "(" + string.Join(", ", arguments.Select(InputValue)) + ")";
        }

        return "(\n" + string.Join("\n", arguments.Select((a, i) => SdlText.Description(a.Description, "  " + indentation, i == 0) + "  " + indentation + InputValue(a)))
            + "\n" + indentation + ")";
    }

    private static string InputValue(SchemaInputValue value) =>
        value.Name + ": " + value.Type + (value.DefaultValue is null ? string.Empty : " = " + ValueLiteral.Normalize(value.DefaultValue)) + Deprecated(value.DeprecationReason);

    private static string Deprecated(string? reason) => reason switch
    {
        null => string.Empty,
        DefaultDeprecationReason => " @deprecated",
        _ => $" @deprecated(reason: {SdlText.Quoted(reason)})",
    };
}
