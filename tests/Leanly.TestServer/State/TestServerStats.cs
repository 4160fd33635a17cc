namespace Leanly.TestServer.State;

/// <summary>Counters tests read to prove what a client did on the wire.</summary>
public sealed class TestServerStats
{
    private long clientCredentialsRequests;
    private long refreshTokenRequests;
    private long tokenRequests;
    private long tokenFailures;
    private long graphQLRequests;
    private long unauthorized;
    private long mutations;
    private long faultsServed;
    private long hangsAbandoned;
    private long proxiedRequests;
    private volatile string? lastClientAuthentication;
    private volatile string? lastScope;

    public long ClientCredentialsRequests => Interlocked.Read(ref clientCredentialsRequests);

    public long RefreshTokenRequests => Interlocked.Read(ref refreshTokenRequests);

    /// <summary>Every request to /token, whatever its grant type or outcome.</summary>
    public long TokenRequests => Interlocked.Read(ref tokenRequests);

    /// <summary>OAuth2 error answers (400/401) sent by /token, faults excluded.</summary>
    public long TokenFailures => Interlocked.Read(ref tokenFailures);

    /// <summary>Every request to /graphql, including those answered by a fault.</summary>
    public long GraphQLRequests => Interlocked.Read(ref graphQLRequests);

    /// <summary>401 answers sent by /graphql.</summary>
    public long Unauthorized => Interlocked.Read(ref unauthorized);

    /// <summary>Mutation operations executed.</summary>
    public long Mutations => Interlocked.Read(ref mutations);

    public long FaultsServed => Interlocked.Read(ref faultsServed);

    /// <summary>Hang faults the client walked away from (closed the connection) before the hang ended.</summary>
    public long HangsAbandoned => Interlocked.Read(ref hangsAbandoned);

    /// <summary>Requests that arrived in absolute form, i.e. through this server acting as a proxy.</summary>
    public long ProxiedRequests => Interlocked.Read(ref proxiedRequests);

    /// <summary>"body", "basic" or null: how the last token request presented a client secret.</summary>
    public string? LastClientAuthentication => lastClientAuthentication;

    /// <summary>The raw <c>scope</c> parameter of the last token request, or null when it had none.</summary>
    public string? LastScope => lastScope;

    public void Reset()
    {
        Interlocked.Exchange(ref clientCredentialsRequests, 0);
        Interlocked.Exchange(ref refreshTokenRequests, 0);
        Interlocked.Exchange(ref tokenRequests, 0);
        Interlocked.Exchange(ref tokenFailures, 0);
        Interlocked.Exchange(ref graphQLRequests, 0);
        Interlocked.Exchange(ref unauthorized, 0);
        Interlocked.Exchange(ref mutations, 0);
        Interlocked.Exchange(ref faultsServed, 0);
        Interlocked.Exchange(ref hangsAbandoned, 0);
        Interlocked.Exchange(ref proxiedRequests, 0);
        lastClientAuthentication = null;
        lastScope = null;
    }

    internal void CountTokenRequest() => Interlocked.Increment(ref tokenRequests);

    internal void CountGrant(string? grantType)
    {
        if (grantType == "client_credentials")
        {
            Interlocked.Increment(ref clientCredentialsRequests);
        }
        else if (grantType == "refresh_token")
        {
            Interlocked.Increment(ref refreshTokenRequests);
        }
    }

    internal void RecordTokenRequestShape(string? clientAuthentication, string? scope)
    {
        lastClientAuthentication = clientAuthentication;
        lastScope = scope;
    }

    internal void CountTokenFailure() => Interlocked.Increment(ref tokenFailures);

    internal void CountGraphQLRequest() => Interlocked.Increment(ref graphQLRequests);

    internal void CountUnauthorized() => Interlocked.Increment(ref unauthorized);

    internal void CountMutation() => Interlocked.Increment(ref mutations);

    internal void CountFault() => Interlocked.Increment(ref faultsServed);

    internal void CountAbandonedHang() => Interlocked.Increment(ref hangsAbandoned);

    internal void CountProxied() => Interlocked.Increment(ref proxiedRequests);
}
