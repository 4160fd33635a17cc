namespace Leanly.TestServer.GraphQL.Tracker;

/// <summary>A person of the fixed tracker data.</summary>
internal sealed record TrackerUser(string Id, string Login, string Name);
