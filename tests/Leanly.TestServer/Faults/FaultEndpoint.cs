namespace Leanly.TestServer.Faults;

public enum FaultEndpoint
{
    Token,
    GraphQL,
}
