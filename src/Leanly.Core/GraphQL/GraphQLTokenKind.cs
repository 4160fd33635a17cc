namespace Leanly.GraphQL;

internal enum GraphQLTokenKind
{
    Name,
    Punctuator,
    Value,
}
