using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Leanly.Completion;
using Leanly.Errors;

namespace Leanly.Commands;

/// <summary>The named types of the schema, by name (wildcards) and kind; each shows its fields like Get-Member.</summary>
[Cmdlet(VerbsCommon.Get, "LeanlyType")]
[OutputType(typeof(SchemaType))]
public sealed class GetLeanlyTypeCommand : SchemaCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SchemaTypeNameCompleter))]
    public string[]? Name { get; set; }

    [Parameter]
    public SchemaTypeKind[]? Kind { get; set; }

    [Parameter]
    [ValidateNotNull]
    public LeanlyConnection? Connection { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Schema { get; set; }

    private Schema? _schema;

    protected override void ProcessRecord()
    {
        _schema ??= ResolveSchema(Schema, Connection);
        var patterns = Name ?? new[] { "*" };
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pattern in patterns)
        {
            var found = false;
            foreach (var type in Matching(_schema, pattern))
            {
                found = true;
                if ((Kind is null || Kind.Contains(type.Kind)) && written.Add(type.Name))
                {
                    WriteFormattedObject(type);
                }
            }

            if (!found && !WildcardPattern.ContainsWildcardCharacters(pattern))
            {
                WriteError(LeanlyErrors.Create(LeanlyErrorKind.TypeNotFound, NotFoundMessage(_schema, pattern), pattern));
            }
        }
    }

    // Introspection's own types (__Type, ...) only when asked for by a name that starts with "__", as printSchema leaves them out.
    private static IEnumerable<SchemaType> Matching(Schema schema, string pattern)
    {
        if (!WildcardPattern.ContainsWildcardCharacters(pattern))
        {
            var exact = schema.FindType(pattern) ?? schema.Types.FirstOrDefault(t => string.Equals(t.Name, pattern, StringComparison.OrdinalIgnoreCase));
            return exact is null ? Enumerable.Empty<SchemaType>() : new[] { exact };
        }

        var wildcard = WildcardPattern.Get(pattern, WildcardOptions.IgnoreCase);
        var introspection = pattern.StartsWith("__", StringComparison.Ordinal);
        return schema.Types
            .Where(t => (introspection || !t.Name.StartsWith("__", StringComparison.Ordinal)) && wildcard.IsMatch(t.Name))
            .OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase);
    }

    private static string NotFoundMessage(Schema schema, string name)
    {
        var suggestions = Suggestions.For(name, schema.Types.Select(t => t.Name));
        var didYouMean = suggestions.Count == 0 ? string.Empty : " Did you mean " + string.Join(" or ", suggestions.Select(s => $"'{s}'")) + "?";
        return $"The schema of {schema.Source} has no type named '{name}'.{didYouMean}";
    }
}
