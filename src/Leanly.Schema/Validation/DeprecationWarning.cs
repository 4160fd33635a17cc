using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;

namespace Leanly.Validation;

/// <summary>A NoDeprecated finding carried through GraphQL.NET's error list; QueryValidator turns it into a warning.</summary>
internal sealed class DeprecationWarning : ValidationError
{
    public DeprecationWarning(ROM source, ASTNode node, string message)
        : base(source, "NoDeprecated", message.TrimEnd(), node)
    {
    }
}
