using GraphQL;
using GraphQL.Types;

namespace Leanly.TestServer.GraphQL.Tracker;

/// <summary>
/// The tracker part of the schema: what real schemas have (interfaces, one implementing another, a union, enums,
/// input objects, deprecations of every kind, a mutation taking an input object, a custom scalar) for the schema tests.
/// </summary>
internal static class TrackerFields
{
    public static void AddQueries(ObjectGraphType query)
    {
        query.Field<IssueType>("issue")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Resolve(c => TrackerData.Issues.FirstOrDefault(i => i.Id == c.GetArgument<string>("id")));

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<IssueType>>>>("issues")
            .Description("Issues, oldest first.")
            .Argument<IssueFilterInputType>("filter")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 10)
            .Argument<IssueStateType>("state", a => { a.DeprecationReason = "Use filter: {states: [...]}."; })
            .Resolve(c => Issues(c.GetArgument<Dictionary<string, object?>?>("filter"), c.GetArgument<string?>("state"), c.GetArgument("first", 10)));

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<IssueType>>>>("openIssues")
            .DeprecationReason("Use issues(filter: {states: [OPEN]}).")
            .Resolve(c => TrackerData.Issues.Where(i => i.State == "OPEN"));

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<SearchResultUnion>>>>("search")
            .Argument<NonNullGraphType<StringGraphType>>("text")
            .Resolve(c => Search(c.GetArgument<string>("text")));

        query.Field<NodeInterface>("node")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Resolve(c => TrackerData.Node(c.GetArgument<string>("id")));

        query.Field<NonNullGraphType<DateTimeGraphType>>("serverTime").Resolve(_ => DateTime.UtcNow);
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<CreateIssuePayloadType>>("createIssue")
            .Description("Files an issue (the test server answers as if it kept it, but forgets it).")
            .Argument<NonNullGraphType<CreateIssueInputType>>("input")
            .Resolve(c => Create(c.GetArgument<Dictionary<string, object?>>("input")));
    }

    private static IEnumerable<TrackerIssue> Issues(Dictionary<string, object?>? filter, string? state, int first)
    {
        IEnumerable<TrackerIssue> issues = TrackerData.Issues;
        if (state is not null)
        {
            issues = issues.Where(i => i.State == state);
        }

        if (filter is not null)
        {
            if (filter.TryGetValue("states", out var states) && states is IEnumerable<object?> stateList)
            {
                var wanted = stateList.Select(s => s?.ToString()).ToHashSet();
                issues = issues.Where(i => wanted.Contains(i.State));
            }

            if (filter.TryGetValue("label", out var label) && label is string text)
            {
                issues = issues.Where(i => i.Labels.Contains(text));
            }
        }

        return issues.Take(Math.Max(0, first));
    }

    private static IEnumerable<object> Search(string text) =>
        TrackerData.Issues.Where(i => i.Title.Contains(text, StringComparison.OrdinalIgnoreCase)).Cast<object>()
            .Concat(TrackerData.Comments.Where(c => c.Body.Contains(text, StringComparison.OrdinalIgnoreCase)))
            .Concat(TrackerData.Users.Where(u => u.Name.Contains(text, StringComparison.OrdinalIgnoreCase)));

    private static CreateIssuePayload Create(Dictionary<string, object?> input)
    {
        var labels = input.TryGetValue("labels", out var l) && l is IEnumerable<object?> list ? list.Select(x => x?.ToString() ?? string.Empty).ToArray() : [];
        var assignee = input.TryGetValue("assignee", out var a) ? TrackerData.Users.FirstOrDefault(u => u.Id == a?.ToString()) : null;
        var issue = new TrackerIssue("issue-new", (string)input["title"]!, "OPEN", input.TryGetValue("priority", out var p) ? p?.ToString() ?? "NORMAL" : "NORMAL", labels, assignee, DateTime.UtcNow, null);
        return new CreateIssuePayload(issue, input.TryGetValue("clientMutationId", out var id) ? id as string : null);
    }
}
