using GraphQL.Types;
using GraphQLParser.AST;

namespace Leanly.Validation;

/// <summary>
/// A custom scalar as a client sees it: any literal may be right, since only the server knows how it parses one
/// (graphql-js's buildClientSchema does the same). GraphQL.NET would otherwise refuse the schema (an unresolved
/// type), or judge DateTime and the like by its own built-in parsing rather than the server's.
/// </summary>
internal sealed class PassThroughScalar : ScalarGraphType
{
    public PassThroughScalar(string name)
    {
        Name = name;
    }

    public override object? ParseLiteral(GraphQLValue value) => value is GraphQLNullValue ? null : value;

    public override object? ParseValue(object? value) => value;

    public override bool CanParseLiteral(GraphQLValue value) => true;

    public override bool CanParseValue(object? value) => true;
}
