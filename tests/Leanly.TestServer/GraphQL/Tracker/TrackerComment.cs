namespace Leanly.TestServer.GraphQL.Tracker;

/// <summary>A comment on an issue of the fixed tracker data.</summary>
internal sealed record TrackerComment(string Id, string IssueId, string Title, string Body, TrackerUser Author, DateTime CreatedOn);
