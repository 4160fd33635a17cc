using Leanly.Core.Tests.Support;

namespace Leanly.Core.Tests.Queries;

/// <summary>Completion on text with the cursor at '|', against the corpus schema (graphql-js's introspection of it).</summary>
public class QueryCompleterTests
{
    private static readonly Lazy<Leanly.Schema> Schema = new(GraphQLReference.CorpusSchema);

    private static IReadOnlyList<QueryCompletion> Complete(string marked)
    {
        var cursor = marked.IndexOf('|', StringComparison.Ordinal);
        return QueryCompleter.Complete(Schema.Value, marked.Remove(cursor, 1), cursor);
    }

    private static string[] Texts(string marked) => Complete(marked).Select(c => c.Text).ToArray();

    [Theory]
    [InlineData("{ |", "viewer node user users project search issues legacyIssues __typename")]
    [InlineData("{ us|", "user users")]
    [InlineData("{ viewer { |", "id name email contact issues manager __typename")]
    [InlineData("{ viewer { id ma| } }", "manager")]
    [InlineData("{ boss: viewer { manager { n|", "name")]
    [InlineData("query Q { viewer { issues { assignee { |", "id name email contact issues manager __typename")]
    [InlineData("{ search(text: \"x\") { |", "__typename")]
    [InlineData("{ search(text: \"x\") { ... on Project { o|", "owner")]
    [InlineData("{ node(id: 1) { ... on Entity { |", "id name __typename")]
    [InlineData("fragment F on Issue { |", "id title state createdOn assignee labels size __typename")]
    [InlineData("mutation { |", "createIssue closeIssue __typename")]
    [InlineData("{ viewer { id }\n  # { user {\n  u|", "user users")]
    public void Fields_of_the_selection_set_at_the_cursor(string marked, string expected) =>
        Assert.Equal(expected.Split(' '), Texts(marked));

    [Theory]
    [InlineData("{ viewer { issues(|", "state first order")]
    [InlineData("{ viewer { issues(first: 2, |", "state order")]
    [InlineData("{ search(te|", "text")]
    [InlineData("{ viewer { id @include(|", "if")]
    [InlineData("{ issues(filter: { state: OPEN, |", "states assignee since text nested")]
    [InlineData("{ issues(filter: { nested: { as|", "assignee")]
    public void Arguments_and_input_fields_inside_parentheses_and_objects(string marked, string expected) =>
        Assert.Equal(expected.Split(' '), Texts(marked));

    [Theory]
    [InlineData("{ issues(order: |", "ASC DESC")]
    [InlineData("{ viewer { issues(state: [OPEN, |", "OPEN CLOSED ARCHIVED")]
    [InlineData("{ viewer { issues(state: [C|", "CLOSED")]
    [InlineData("{ issues(filter: { states: [|", "OPEN CLOSED ARCHIVED")]
    [InlineData("mutation { closeIssue(id: 1, state: A|", "ARCHIVED")]
    public void Enum_values_for_enum_arguments_inside_lists_too(string marked, string expected) =>
        Assert.Equal(expected.Split(' '), Texts(marked));

    [Fact]
    public void Type_names_after_on_are_the_possible_types()
    {
        Assert.Equal(new[] { "SearchResult", "User", "Project", "Issue" }, Texts("{ search(text: \"x\") { ... on |"));
        Assert.Equal(new[] { "Project" }, Texts("{ search(text: \"x\") { ... on Pr|"));
        Assert.DoesNotContain("IssueFilter", Texts("fragment F on |"));
        Assert.Contains("Issue", Texts("fragment F on |"));
    }

    [Fact]
    public void Variable_definitions_complete_input_types_only()
    {
        var types = Texts("query Q($a: |");
        Assert.Contains("IssueFilter", types);
        Assert.Contains("IssueState", types);
        Assert.Contains("DateTime", types);
        Assert.Contains("String", types);
        Assert.DoesNotContain("User", types);
        Assert.DoesNotContain("SearchResult", types);
        Assert.Equal(new[] { "NewIssue" }, Texts("mutation M($input: [Ne|"));
    }

    [Fact]
    public void Declared_variables_after_dollar()
    {
        var completions = Complete("query Q($state: [IssueState!], $first: Int) { viewer { issues(state: $|");
        Assert.Equal(new[] { "state", "first" }, completions.Select(c => c.Text));
        Assert.All(completions, c => Assert.Equal(QueryCompletionKind.Variable, c.Kind));
        Assert.Equal(new[] { "first" }, Texts("query Q($state: [IssueState!], $first: Int) { users(first: $f|"));
        Assert.Empty(Texts("query A($a: Int) { viewer { id } } query B { users(first: $|"));
    }

    [Fact]
    public void Directives_after_at_by_location()
    {
        Assert.Equal(new[] { "include", "skip", "cached", "tag" }.Order(), Texts("{ viewer { id @|").Order());
        Assert.Equal(new[] { "cached" }, Texts("query Q @|"));
    }

    [Fact]
    public void Operation_keywords_at_the_top()
    {
        Assert.Equal(new[] { "query", "mutation", "fragment" }, Texts("|"));
        Assert.Equal(new[] { "mutation" }, Texts("{ viewer { id } }\nmu|"));
    }

    [Fact]
    public void A_completion_replaces_the_whole_word_and_carries_type_and_description()
    {
        var text = "{ viewer { con } }";
        var completion = Assert.Single(QueryCompleter.Complete(Schema.Value, text, text.IndexOf("con", StringComparison.Ordinal) + 2));
        Assert.Equal("contact", completion.Text);
        Assert.Equal(text.IndexOf("con", StringComparison.Ordinal), completion.ReplaceStart);
        Assert.Equal(3, completion.ReplaceLength);
        Assert.Equal(QueryCompletionKind.Field, completion.Kind);
        Assert.Equal("String", completion.Detail);
        var argument = Assert.Single(Complete("{ viewer { issues(fir|"));
        Assert.Equal(("first", "Int", QueryCompletionKind.Argument), (argument.Text, argument.Detail, argument.Kind));
    }

    [Theory]
    [InlineData("{ viewer { name(x: \"{ |")]
    [InlineData("{ viewer { # comment |")]
    [InlineData("\"\"\" block { |")]
    [InlineData("}}}}))]] { |")]
    [InlineData("{ nosuch { |")]
    public void Half_typed_or_odd_text_completes_nothing_or_something_but_never_throws(string marked)
    {
        var completions = Complete(marked);
        Assert.All(completions, c => Assert.False(string.IsNullOrEmpty(c.Text)));
        if (marked.Contains('"') || marked.Contains('#') || marked.Contains("nosuch", StringComparison.Ordinal))
        {
            Assert.Empty(completions);
        }
    }

    [Fact]
    public void Every_cursor_position_of_every_corpus_document_completes_without_throwing()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(GraphQLReference.Directory, "corpus"), "*.graphql"))
        {
            var text = File.ReadAllText(file);
            for (var cursor = 0; cursor <= text.Length; cursor++)
            {
                Assert.NotNull(QueryCompleter.Complete(Schema.Value, text, cursor));
            }
        }
    }

    [Fact]
    public void Operation_names_in_order()
    {
        Assert.Equal(new[] { "Create", "Close" }, QueryCompleter.OperationNames("mutation Create($input: NewIssue!) { createIssue(input: $input) { id } }\n# query Not { a }\nmutation Close { closeIssue(id: 7) { id } }\n{ viewer { id } }\nfragment F on User { id }"));
        Assert.Empty(QueryCompleter.OperationNames("{ query { mutation } }"));
        Assert.Empty(QueryCompleter.OperationNames(""));
    }
}
