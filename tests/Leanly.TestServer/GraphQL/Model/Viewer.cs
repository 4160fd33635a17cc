namespace Leanly.TestServer.GraphQL.Model;

/// <summary>The client whose access token authorised the request.</summary>
internal sealed record Viewer(string ClientId, IReadOnlyList<string> Scopes);
