using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;
using GraphQLParser.AST;
using Leanly.TestServer.GraphQL.Generated;
using Leanly.TestServer.GraphQL.Types;

namespace Leanly.TestServer.GraphQL;

internal sealed class LeanlySchema : Schema
{
    public const string DateTimeSpecification = "https://scalars.graphql.org/andimarek/date-time";

    public LeanlySchema(bool large = false)
    {
        Description = "The Leanly test server's API.";
        Features.DeprecationOfInputValues = true;
        Features.RepeatableDirectives = true;
        var query = new QueryType();
        Query = query;
        Mutation = new MutationType();
        Directives.Register(new Directive("tag", DirectiveLocation.Field, DirectiveLocation.Query)
        {
            Description = "Marks a field or an operation for the caller's own bookkeeping; the server ignores it.",
            Repeatable = true,
            Arguments = new QueryArguments(new QueryArgument<NonNullGraphType<StringGraphType>> { Name = "name" }),
        });
        if (large)
        {
            GeneratedTypes.AddTo(this, query);
        }
    }

    /// <summary>Initializes, then adds what GraphQL.NET 8's introspection lacks: <c>__Type.specifiedByURL</c>, <c>__Directive.args(includeDeprecated:)</c>.</summary>
    public void InitializeWithIntrospectionExtras()
    {
        Initialize();
        AllTypes["DateTime"]!.WithMetadata(SpecifiedByKey, DateTimeSpecification);
        // graphql-js asks __Directive.args(includeDeprecated:) too; directive arguments here are never deprecated.
        var directiveArgs = ((IComplexGraphType)AllTypes["__Directive"]!).GetField("args")!;
        if (directiveArgs.Arguments?.Find("includeDeprecated") is null)
        {
            directiveArgs.Arguments ??= [];
            directiveArgs.Arguments.Add(new QueryArgument(new BooleanGraphType()) { Name = "includeDeprecated", DefaultValue = false });
        }

        var typeType = (IComplexGraphType)AllTypes["__Type"]!;
        if (typeType.GetField("specifiedByURL") is not null)
        {
            return;
        }

        typeType.AddField(new FieldType
        {
            Name = "specifiedByURL",
            ResolvedType = new StringGraphType(),
            Resolver = new FuncFieldResolver<object?>(c => (c.Source as IGraphType)?.GetMetadata<string?>(SpecifiedByKey)),
        });
    }

    private const string SpecifiedByKey = "leanly.specifiedByURL";
}
