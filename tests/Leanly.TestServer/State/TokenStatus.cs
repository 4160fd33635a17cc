namespace Leanly.TestServer.State;

public enum TokenStatus
{
    Valid,
    Unknown,
    Expired,
    Revoked,
}
