using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Leanly.Introspection;

/// <summary>
/// Writes a <see cref="Schema"/> as introspection JSON, <c>{"__schema": ...}</c> in the shape of
/// <see cref="IntrospectionQuery.Text"/>'s answer, which graphql-js buildClientSchema and <see cref="IntrospectionReader"/> read.
/// </summary>
public static class IntrospectionWriter
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(Schema schema)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Options))
        {
            json.WriteStartObject();
            json.WriteStartObject("__schema");
            json.WriteString("description", schema.Description);
            Root(json, "queryType", schema.QueryType);
            Root(json, "mutationType", schema.MutationType);
            Root(json, "subscriptionType", schema.SubscriptionType);
            json.WriteStartArray("types");
            foreach (var type in schema.Types)
            {
                Type(json, schema, type);
            }

            json.WriteEndArray();
            json.WriteStartArray("directives");
            foreach (var directive in schema.Directives)
            {
                json.WriteStartObject();
                json.WriteString("name", directive.Name);
                json.WriteString("description", directive.Description);
                json.WriteBoolean("isRepeatable", directive.IsRepeatable);
                json.WriteStartArray("locations");
                foreach (var location in directive.Locations)
                {
                    json.WriteStringValue(location);
                }

                json.WriteEndArray();
                InputValues(json, schema, "args", directive.Arguments);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Root(Utf8JsonWriter json, string property, string? name)
    {
        if (name is null)
        {
            json.WriteNull(property);
            return;
        }

        json.WriteStartObject(property);
        json.WriteString("name", name);
        json.WriteString("kind", "OBJECT");
        json.WriteEndObject();
    }

    private static void Type(Utf8JsonWriter json, Schema schema, SchemaType type)
    {
        json.WriteStartObject();
        json.WriteString("kind", KindName(type.Kind));
        json.WriteString("name", type.Name);
        json.WriteString("description", type.Description);
        json.WriteString("specifiedByURL", type.SpecifiedByUrl);
        var hasFields = type.Kind is SchemaTypeKind.Object or SchemaTypeKind.Interface;
        if (hasFields)
        {
            json.WriteStartArray("fields");
            foreach (var field in type.Fields)
            {
                json.WriteStartObject();
                json.WriteString("name", field.Name);
                json.WriteString("description", field.Description);
                InputValues(json, schema, "args", field.Arguments);
                TypeRef(json, schema, field.Type);
                json.WriteBoolean("isDeprecated", field.IsDeprecated);
                json.WriteString("deprecationReason", field.DeprecationReason);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }
        else
        {
            json.WriteNull("fields");
        }

        if (type.Kind == SchemaTypeKind.InputObject)
        {
            InputValues(json, schema, "inputFields", type.InputFields);
        }
        else
        {
            json.WriteNull("inputFields");
        }

        Names(json, schema, "interfaces", hasFields ? type.Interfaces : null);
        if (type.Kind == SchemaTypeKind.Enum)
        {
            json.WriteStartArray("enumValues");
            foreach (var value in type.EnumValues)
            {
                json.WriteStartObject();
                json.WriteString("name", value.Name);
                json.WriteString("description", value.Description);
                json.WriteBoolean("isDeprecated", value.IsDeprecated);
                json.WriteString("deprecationReason", value.DeprecationReason);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }
        else
        {
            json.WriteNull("enumValues");
        }

        Names(json, schema, "possibleTypes", type.Kind is SchemaTypeKind.Union or SchemaTypeKind.Interface ? type.PossibleTypes : null);
        json.WriteEndObject();
    }

    private static void InputValues(Utf8JsonWriter json, Schema schema, string property, IReadOnlyList<SchemaInputValue> values)
    {
        json.WriteStartArray(property);
        foreach (var value in values)
        {
            json.WriteStartObject();
            json.WriteString("name", value.Name);
            json.WriteString("description", value.Description);
            TypeRef(json, schema, value.Type);
            json.WriteString("defaultValue", value.DefaultValue);
            json.WriteBoolean("isDeprecated", value.IsDeprecated);
            json.WriteString("deprecationReason", value.DeprecationReason);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void Names(Utf8JsonWriter json, Schema schema, string property, IReadOnlyList<string>? names)
    {
        if (names is null)
        {
            json.WriteNull(property);
            return;
        }

        json.WriteStartArray(property);
        foreach (var name in names)
        {
            json.WriteStartObject();
            json.WriteString("kind", KindName(schema.FindType(name)?.Kind ?? SchemaTypeKind.Object));
            json.WriteString("name", name);
            json.WriteNull("ofType");
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>Writes <c>"type": {...}</c> for an SDL type such as <c>[ID!]!</c>, wrappers outermost first.</summary>
    private static void TypeRef(Utf8JsonWriter json, Schema schema, string sdl)
    {
        json.WritePropertyName("type");
        TypeRefValue(json, schema, sdl);
    }

    private static void TypeRefValue(Utf8JsonWriter json, Schema schema, string sdl)
    {
        json.WriteStartObject();
        if (sdl.EndsWith("!", System.StringComparison.Ordinal))
        {
            json.WriteString("kind", "NON_NULL");
            json.WriteNull("name");
            json.WritePropertyName("ofType");
            TypeRefValue(json, schema, sdl.Substring(0, sdl.Length - 1));
        }
        else if (sdl.StartsWith("[", System.StringComparison.Ordinal) && sdl.EndsWith("]", System.StringComparison.Ordinal))
        {
            json.WriteString("kind", "LIST");
            json.WriteNull("name");
            json.WritePropertyName("ofType");
            TypeRefValue(json, schema, sdl.Substring(1, sdl.Length - 2));
        }
        else
        {
            json.WriteString("kind", KindName(schema.FindType(sdl)?.Kind ?? SchemaTypeKind.Scalar));
            json.WriteString("name", sdl);
            json.WriteNull("ofType");
        }

        json.WriteEndObject();
    }

    private static string KindName(SchemaTypeKind kind) => kind switch
    {
        SchemaTypeKind.Scalar => "SCALAR",
        SchemaTypeKind.Object => "OBJECT",
        SchemaTypeKind.Interface => "INTERFACE",
        SchemaTypeKind.Union => "UNION",
        SchemaTypeKind.Enum => "ENUM",
        _ => "INPUT_OBJECT",
    };
}
