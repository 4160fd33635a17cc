namespace Leanly.TestServer.GraphQL.Tracker;

/// <summary>An issue of the fixed tracker data (or one just created by createIssue, which is not kept).</summary>
internal sealed record TrackerIssue(string Id, string Title, string State, string Priority, IReadOnlyList<string> Labels, TrackerUser? Assignee, DateTime CreatedOn, DateTime? ClosedOn);
