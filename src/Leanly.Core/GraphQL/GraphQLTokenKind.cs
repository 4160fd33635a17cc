namespace Leanly;

internal enum GraphQLTokenKind
{
    Name,
    Punctuator,
    Value,
}
