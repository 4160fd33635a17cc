using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Management.Automation;
using Leanly.Errors;

namespace Leanly.Json;

/// <summary>Unwraps what a user passes as -Variables (Hashtable, [ordered], PSCustomObject, nested) into plain .NET values for the core.</summary>
public static class VariablesConverter
{
    private const int MaxDepth = 100;

    public static IDictionary<string, object?>? ToDictionary(object? variables)
    {
        var plain = ToPlain(variables, 0);
        if (plain is null)
        {
            return null;
        }

        if (plain is not IDictionary dictionary)
        {
            throw new LeanlyException(
                LeanlyErrorKind.InvalidRequest,
                $"-Variables must be a hashtable, an ordered dictionary or an object with properties, not a {variables!.GetType().Name}.",
                "Pass variables as @{ name = value } or [pscustomobject]@{ name = value }.");
        }

        var result = new Dictionary<string, object?>();
        foreach (DictionaryEntry entry in dictionary)
        {
            result[entry.Key.ToString() ?? string.Empty] = entry.Value;
        }

        return result;
    }

    public static object? ToPlain(object? value, int depth)
    {
        if (depth > MaxDepth)
        {
            return value;
        }

        if (value is PSObject wrapped)
        {
            if (wrapped.BaseObject is PSCustomObject)
            {
                var properties = new OrderedDictionary();
                foreach (var property in wrapped.Properties)
                {
                    if (property.MemberType is PSMemberTypes.NoteProperty or PSMemberTypes.Property)
                    {
                        properties[property.Name] = ToPlain(property.Value, depth + 1);
                    }
                }

                return properties;
            }

            value = wrapped.BaseObject;
        }

        switch (value)
        {
            case null or string or System.ValueType or System.Security.SecureString or System.Text.Json.JsonElement:
                return value;
            case IDictionary dictionary:
                var copy = new OrderedDictionary();
                foreach (DictionaryEntry entry in dictionary)
                {
                    copy[entry.Key] = ToPlain(entry.Value, depth + 1);
                }

                return copy;
            case IEnumerable sequence:
                var list = new List<object?>();
                foreach (var item in sequence)
                {
                    list.Add(ToPlain(item, depth + 1));
                }

                return list;
            default:
                return value;
        }
    }
}
