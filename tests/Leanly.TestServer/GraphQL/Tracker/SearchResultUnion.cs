using GraphQL.Types;

namespace Leanly.TestServer.GraphQL.Tracker;

internal sealed class SearchResultUnion : UnionGraphType
{
    public SearchResultUnion()
    {
        Name = "SearchResult";
        Description = "What a search finds.";
        Type<IssueType>();
        Type<CommentType>();
        Type<UserType>();
    }
}
