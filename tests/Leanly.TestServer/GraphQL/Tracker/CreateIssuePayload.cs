namespace Leanly.TestServer.GraphQL.Tracker;

internal sealed record CreateIssuePayload(TrackerIssue Issue, string? ClientMutationId);
