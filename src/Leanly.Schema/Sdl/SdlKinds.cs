using GraphQLParser.AST;

namespace Leanly.Sdl;

/// <summary>What kind of type an SDL definition or extension defines, and how graphql-js names the kinds in its messages.</summary>
internal static class SdlKinds
{
    public static SchemaTypeKind? Of(ASTNode node) => node switch
    {
        GraphQLObjectTypeDefinition or GraphQLObjectTypeExtension => SchemaTypeKind.Object,
        GraphQLInterfaceTypeDefinition or GraphQLInterfaceTypeExtension => SchemaTypeKind.Interface,
        GraphQLUnionTypeDefinition or GraphQLUnionTypeExtension => SchemaTypeKind.Union,
        GraphQLEnumTypeDefinition or GraphQLEnumTypeExtension => SchemaTypeKind.Enum,
        GraphQLInputObjectTypeDefinition or GraphQLInputObjectTypeExtension => SchemaTypeKind.InputObject,
        GraphQLScalarTypeDefinition or GraphQLScalarTypeExtension => SchemaTypeKind.Scalar,
        _ => null,
    };

    public static string Describe(SchemaTypeKind kind) => kind switch
    {
        SchemaTypeKind.Object => "object",
        SchemaTypeKind.Interface => "interface",
        SchemaTypeKind.Union => "union",
        SchemaTypeKind.Enum => "enum",
        SchemaTypeKind.InputObject => "input object",
        _ => "scalar",
    };

    /// <summary>The directive location of a type definition or extension of this kind, as introspection names it.</summary>
    public static string Location(SchemaTypeKind kind) => kind switch
    {
        SchemaTypeKind.Object => "OBJECT",
        SchemaTypeKind.Interface => "INTERFACE",
        SchemaTypeKind.Union => "UNION",
        SchemaTypeKind.Enum => "ENUM",
        SchemaTypeKind.InputObject => "INPUT_OBJECT",
        _ => "SCALAR",
    };

    public static bool IsInput(SchemaTypeKind kind) => kind is SchemaTypeKind.Scalar or SchemaTypeKind.Enum or SchemaTypeKind.InputObject;

    public static bool IsOutput(SchemaTypeKind kind) => kind != SchemaTypeKind.InputObject;
}
