namespace Leanly.TestServer.GraphQL.Tracker;

/// <summary>The few issues, comments and users the tracker part of the schema answers with; never changes.</summary>
internal static class TrackerData
{
    public static readonly TrackerUser Ada = new("user-1", "ada", "Ada Lovelace");
    public static readonly TrackerUser Grace = new("user-2", "grace", "Grace Hopper");

    public static readonly IReadOnlyList<TrackerUser> Users = [Ada, Grace];

    public static readonly IReadOnlyList<TrackerIssue> Issues =
    [
        new("issue-1", "Login page is slow", "OPEN", "HIGH", ["performance"], Ada, new DateTime(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc), null),
        new("issue-2", "Export drops the last row", "IN_PROGRESS", "URGENT", ["bug", "export"], Grace, new DateTime(2026, 2, 1, 14, 30, 0, DateTimeKind.Utc), null),
        new("issue-3", "Typo in the footer", "CLOSED", "LOW", ["docs"], null, new DateTime(2025, 11, 20, 8, 15, 0, DateTimeKind.Utc), new DateTime(2025, 11, 21, 10, 0, 0, DateTimeKind.Utc)),
    ];

    public static readonly IReadOnlyList<TrackerComment> Comments =
    [
        new("comment-1", "issue-1", "Measured", "Three seconds on a cold cache.", Grace, new DateTime(2026, 1, 6, 10, 0, 0, DateTimeKind.Utc)),
        new("comment-2", "issue-2", "Found it", "An off-by-one in the pager.", Ada, new DateTime(2026, 2, 2, 9, 45, 0, DateTimeKind.Utc)),
    ];

    public static object? Node(string id) =>
        (object?)Issues.FirstOrDefault(i => i.Id == id)
        ?? (object?)Comments.FirstOrDefault(c => c.Id == id)
        ?? Users.FirstOrDefault(u => u.Id == id);
}
