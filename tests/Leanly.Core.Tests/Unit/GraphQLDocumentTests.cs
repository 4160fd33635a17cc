using Leanly.GraphQL;

namespace Leanly.Core.Tests.Unit;

public class GraphQLDocumentTests
{
    private static GraphQLOperation Single(string document)
    {
        var inspected = GraphQLDocument.Inspect(document);
        return Assert.Single(inspected.Operations);
    }

    [Theory]
    [InlineData("{ a }")]
    [InlineData("{a{b}}")]
    [InlineData("  \n\t{ viewer { clientId } }\n")]
    [InlineData("\uFEFF{ a }")]
    [InlineData("# leading comment { mutation }\n{ a }")]
    public void Shorthand_is_an_anonymous_query(string document)
    {
        var operation = Single(document);
        Assert.Equal("query", operation.Type);
        Assert.Null(operation.Name);
        Assert.Empty(operation.Variables);
        Assert.False(new GraphQLRequest(document).IsMutation);
    }

    [Theory]
    [InlineData("query Viewer { viewer { clientId } }", "query", "Viewer")]
    [InlineData("mutation Bump { increment }", "mutation", "Bump")]
    [InlineData("subscription Ticks { tick }", "subscription", "Ticks")]
    [InlineData("query mutationCount { a }", "query", "mutationCount")]
    [InlineData("mutation query { increment }", "mutation", "query")]
    [InlineData("query{a}", "query", null)]
    [InlineData("mutation { increment }", "mutation", null)]
    [InlineData("mutation{increment(by:2)}", "mutation", null)]
    public void Named_and_keyword_operations(string document, string type, string? name)
    {
        var operation = Single(document);
        Assert.Equal(type, operation.Type);
        Assert.Equal(name, operation.Name);
        Assert.Equal(type == "mutation", new GraphQLRequest(document).IsMutation);
    }

    [Fact]
    public void Several_operations_are_told_apart_by_operation_name()
    {
        const string document = "query A($x: Int) { a }\nmutation B($by: Int) { increment(by: $by) }\nquery C { c { d } }";
        var inspected = GraphQLDocument.Inspect(document);
        Assert.Equal(new[] { "A", "B", "C" }, inspected.Operations.Select(o => o.Name));
        Assert.Equal(new[] { "query", "mutation", "query" }, inspected.Operations.Select(o => o.Type));
        Assert.Null(inspected.Select(null));
        Assert.Null(inspected.Select("Missing"));
        Assert.True(new GraphQLRequest(document, operationName: "B").IsMutation);
        Assert.False(new GraphQLRequest(document, operationName: "A").IsMutation);
        Assert.False(new GraphQLRequest(document, operationName: "C").IsMutation);
        Assert.Equal("C", new GraphQLRequest(document, operationName: "C").SelectedOperation?.Name);
    }

    [Theory]
    [InlineData("query Q { ...F } fragment F on Query { a { b } }")]
    [InlineData("fragment F on Query { a { b { c } } } query Q { ...F }")]
    [InlineData("fragment A on Query { a } fragment B on Query { ...A } query Q { ...B }")]
    [InlineData("query Q { ... on Query { a } ...F } fragment F on Query @include(if: true) { b }")]
    public void Fragments_are_not_operations(string document)
    {
        var operation = Single(document);
        Assert.Equal("Q", operation.Name);
        Assert.Equal("query", operation.Type);
    }

    [Fact]
    public void Fragment_then_mutation_is_a_mutation()
    {
        const string document = "fragment F on Query { counter { x } }\nmutation M { increment }";
        var operation = Single(document);
        Assert.Equal("mutation", operation.Type);
        Assert.True(new GraphQLRequest(document).IsMutation);
    }

    [Theory]
    [InlineData("# } mutation X { {\nquery Q { a # { mutation Y {\n b } # }}}\n")]
    [InlineData("query Q {\r\n  a # }\r\n  b\r\n} # mutation Z { x }")]
    public void Comments_with_braces_are_ignored(string document)
    {
        var operation = Single(document);
        Assert.Equal("Q", operation.Name);
        Assert.Equal("query", operation.Type);
    }

    [Theory]
    [InlineData("query Q { echo(text: \"} mutation X { increment }\") }")]
    [InlineData("query Q { echo(text: \"\\\" } { mutation\") }")]
    [InlineData("query Q { echo(text: \"a\\\\\") b }")]
    [InlineData("query Q { echo(text: \"\") x }")]
    [InlineData("query Q { echo(text: \"\"\" } mutation X { \"\"\") }")]
    [InlineData("query Q { echo(text: \"\"\"\n  }\n  \\\"\"\" } mutation M { still inside\n\"\"\") }")]
    [InlineData("query Q($t: String = \"}{)(\") { echo(text: $t) }")]
    public void Strings_and_block_strings_with_braces_are_ignored(string document)
    {
        var operation = Single(document);
        Assert.Equal("Q", operation.Name);
        Assert.Equal("query", operation.Type);
    }

    [Fact]
    public void Mutation_after_a_query_with_a_string_brace_is_found()
    {
        var inspected = GraphQLDocument.Inspect("query A($t: String) { echo(text: \"{\") } mutation B($by: Int) { increment(by: $by) }");
        Assert.Equal(new[] { "query", "mutation" }, inspected.Operations.Select(o => o.Type));
    }

    /// <summary>
    /// GraphQLDocument.ReadOperation: after a name with no variable list, i already points at "{", and the
    /// "stop before the selection set" loop then skips the whole selection set up to the next "{", so the
    /// operations after it are never seen. Selecting the mutation by name then gives IsMutation == false,
    /// and the pipeline would replay the mutation after a dropped connection or a 502/504.
    /// </summary>
    [Theory]
    [InlineData("query GetCount { counter } mutation Bump { increment }", "Bump")]
    [InlineData("query { counter } mutation Bump { increment }", "Bump")]
    [InlineData("query A { a { b } }\nquery B { b }\nmutation C($x: Int) { increment(by: $x) }", "C")]
    public void Operation_after_one_without_variables_is_seen(string document, string mutationName)
    {
        var request = new GraphQLRequest(document, operationName: mutationName);
        Assert.Equal(mutationName, request.SelectedOperation?.Name);
        Assert.True(request.IsMutation);
    }

    [Theory]
    [InlineData("query Q($id: ID!, $first: Int = 10, $tags: [String!]!) { a }", new[] { "id", "first", "tags" })]
    [InlineData("query Q($a:Int,$b:Int){ a }", new[] { "a", "b" })]
    [InlineData("query ($only: Boolean) { a }", new[] { "only" })]
    [InlineData("mutation M($input: In = {nested: {deep: [1, 2]}, s: \"$notAVar: x\"}, $x: Int) { increment }", new[] { "input", "x" })]
    [InlineData("query Q(\n  # $commented: Int\n  $real: Int @deprecated\n) { a }", new[] { "real" })]
    [InlineData("query Q { a(x: $used) }", new string[0])]
    public void Variable_declarations_are_listed(string document, string[] variables)
    {
        Assert.Equal(variables, Single(document).Variables);
    }

    [Fact]
    public void Directives_on_operations_do_not_confuse_the_inspection()
    {
        var operation = Single("query Q @cached(ttl: 5) @tag(names: [\"a\", \"b\"]) { a }");
        Assert.Equal("Q", operation.Name);
    }

    /// <summary>
    /// A list of input objects in a directive on the operation puts "}" then "{" at depth 0, which the
    /// inspection takes for a second, anonymous query. The mutation is then not recognised as one, so a
    /// dropped connection would replay it.
    /// </summary>
    [Fact]
    public void Mutation_with_a_list_of_objects_in_an_operation_directive_is_still_a_mutation()
    {
        const string document = "mutation M @audit(tags: [{k: \"a\"}, {k: \"b\"}]) { increment }";
        var operation = Single(document);
        Assert.Equal("mutation", operation.Type);
        Assert.True(new GraphQLRequest(document).IsMutation);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("# only a comment")]
    [InlineData("fragment F on Query { a }")]
    public void Documents_without_operations(string document)
    {
        var inspected = GraphQLDocument.Inspect(document);
        Assert.Empty(inspected.Operations);
        Assert.Null(inspected.Select(null));
        Assert.False(new GraphQLRequest(document).IsMutation);
    }

    [Theory]
    [InlineData("query Q { a")]
    [InlineData("query Q(")]
    [InlineData("query Q($")]
    [InlineData("mutation")]
    [InlineData("\"unterminated")]
    [InlineData("\"\"\"unterminated block")]
    [InlineData("}}}} query Q { a }")]
    [InlineData("{{{{")]
    [InlineData("...")]
    [InlineData("..")]
    [InlineData("query Q { a(x: -) }")]
    public void Broken_documents_never_throw(string document)
    {
        GraphQLDocument.Inspect(document);
        _ = new GraphQLRequest(document).IsMutation;
    }

    [Fact]
    public void The_cached_inspection_of_one_document_is_never_given_for_another()
    {
        const string first = "query A($after: String) { items(after: $after) { nodes { id } } }";
        const string second = "mutation B { increment }";

        Assert.Equal("A", GraphQLDocument.Inspect(first).Select(null)!.Name);
        Assert.Equal("A", GraphQLDocument.Inspect(new string(first.ToCharArray())).Select(null)!.Name);

        var b = GraphQLDocument.Inspect(second);
        Assert.Equal("mutation", b.Select(null)!.Type);
        Assert.Equal("B", b.Select(null)!.Name);

        var again = GraphQLDocument.Inspect(first);
        Assert.Equal("query", again.Select(null)!.Type);
        Assert.Equal(new[] { "after" }, again.Select(null)!.Variables);
    }
}
