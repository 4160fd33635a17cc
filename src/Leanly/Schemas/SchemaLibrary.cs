using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace Leanly.Schemas;

/// <summary>
/// The one door to Leanly.Schema.dll (and through it GraphQL.dll and GraphQLParser.dll). The CLR loads an assembly
/// when it compiles a method that names one of its types: only these methods do, and they are never inlined into a
/// caller, so Import-Module, Connect-Leanly and Invoke-LeanlyQuery without a schema never load them.
/// </summary>
internal static class SchemaLibrary
{
    /// <summary>A schema file (introspection JSON or SDL); failures are LeanlyExceptions.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Schema ReadFile(string fullPath) => SchemaFile.Read(fullPath);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static IReadOnlyList<QueryProblem> Validate(Schema schema, string document, string? path) =>
        QueryValidator.Validate(schema, document, path);
}
