using System;
using System.Collections.Generic;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace Leanly.Schemas;

/// <summary>
/// Invoke-LeanlyQuery's run-time deprecation check: when the connection already holds a schema, each deprecated
/// field, argument, input field or enum value a document uses is told once per runspace, so a runbook's job log shows
/// it before the API removes it. Without a held schema it costs one read of a field: no request, no parse.
/// </summary>
internal static class DeprecationWarnings
{
    // Documents already checked against a schema: a loop of the same query costs a lookup, not a validation.
    private const int DocumentsKept = 64;

    private static readonly ConditionalWeakTable<Schema, Dictionary<string, string[]>> Checked = new();
    private static readonly ConditionalWeakTable<Runspace, HashSet<string>> Told = new();

    /// <summary>The warnings not yet told in this runspace for <paramref name="document"/>; on the pipeline thread. Never throws.</summary>
    public static IReadOnlyList<string> Take(LeanlyConnection connection, string document)
    {
        if (connection.CachedSchema is not { } schema)
        {
            return Array.Empty<string>();
        }

        try
        {
            var found = Find(schema, document);
            if (found.Length == 0 || Runspace.DefaultRunspace is not { } runspace)
            {
                return found;
            }

            var told = Told.GetValue(runspace, _ => new HashSet<string>(StringComparer.Ordinal));
            var fresh = new List<string>();
            lock (told)
            {
                foreach (var warning in found)
                {
                    if (told.Add(warning))
                    {
                        fresh.Add(warning);
                    }
                }
            }

            return fresh;
        }
        catch (Exception)
        {
            // A warning is a courtesy: it never fails a query.
            return Array.Empty<string>();
        }
    }

    private static string[] Find(Schema schema, string document)
    {
        var cache = Checked.GetValue(schema, _ => new Dictionary<string, string[]>(StringComparer.Ordinal));
        lock (cache)
        {
            if (cache.TryGetValue(document, out var known))
            {
                return known;
            }
        }

        var found = Deprecations(schema, document);
        lock (cache)
        {
            if (cache.Count >= DocumentsKept)
            {
                cache.Clear();
            }

            cache[document] = found;
        }

        return found;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string[] Deprecations(Schema schema, string document)
    {
        var warnings = new List<string>();
        foreach (var problem in SchemaLibrary.Validate(schema, document, null))
        {
            if (problem.Severity == QueryProblemSeverity.Warning && problem.Rule == "NoDeprecated")
            {
                warnings.Add(problem.Message + " (Test-LeanlyQuery shows where; this warning is shown once per session.)");
            }
        }

        return warnings.ToArray();
    }
}
