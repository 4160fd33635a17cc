namespace Leanly;

/// <summary>The kind of a named GraphQL type, as introspection's __TypeKind names it (without the wrappers LIST and NON_NULL).</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "GraphQL's own kind names, which users pass to Get-LeanlyType -Kind.")]
public enum SchemaTypeKind
{
    Scalar,
    Object,
    Interface,
    Union,
    Enum,
    InputObject,
}
