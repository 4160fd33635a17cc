using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Leanly.Auth;
using Leanly.Errors;
using Leanly.GraphQL;
using Leanly.Http;
using Leanly.Introspection;

namespace Leanly;

/// <summary>
/// A signed-in client: its tokens, their renewal, and the GraphQL calls made with them. Safe to share across
/// threads and runspaces: tokens are replaced whole, and one renewal runs at a time (single flight).
/// No public member exposes a secret or a token.
/// </summary>
public sealed class LeanlyConnection : IDisposable
{
    private readonly SemaphoreSlim _renewal = new(1, 1);
    private readonly SemaphoreSlim _schemaFetch = new(1, 1);
    private readonly ICredentialSource _credentials;
    private readonly LeanlyConnectionOptions _options;
    private readonly HttpPipeline _http;
    private readonly TokenClient _tokenClient;
    private readonly GraphQLTransport _transport;
    private TokenSet? _tokens;
    private Schema? _schema;
    private int _disposed;

    // Written only while _renewal is held: they tell a caller that waited for it whether a renewal ended meanwhile, and how.
    private int _renewalsEnded;
    private LeanlyException? _lastRenewalFailure;

    public LeanlyConnection(ICredentialSource credentials, LeanlyConnectionOptions options, HttpMessageHandler? handler = null)
    {
        EndpointPolicy.Validate(options.TokenUri, "TokenUri");
        EndpointPolicy.Validate(options.ApiUri, "ApiUri");

        // Read before anything disposable is made: a source that fails (a locked vault) leaves nothing behind.
        ClientId = credentials.GetCredential(false, CancellationToken.None).ClientId;
        _credentials = credentials;
        _options = options;
        _http = new HttpPipeline(options, handler);
        _tokenClient = new TokenClient(_http, options);
        _transport = new GraphQLTransport(_http, options.ApiUri);
    }

    public string ClientId { get; }

    public string[] Scope => Tokens?.Scope is { Length: > 0 } granted ? granted.Split(' ') : _options.Scopes.ToArray();

    public Uri TokenUri => _options.TokenUri;

    public Uri ApiUri => _options.ApiUri;

    /// <summary>Where the client secret came from (ClientSecret, Credential, SecretManagement, Environment, Prompt); never the secret.</summary>
    public string CredentialSource => _credentials.Kind;

    public string CredentialSourceDetail => _credentials.Description;

    public ClientAuthenticationMethod ClientAuthentication => _options.ClientAuthentication;

    public DateTimeOffset? ConnectedOn { get; private set; }

    public DateTimeOffset? ExpiresOn => Tokens?.ExpiresOn;

    /// <summary>When the next request will renew the token first.</summary>
    public DateTimeOffset? NextRefreshOn => Tokens?.RefreshOn;

    public bool HasRefreshToken => Tokens?.RefreshToken is not null;

    public int TimeoutSec => (int)Math.Ceiling(_options.Timeout.TotalSeconds);

    public int MaxRetries => _options.Retry.MaxRetries;

    public int MaxResponseSizeMB => (int)Math.Ceiling(_options.MaxResponseBytes / (1024.0 * 1024.0));

    public int RetryMaxWaitSec => (int)_options.Retry.MaxTotalWait.TotalSeconds;

    public Uri? Proxy => _options.Proxy;

    public bool IsConnected => Volatile.Read(ref _disposed) == 0 && Tokens is not null;

    private TokenSet? Tokens => Volatile.Read(ref _tokens);

    /// <summary>The schema fetched by <see cref="GetSchemaAsync"/>, or null before the first fetch: no request is made to read it.</summary>
    internal Schema? CachedSchema => Volatile.Read(ref _schema);

    public async Task ConnectAsync(ILeanlyLog log, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        var credential = _credentials.GetCredential(false, cancellationToken);
        var tokens = await _tokenClient.ClientCredentialsAsync(credential, log, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _tokens, tokens);
        ConnectedOn = DateTimeOffset.Now;
        log.Verbose($"Connected as client '{ClientId}'; {Describe(tokens)}.");
    }

    /// <summary>Renews the access token now (Update-LeanlyToken), whatever its expiry.</summary>
    public async Task RefreshAsync(ILeanlyLog log, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        await RenewAsync(stale: null, force: true, mayReadSource: true, log, cancellationToken).ConfigureAwait(false);
    }

    public async Task<AccessToken> GetAccessTokenAsync(ILeanlyLog log, CancellationToken cancellationToken)
    {
        var tokens = await GetCurrentTokensAsync(mayReadSource: true, log, cancellationToken).ConfigureAwait(false);
        return new AccessToken(tokens.AccessToken, tokens.ExpiresOn);
    }

    /// <summary>Sends a GraphQL request: renews first inside the refresh window, and renews and replays once on a 401.</summary>
    public Task<GraphQLResponse> ExecuteAsync(GraphQLRequest request, ILeanlyLog log, CancellationToken cancellationToken) =>
        ExecuteAsync(request, mayReadSource: true, log, cancellationToken);

    /// <summary>
    /// The API's schema by introspection, fetched once and kept (single flight: callers at the same time share one
    /// request); <paramref name="force"/> fetches it again.
    /// </summary>
    public Task<Schema> GetSchemaAsync(bool force, ILeanlyLog log, CancellationToken cancellationToken) =>
        FetchSchemaAsync(force, mayReadSource: true, log, cancellationToken);

    /// <summary>
    /// The schema for a caller at the prompt that must never wait on a person (Tab completion): a token is renewed with the
    /// refresh token or the credential held, never by reading the credential source again (a vault could be locked or ask for
    /// its password); a renewal that needs that throws <see cref="RenewalNeedsSourceException"/> and is left to the next command.
    /// </summary>
    internal Task<Schema> GetSchemaWithHeldCredentialAsync(CancellationToken cancellationToken) =>
        FetchSchemaAsync(force: false, mayReadSource: false, NullLog.Instance, cancellationToken);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        Volatile.Write(ref _tokens, null);
        Volatile.Write(ref _schema, null);
        (_credentials as IDisposable)?.Dispose();
        _http.Dispose();
    }

    public override string ToString() => $"LeanlyConnection {ClientId} -> {ApiUri}";

    private async Task<GraphQLResponse> ExecuteAsync(GraphQLRequest request, bool mayReadSource, ILeanlyLog log, CancellationToken cancellationToken)
    {
        var body = GraphQLRequestWriter.Write(request);
        var tokens = await GetCurrentTokensAsync(mayReadSource, log, cancellationToken).ConfigureAwait(false);
        var response = await _transport.SendAsync(request, body, tokens, log, cancellationToken).ConfigureAwait(false);
        if (response is not null)
        {
            return response;
        }

        log.Verbose("The GraphQL endpoint answered 401 (the access token expired or was revoked); renewing the token and sending the request once more.");
        tokens = await RenewAsync(tokens, force: false, mayReadSource, log, cancellationToken).ConfigureAwait(false);
        response = await _transport.SendAsync(request, body, tokens, log, cancellationToken).ConfigureAwait(false);
        return response ?? throw new LeanlyException(
            LeanlyErrorKind.Unauthorized,
            $"The GraphQL endpoint {ApiUri} refused the access token (HTTP 401) even after it was renewed.",
            "Check that this client may use the API (its scopes) and that -TokenUri and -ApiUri belong to the same Leanly environment.")
        {
            StatusCode = 401,
            RequestUri = ApiUri,
        };
    }

    private async Task<Schema> FetchSchemaAsync(bool force, bool mayReadSource, ILeanlyLog log, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        var before = CachedSchema;
        if (!force && before is not null)
        {
            return before;
        }

        await _schemaFetch.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = CachedSchema;
            if (current is not null && (!force || !ReferenceEquals(current, before)))
            {
                log.Verbose("Another caller fetched the schema meanwhile; using its result.");
                return current;
            }

            var schema = await SchemaFetcher.FetchAsync((request, l, token) => ExecuteAsync(request, mayReadSource, l, token), ApiUri, log, cancellationToken).ConfigureAwait(false);
            ThrowIfDisposed();
            Volatile.Write(ref _schema, schema);
            return schema;
        }
        finally
        {
            _schemaFetch.Release();
        }
    }

    private async Task<TokenSet> GetCurrentTokensAsync(bool mayReadSource, ILeanlyLog log, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        var tokens = Tokens ?? throw NotConnected();
        var now = DateTimeOffset.UtcNow;
        if (!tokens.NeedsRefresh(now))
        {
            return tokens;
        }

        log.Verbose($"The access token expires at {tokens.ExpiresOn:u}, inside the refresh window; renewing it before the request.");
        try
        {
            return await RenewAsync(tokens, force: false, mayReadSource, log, cancellationToken).ConfigureAwait(false);
        }
        catch (LeanlyException ex) when (StillValid(tokens) is { } expires)
        {
            // The old token still works for a while: a token endpoint hiccup should not fail the request.
            log.Warning($"Could not renew the access token ({ex.Message}); using the current one, which expires at {expires:u}.");
            return tokens;
        }
        catch (RenewalNeedsSourceException ex) when (StillValid(tokens) is { } expires)
        {
            log.Verbose($"{ex.Message} Using the current token, which expires at {expires:u}.");
            return tokens;
        }
    }

    private static DateTimeOffset? StillValid(TokenSet tokens) =>
        tokens.ExpiresOn is { } expires && expires - DateTimeOffset.UtcNow > TimeSpan.FromSeconds(5) ? expires : null;

    private async Task<TokenSet> RenewAsync(TokenSet? stale, bool force, bool mayReadSource, ILeanlyLog log, CancellationToken cancellationToken)
    {
        var renewalsEndedBefore = Volatile.Read(ref _renewalsEnded);
        await _renewal.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfDisposed();
            var current = Tokens ?? throw NotConnected();
            if (!force && !ReferenceEquals(current, stale) && !current.NeedsRefresh(DateTimeOffset.UtcNow))
            {
                log.Verbose("Another caller renewed the access token meanwhile; using its result.");
                return current;
            }

            // A renewal that ran and failed while this caller waited is this caller's answer too: with many requests
            // in flight, each trying again in turn would hold every one of them for the token endpoint's retries.
            if (!force && renewalsEndedBefore != _renewalsEnded && _lastRenewalFailure is { } shared)
            {
                log.Verbose($"Another caller's renewal of the access token failed meanwhile; not trying again: {shared.Message}");
                ExceptionDispatchInfo.Capture(shared).Throw();
            }

            _lastRenewalFailure = null;
            try
            {
                var renewed = await RenewWithFallbackAsync(current, mayReadSource, log, cancellationToken).ConfigureAwait(false);
                ThrowIfDisposed();
                Volatile.Write(ref _tokens, renewed);
                log.Verbose($"Access token renewed; {Describe(renewed)}.");
                return renewed;
            }
            catch (LeanlyException ex)
            {
                _lastRenewalFailure = ex;
                throw;
            }
            finally
            {
                Volatile.Write(ref _renewalsEnded, _renewalsEnded + 1);
            }
        }
        finally
        {
            _renewal.Release();
        }
    }

    private async Task<TokenSet> RenewWithFallbackAsync(TokenSet current, bool mayReadSource, ILeanlyLog log, CancellationToken cancellationToken)
    {
        var reload = false;
        string? refusal = null;
        if (current.RefreshToken is { } refreshToken)
        {
            try
            {
                var credential = _credentials.GetCredential(false, cancellationToken);
                var refreshed = await _tokenClient.RefreshAsync(refreshToken, credential, log, cancellationToken).ConfigureAwait(false);
                if (refreshed.RefreshToken is not null)
                {
                    log.Verbose("The token endpoint rotated the refresh token; the old one is discarded.");
                }

                return current.WithRefreshedAccess(refreshed);
            }
            catch (LeanlyException ex) when (ex.OAuthError is "invalid_grant" or "invalid_client" or "unauthorized_client" or "invalid_request")
            {
                refusal = ex.OAuthError;
                reload = _credentials.CanReload;
                log.Verbose($"The refresh token was refused ({ex.OAuthError}); signing in again with client credentials from {_credentials.Kind}{(reload ? " (read again)" : string.Empty)}.");
            }
        }
        else
        {
            log.Verbose($"The connection holds no refresh token; getting a new access token with client credentials from {_credentials.Kind}.");
        }

        try
        {
            return await SignInAsync(reload, mayReadSource, log, cancellationToken).ConfigureAwait(false);
        }
        catch (LeanlyException ex) when (refusal is not null && ex.Kind == LeanlyErrorKind.AuthenticationFailed)
        {
            throw new LeanlyException(
                LeanlyErrorKind.RefreshFailed,
                $"The refresh token was refused ({refusal}) and signing in again with client credentials failed: {ex.Message}",
                ex.RecommendedAction,
                ex)
            {
                OAuthError = ex.OAuthError,
                OAuthErrorDescription = ex.OAuthErrorDescription,
                StatusCode = ex.StatusCode,
                RequestUri = ex.RequestUri,
            };
        }
    }

    private async Task<TokenSet> SignInAsync(bool reload, bool mayReadSource, ILeanlyLog log, CancellationToken cancellationToken)
    {
        if (reload && !mayReadSource)
        {
            throw new RenewalNeedsSourceException(_credentials.Description);
        }

        var credential = _credentials.GetCredential(reload, cancellationToken);
        try
        {
            return await _tokenClient.ClientCredentialsAsync(credential, log, cancellationToken).ConfigureAwait(false);
        }
        catch (LeanlyException ex) when (!reload && ex.OAuthError == "invalid_client" && _credentials.CanReload)
        {
            if (!mayReadSource)
            {
                throw new RenewalNeedsSourceException(_credentials.Description, ex);
            }

            // The secret may have been rotated in the vault since it was read: read it once more.
            log.Verbose($"The client secret was refused (invalid_client); reading it again from {_credentials.Description}.");
            credential = _credentials.GetCredential(true, cancellationToken);
            return await _tokenClient.ClientCredentialsAsync(credential, log, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Describe(TokenSet tokens)
    {
        var expiry = tokens.ExpiresOn is { } expires
            ? $"the access token expires at {expires:u} and will be renewed from {tokens.RefreshOn:u}"
            : "the token endpoint gave no expiry, so the token is renewed when the API refuses it";
        return expiry + (tokens.RefreshToken is null ? "; no refresh token was issued" : "; a refresh token is held");
    }

    private void ThrowIfDisposed()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            throw new LeanlyException(
                LeanlyErrorKind.Disconnected,
                $"This Leanly connection (client '{ClientId}') was closed by Disconnect-Leanly and cannot be used again.",
                "Run Connect-Leanly to sign in again, and pass the new connection with -Connection if you keep it in a variable.");
        }
    }

    private LeanlyException NotConnected() =>
        new(LeanlyErrorKind.Disconnected, $"This Leanly connection (client '{ClientId}') holds no token.", "Run Connect-Leanly.");

}
