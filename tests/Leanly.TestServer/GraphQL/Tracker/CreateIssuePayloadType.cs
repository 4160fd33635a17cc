using GraphQL.Types;

namespace Leanly.TestServer.GraphQL.Tracker;

internal sealed class CreateIssuePayloadType : ObjectGraphType<CreateIssuePayload>
{
    public CreateIssuePayloadType()
    {
        Name = "CreateIssuePayload";
        Field<NonNullGraphType<IssueType>>("issue").Resolve(c => c.Source.Issue);
        Field<StringGraphType>("clientMutationId").Resolve(c => c.Source.ClientMutationId);
    }
}
