namespace Leanly.TestServer.State;

/// <summary>Counters tests read to prove what a client did on the wire.</summary>
public sealed class TestServerStats
{
    private long _clientCredentialsRequests;
    private long _refreshTokenRequests;
    private long _tokenRequests;
    private long _tokenFailures;
    private long _graphQLRequests;
    private long _unauthorized;
    private long _mutations;
    private long _faultsServed;
    private long _hangsAbandoned;
    private long _proxiedRequests;
    private volatile string? _lastClientAuthentication;
    private volatile string? _lastScope;

    public long ClientCredentialsRequests => Interlocked.Read(ref _clientCredentialsRequests);

    public long RefreshTokenRequests => Interlocked.Read(ref _refreshTokenRequests);

    /// <summary>Every request to /token, whatever its grant type or outcome.</summary>
    public long TokenRequests => Interlocked.Read(ref _tokenRequests);

    /// <summary>OAuth2 error answers (400/401) sent by /token, faults excluded.</summary>
    public long TokenFailures => Interlocked.Read(ref _tokenFailures);

    /// <summary>Every request to /graphql, including those answered by a fault.</summary>
    public long GraphQLRequests => Interlocked.Read(ref _graphQLRequests);

    /// <summary>401 answers sent by /graphql.</summary>
    public long Unauthorized => Interlocked.Read(ref _unauthorized);

    /// <summary>Mutation operations executed.</summary>
    public long Mutations => Interlocked.Read(ref _mutations);

    public long FaultsServed => Interlocked.Read(ref _faultsServed);

    /// <summary>Hang faults the client walked away from (closed the connection) before the hang ended.</summary>
    public long HangsAbandoned => Interlocked.Read(ref _hangsAbandoned);

    /// <summary>Requests that arrived in absolute form, i.e. through this server acting as a proxy.</summary>
    public long ProxiedRequests => Interlocked.Read(ref _proxiedRequests);

    /// <summary>"body", "basic" or null: how the last token request presented a client secret.</summary>
    public string? LastClientAuthentication => _lastClientAuthentication;

    /// <summary>The raw <c>scope</c> parameter of the last token request, or null when it had none.</summary>
    public string? LastScope => _lastScope;

    public void Reset()
    {
        Interlocked.Exchange(ref _clientCredentialsRequests, 0);
        Interlocked.Exchange(ref _refreshTokenRequests, 0);
        Interlocked.Exchange(ref _tokenRequests, 0);
        Interlocked.Exchange(ref _tokenFailures, 0);
        Interlocked.Exchange(ref _graphQLRequests, 0);
        Interlocked.Exchange(ref _unauthorized, 0);
        Interlocked.Exchange(ref _mutations, 0);
        Interlocked.Exchange(ref _faultsServed, 0);
        Interlocked.Exchange(ref _hangsAbandoned, 0);
        Interlocked.Exchange(ref _proxiedRequests, 0);
        _lastClientAuthentication = null;
        _lastScope = null;
    }

    internal void CountTokenRequest() => Interlocked.Increment(ref _tokenRequests);

    internal void CountGrant(string? grantType)
    {
        if (grantType == "client_credentials")
        {
            Interlocked.Increment(ref _clientCredentialsRequests);
        }
        else if (grantType == "refresh_token")
        {
            Interlocked.Increment(ref _refreshTokenRequests);
        }
    }

    internal void RecordTokenRequestShape(string? clientAuthentication, string? scope)
    {
        _lastClientAuthentication = clientAuthentication;
        _lastScope = scope;
    }

    internal void CountTokenFailure() => Interlocked.Increment(ref _tokenFailures);

    internal void CountGraphQLRequest() => Interlocked.Increment(ref _graphQLRequests);

    internal void CountUnauthorized() => Interlocked.Increment(ref _unauthorized);

    internal void CountMutation() => Interlocked.Increment(ref _mutations);

    internal void CountFault() => Interlocked.Increment(ref _faultsServed);

    internal void CountAbandonedHang() => Interlocked.Increment(ref _hangsAbandoned);

    internal void CountProxied() => Interlocked.Increment(ref _proxiedRequests);
}
