using GraphQL.Types;

namespace Leanly.TestServer.GraphQL.Tracker;

internal sealed class IssueStateType : EnumerationGraphType
{
    public IssueStateType()
    {
        Name = "IssueState";
        Description = "Where an issue is in its life.";
        Add("OPEN", "OPEN", "Reported, nobody works on it yet.");
        Add("IN_PROGRESS", "IN_PROGRESS", "Somebody works on it.");
        Add("CLOSED", "CLOSED", "Done or declined.");
        Add("WONTFIX", "WONTFIX", "Declined.", "Use CLOSED; the reason goes into a comment.");
    }
}
