namespace Leanly.GraphQL;

internal readonly struct GraphQLToken
{
    public GraphQLToken(GraphQLTokenKind kind, string text)
    {
        Kind = kind;
        Text = text;
    }

    public GraphQLTokenKind Kind { get; }

    public string Text { get; }
}
