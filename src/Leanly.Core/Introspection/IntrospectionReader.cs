using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using Leanly.Errors;

namespace Leanly.Introspection;

/// <summary>
/// Builds a <see cref="Schema"/> from an introspection result: <c>{"data":{"__schema":..}}</c> as a server answers,
/// or <c>{"__schema":..}</c> as graphql-js's introspectionFromSchema and Export-LeanlySchema write it.
/// Any other shape is a <see cref="LeanlyErrorKind.IntrospectionInvalid"/>, never a raw exception.
/// </summary>
public static class IntrospectionReader
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 256 };

    public static Schema Read(string json, string source, DateTimeOffset fetchedOn) =>
        Read(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)), source, fetchedOn);

    public static Schema Read(ReadOnlySequence<byte> json, string source, DateTimeOffset fetchedOn)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            throw Invalid(source, "it is not JSON (" + e.Message + ")");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
            {
                root = data;
            }

            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("__schema", out var schema) || schema.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(source, "it has no __schema object");
            }

            return ReadSchema(schema, source, fetchedOn);
        }
    }

    private static Schema ReadSchema(JsonElement schema, string source, DateTimeOffset fetchedOn)
    {
        var types = new List<SchemaType>();
        foreach (var type in Array(schema, "types", source, required: true))
        {
            types.Add(ReadType(type, source));
        }

        var directives = new List<SchemaDirective>();
        foreach (var directive in Array(schema, "directives", source, required: false))
        {
            var locations = new List<string>();
            foreach (var location in Array(directive, "locations", source, required: false))
            {
                locations.Add(location.ValueKind == JsonValueKind.String ? location.GetString()! : throw Invalid(source, "a directive location is not a string"));
            }

            directives.Add(new SchemaDirective
            {
                Name = Name(directive, source),
                Description = OptionalString(directive, "description", source),
                Locations = locations,
                Arguments = InputValues(directive, "args", source),
                IsRepeatable = Bool(directive, "isRepeatable", source),
            });
        }

        var query = RootName(schema, "queryType", source);
        return new Schema
        {
            Description = OptionalString(schema, "description", source),
            Types = types,
            QueryType = query ?? throw Invalid(source, "__schema.queryType is missing"),
            MutationType = RootName(schema, "mutationType", source),
            SubscriptionType = RootName(schema, "subscriptionType", source),
            Directives = directives,
            Source = source,
            FetchedOn = fetchedOn,
        };
    }

    private static SchemaType ReadType(JsonElement type, string source)
    {
        var name = Name(type, source);
        var kind = OptionalString(type, "kind", source) switch
        {
            "SCALAR" => SchemaTypeKind.Scalar,
            "OBJECT" => SchemaTypeKind.Object,
            "INTERFACE" => SchemaTypeKind.Interface,
            "UNION" => SchemaTypeKind.Union,
            "ENUM" => SchemaTypeKind.Enum,
            "INPUT_OBJECT" => SchemaTypeKind.InputObject,
            var other => throw Invalid(source, $"type {name} has kind '{other}'"),
        };

        var fields = new List<SchemaField>();
        foreach (var field in Array(type, "fields", source, required: false))
        {
            var (sdl, named) = TypeRef(field, source);
            fields.Add(new SchemaField
            {
                Name = Name(field, source),
                Type = sdl,
                NamedType = named,
                Arguments = InputValues(field, "args", source),
                Description = OptionalString(field, "description", source),
                IsDeprecated = Bool(field, "isDeprecated", source),
                DeprecationReason = OptionalString(field, "deprecationReason", source),
            });
        }

        var values = new List<SchemaEnumValue>();
        foreach (var value in Array(type, "enumValues", source, required: false))
        {
            values.Add(new SchemaEnumValue
            {
                Name = Name(value, source),
                Description = OptionalString(value, "description", source),
                IsDeprecated = Bool(value, "isDeprecated", source),
                DeprecationReason = OptionalString(value, "deprecationReason", source),
            });
        }

        return new SchemaType
        {
            Name = name,
            Kind = kind,
            Description = OptionalString(type, "description", source),
            SpecifiedByUrl = OptionalString(type, "specifiedByURL", source),
            Fields = fields,
            InputFields = InputValues(type, "inputFields", source),
            EnumValues = values,
            Interfaces = Names(type, "interfaces", source),
            PossibleTypes = Names(type, "possibleTypes", source),
        };
    }

    private static List<SchemaInputValue> InputValues(JsonElement owner, string property, string source)
    {
        var list = new List<SchemaInputValue>();
        foreach (var value in Array(owner, property, source, required: false))
        {
            var (sdl, named) = TypeRef(value, source);
            list.Add(new SchemaInputValue
            {
                Name = Name(value, source),
                Type = sdl,
                NamedType = named,
                DefaultValue = OptionalString(value, "defaultValue", source),
                Description = OptionalString(value, "description", source),
                IsDeprecated = Bool(value, "isDeprecated", source),
                DeprecationReason = OptionalString(value, "deprecationReason", source),
            });
        }

        return list;
    }

    private static (string Sdl, string Named) TypeRef(JsonElement owner, string source)
    {
        if (!owner.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(source, $"{Describe(owner)} has no type");
        }

        var prefix = new StringBuilder();
        var suffix = new StringBuilder();
        while (true)
        {
            switch (OptionalString(type, "kind", source))
            {
                case "NON_NULL":
                    suffix.Insert(0, '!');
                    break;
                case "LIST":
                    prefix.Append('[');
                    suffix.Insert(0, ']');
                    break;
                default:
                    var named = Name(type, source);
                    return (prefix + named + suffix, named);
            }

            if (!type.TryGetProperty("ofType", out type) || type.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(source, $"the type of {Describe(owner)} is wrapped deeper than the introspection query reads");
            }
        }
    }

    private static List<string> Names(JsonElement owner, string property, string source)
    {
        var list = new List<string>();
        foreach (var item in Array(owner, property, source, required: false))
        {
            list.Add(Name(item, source));
        }

        return list;
    }

    private static string? RootName(JsonElement schema, string property, string source) =>
        schema.TryGetProperty(property, out var root) && root.ValueKind == JsonValueKind.Object ? Name(root, source) : null;

    private static JsonElement.ArrayEnumerator Array(JsonElement owner, string property, string source, bool required)
    {
        if (owner.TryGetProperty(property, out var value))
        {
            if (value.ValueKind == JsonValueKind.Array)
            {
                return value.EnumerateArray();
            }

            if (value.ValueKind != JsonValueKind.Null)
            {
                throw Invalid(source, $"{property} of {Describe(owner)} is a JSON {value.ValueKind}, not an array");
            }
        }

        return required ? throw Invalid(source, $"{property} of {Describe(owner)} is missing") : default;
    }

    private static string Name(JsonElement owner, string source) =>
        OptionalString(owner, "name", source) ?? throw Invalid(source, $"{Describe(owner)} has no name");

    private static string? OptionalString(JsonElement owner, string property, string source)
    {
        if (owner.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(source, $"a JSON {owner.ValueKind} stands where an object was expected");
        }

        if (!owner.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw Invalid(source, $"{property} of {Describe(owner)} is a JSON {value.ValueKind}, not a string");
    }

    private static bool Bool(JsonElement owner, string property, string source) =>
        owner.TryGetProperty(property, out var value) && value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False or JsonValueKind.Null => false,
            _ => throw Invalid(source, $"{property} of {Describe(owner)} is a JSON {value.ValueKind}, not a boolean"),
        };

    private static string Describe(JsonElement owner) =>
        owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
            ? "'" + name.GetString() + "'"
            : "an entry";

    private static LeanlyException Invalid(string source, string why) => new(
        LeanlyErrorKind.IntrospectionInvalid,
        $"The introspection result from {source} is not one a GraphQL schema can be read from: {why}.",
        "Give an introspection result as Export-LeanlySchema or graphql-js introspectionFromSchema writes it ({\"__schema\": ...}), or the server's whole answer ({\"data\": {\"__schema\": ...}}).");
}
