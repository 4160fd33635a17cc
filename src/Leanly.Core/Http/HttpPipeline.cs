using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Leanly.Auth;
using Leanly.Errors;

namespace Leanly.Http;

/// <summary>
/// Sends one logical request: per-attempt timeout, bounded retries of transient failures, no redirects,
/// and one Verbose line per attempt. It never sees what a request body holds, so it cannot log a secret.
/// </summary>
internal sealed class HttpPipeline : IDisposable
{
    // Added to each message unparsed: HttpClient would otherwise copy and clone DefaultRequestHeaders into every request.
    private static readonly string UserAgent = "LeanlyPS/" + typeof(HttpPipeline).Assembly.GetName().Version?.ToString(3);

    // Offered, not demanded: .NET's default version policy falls back to HTTP/1.1 when the server's ALPN says so,
    // and plain http:// always stays on HTTP/1.1. netstandard2.0 has no HttpVersion.Version20.
    private static readonly Version Http2 = new(2, 0);

    private readonly HttpClient _client;
    private readonly LeanlyConnectionOptions _options;

    public HttpPipeline(LeanlyConnectionOptions options, HttpMessageHandler? handler = null)
    {
        _options = options;
        _client = new HttpClient(handler ?? CreateHandler(options), disposeHandler: true)
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
    }

    public static HttpClientHandler CreateHandler(LeanlyConnectionOptions options)
    {
        // A redirect would carry the client secret or the bearer token to another place: 3xx is an error instead.
        var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        };
        if (NetFramework.IsCurrent)
        {
            // .NET Framework's default is 2 connections per host, which would queue concurrent queries (ThreadJob,
            // runspace pools) behind each other and charge the wait to -TimeoutSec; .NET itself has no limit.
            handler.MaxConnectionsPerServer = int.MaxValue;
            NetFramework.AllowTls12();
        }

        if (options.Proxy is not null)
        {
            handler.Proxy = new WebProxy(options.Proxy) { BypassProxyOnLocal = false, Credentials = options.ProxyCredential };
            handler.UseProxy = true;
        }

        return handler;
    }

    public async Task<T> SendAsync<T>(
        RequestSpec spec,
        Func<HttpResponseMessage, CountingStream, CancellationToken, Task<T>> read,
        ILeanlyLog log,
        CancellationToken cancellationToken)
    {
        var retry = _options.Retry;
        var waited = TimeSpan.Zero;
        var maxAttempts = Math.Max(1, retry.MaxRetries + 1);
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (spec.Gate is { } gate)
            {
                await gate.WaitAsync(spec.Purpose, log, cancellationToken).ConfigureAwait(false);
            }

            using var attemptCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attemptCancellation.CancelAfter(_options.Timeout);
            var stopwatch = Stopwatch.StartNew();
            using var request = spec.Create();
            request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
            if (!NetFramework.IsCurrent)
            {
                // .NET Framework's handler would throw for 2.0; Windows PowerShell stays on HTTP/1.1.
                request.Version = Http2;
            }
            else
            {
                // .NET Framework would send Expect: 100-continue with every POST: a round trip more each, or a stall
                // behind a gateway that never answers 100.
                request.Headers.ExpectContinue = false;
            }

            var method = request.Method.Method;
            HttpResponseMessage response;
            try
            {
                response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attemptCancellation.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsTimeout(ex, attemptCancellation, cancellationToken))
            {
                log.Verbose($"{method} {spec.Uri} timed out after {stopwatch.ElapsedMilliseconds} ms (limit {_options.Timeout.TotalSeconds:0.###} s).");
                throw TimeoutError(spec, ex);
            }
            catch (HttpRequestException ex) when (SecureChannelFailure.Classify(ex, spec, _options.Proxy, _options.ProxyLogin) is { } refused)
            {
                // A certificate, TLS version or proxy login problem: sending again cannot help, and nothing was sent.
                log.Verbose($"{method} {spec.Uri} failed after {stopwatch.ElapsedMilliseconds} ms, not retried: {refused.Message}");
                throw refused;
            }
            catch (HttpRequestException ex)
            {
                var failure = NetworkFailure.Classify(ex);
                log.Verbose($"{method} {spec.Uri} failed after {stopwatch.ElapsedMilliseconds} ms: {failure.Reason}.");
                var mayRetry = spec.MayReplayAfterSend || failure.BeforeSend;
                if (mayRetry && TryPlanRetry(attempt, maxAttempts, null, ref waited, out var delay))
                {
                    log.Verbose($"Retrying the {spec.Purpose} in {delay.TotalSeconds:0.0} s (attempt {attempt + 1} of {maxAttempts}): {failure.Reason}.");
                    await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var why = mayRetry ? string.Empty : " The request may have reached the server, so it was not sent again (a mutation is never replayed once sent).";
                var via = _options.Proxy is { } proxy ? $" (through the proxy {proxy.GetLeftPart(UriPartial.Authority)})" : string.Empty;
                throw new LeanlyException(
                    LeanlyErrorKind.NetworkError,
                    $"The {spec.Purpose} to {spec.Uri}{via} failed: {failure.Reason}.{why}",
                    "Check the network connection, DNS, proxy settings and the URI, then try again.",
                    ex)
                {
                    RequestUri = spec.Uri,
                    ServerUnreachable = failure.BeforeSend,
                };
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                if (status == 407)
                {
                    log.Verbose($"{method} {spec.Uri} -> 407 {response.ReasonPhrase}, {stopwatch.ElapsedMilliseconds} ms (from the proxy).");
                    throw SecureChannelFailure.ProxyAuthenticationRequired(spec, _options.Proxy, _options.ProxyLogin);
                }

                if (status >= 300 && status < 400)
                {
                    log.Verbose($"{method} {spec.Uri} -> {status} {response.ReasonPhrase}, {stopwatch.ElapsedMilliseconds} ms (redirect not followed).");
                    throw RedirectError(spec, response);
                }

                if (RetryPolicy.IsTransientStatus(status) && (spec.MayReplayAfterSend || RetryPolicy.IsNotProcessedStatus(status)))
                {
                    log.Verbose($"{method} {spec.Uri} -> {status} {response.ReasonPhrase}, {stopwatch.ElapsedMilliseconds} ms.");
                    if (TryPlanRetry(attempt, maxAttempts, response, ref waited, out var delay))
                    {
                        var serverAsked = RetryPolicy.RetryAfter(response, DateTimeOffset.UtcNow);
                        var because = serverAsked is null ? "backoff" : "Retry-After";
                        if (serverAsked is not null && RetryPolicy.IsNotProcessedStatus(status))
                        {
                            // Every other sender on this connection holds too; this request waits its own delay below.
                            spec.Gate?.CloseFor(delay);
                        }

                        log.Verbose($"Retrying the {spec.Purpose} in {delay.TotalSeconds:0.0} s ({because}; attempt {attempt + 1} of {maxAttempts}): HTTP {status} {response.ReasonPhrase}.");
                        response.Dispose();
                        await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    throw await GaveUpError(spec, response, attempt, attempt < maxAttempts, attemptCancellation.Token).ConfigureAwait(false);
                }

                var body = new CountingStream(await response.Content.ReadAsStreamAsync().ConfigureAwait(false), _options.MaxResponseBytes);
                try
                {
                    using (CloseOnCancel(response, attemptCancellation.Token))
                    {
                        return await read(response, body, attemptCancellation.Token).ConfigureAwait(false);
                    }
                }
                catch (ResponseTooLargeException tooLarge)
                {
                    // Leaving the using block disposes the response unread: the connection is closed, not drained.
                    log.Verbose($"{method} {spec.Uri}: the answer passed {tooLarge.MaxBytes} bytes; dropping the connection.");
                    throw TooLargeError(spec, status, tooLarge);
                }
                catch (Exception ex) when (IsTimeout(ex, attemptCancellation, cancellationToken))
                {
                    throw TimeoutError(spec, ex);
                }
                catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is not OperationCanceledException && IsAbortedRead(ex))
                {
                    throw new OperationCanceledException($"The {spec.Purpose} was cancelled.", ex, cancellationToken);
                }
                catch (Exception ex) when (ex is IOException or HttpRequestException)
                {
                    throw new LeanlyException(
                        LeanlyErrorKind.NetworkError,
                        $"The connection to {spec.Uri} broke while the answer to the {spec.Purpose} was being read ({body.BytesRead} bytes received): {NetworkFailure.Classify(ex).Reason}.",
                        "Try again; if it keeps happening, check the network and any proxy in between.",
                        ex)
                    {
                        RequestUri = spec.Uri,
                        StatusCode = status,
                    };
                }
                finally
                {
                    log.Verbose($"{method} {spec.Uri} -> {status} {response.ReasonPhrase}, {body.BytesRead} bytes, {stopwatch.ElapsedMilliseconds} ms.");
                    body.Dispose();
                }
            }
        }
    }

    private bool TryPlanRetry(int attempt, int maxAttempts, HttpResponseMessage? response, ref TimeSpan waited, out TimeSpan delay)
    {
        delay = _options.Retry.DelayFor(attempt, response, DateTimeOffset.UtcNow);
        if (attempt >= maxAttempts || waited + delay > _options.Retry.MaxTotalWait)
        {
            return false;
        }

        waited += delay;
        return true;
    }

    private static bool IsTimeout(Exception ex, CancellationTokenSource attempt, CancellationToken caller) =>
        attempt.IsCancellationRequested && !caller.IsCancellationRequested && (ex is OperationCanceledException || IsAbortedRead(ex));

    // What a read throws when the response under it was closed (see CloseOnCancel), on .NET or on .NET Framework.
    private static bool IsAbortedRead(Exception ex) => ex is IOException or HttpRequestException or ObjectDisposedException or WebException;

    /// <summary>
    /// .NET Framework only: closes the response when <paramref name="token"/> fires. .NET honours the token in every
    /// read of the body; .NET Framework's response stream ignores it once a read has begun, so a server that sends
    /// headers and then stalls would hang the read (and Ctrl+C) for ever there: closing the response is what ends
    /// such a read. The close runs on the thread pool, as closing may itself wait on the connection, and the thread
    /// that cancels (a timer, or Ctrl+C's) must not.
    /// </summary>
    private static CancellationTokenRegistration CloseOnCancel(HttpResponseMessage response, CancellationToken token) =>
        NetFramework.IsCurrent
            ? token.Register(state => ThreadPool.QueueUserWorkItem(r => ((HttpResponseMessage)r!).Dispose(), state), response)
            : default;

    private LeanlyException TimeoutError(RequestSpec spec, Exception inner) =>
        new(
            LeanlyErrorKind.Timeout,
            $"The {spec.Purpose} to {spec.Uri} got no complete answer within {_options.Timeout.TotalSeconds:0.###} s.",
            "The server may be overloaded or hung. Try again later, or allow more time with Connect-Leanly -TimeoutSec.",
            inner)
        {
            RequestUri = spec.Uri,
        };

    private static LeanlyException TooLargeError(RequestSpec spec, int status, ResponseTooLargeException tooLarge) =>
        new(
            LeanlyErrorKind.ResponseTooLarge,
            $"The answer to the {spec.Purpose} from {spec.Uri} (HTTP {status}) is larger than the {Megabytes(tooLarge.MaxBytes)} allowed: it was dropped after {Megabytes(tooLarge.BytesRead)} ({tooLarge.BytesRead} bytes, counted after decompression).",
            "Ask for less in one answer: page through it with Invoke-LeanlyQuery -All and a smaller page size (first: 100), select fewer fields, or allow more with Connect-Leanly -MaxResponseSizeMB. If no answer should be this large, check -ApiUri / -TokenUri and any proxy or gateway in between.")
        {
            RequestUri = spec.Uri,
            StatusCode = status,
        };

    private static string Megabytes(long bytes) => $"{bytes / (1024.0 * 1024.0):0.#} MB";

    private static LeanlyException RedirectError(RequestSpec spec, HttpResponseMessage response)
    {
        var location = response.Headers.Location is { } target
            ? (target.IsAbsoluteUri ? target.GetLeftPart(UriPartial.Path) : target.OriginalString.Split('?')[0])
            : "(no Location header)";
        return new LeanlyException(
            LeanlyErrorKind.Redirected,
            $"The {spec.Purpose} to {spec.Uri} was redirected (HTTP {(int)response.StatusCode}) to {Redactor.Redact(location)}. LeanlyPS does not follow redirects, because one would carry the client secret or the access token to another address.",
            "If the service really moved, connect to the new address with -TokenUri / -ApiUri; otherwise check for a proxy or captive portal that intercepts the request.")
        {
            RequestUri = spec.Uri,
            StatusCode = (int)response.StatusCode,
        };
    }

    private async Task<LeanlyException> GaveUpError(RequestSpec spec, HttpResponseMessage response, int attempts, bool waitBudgetSpent, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var (head, length) = await ReadHeadAsync(response, cancellationToken).ConfigureAwait(false);
        var retryAfter = RetryPolicy.RetryAfter(response, DateTimeOffset.UtcNow);
        var allowed = _options.Retry.MaxTotalWait.TotalSeconds;
        var waitNote = retryAfter is { } asked && asked > _options.Retry.MaxTotalWait
            ? $" The server asked to wait {asked.TotalSeconds:0} s, longer than the {allowed:0} s allowed."
            : waitBudgetSpent
                ? $" It stopped retrying early: the next wait would have taken the total past the {allowed:0} s allowed (-RetryMaxWaitSec)."
                : string.Empty;
        var kind = status == 429 ? LeanlyErrorKind.Throttled : LeanlyErrorKind.ServerUnavailable;
        var action = status == 429
            ? "The service is throttling this client. Wait and try again, send fewer requests at once, or allow longer waits with Connect-Leanly -RetryMaxWaitSec."
            : "The service is unavailable. Try again later; Connect-Leanly -MaxRetries and -RetryMaxWaitSec allow more retries.";
        return new LeanlyException(
            kind,
            $"The {spec.Purpose} to {spec.Uri} failed after {attempts} attempt(s): {TokenResponseParser.Describe(status, response.Content.Headers.ContentType?.ToString(), head, length)}.{waitNote}",
            action)
        {
            RequestUri = spec.Uri,
            StatusCode = status,
        };
    }

    internal static async Task<(byte[] Head, int Length)> ReadHeadAsync(HttpResponseMessage response, CancellationToken cancellationToken, int max = 512)
    {
        var head = new byte[max];
        var length = 0;
        try
        {
            using var closing = CloseOnCancel(response, cancellationToken);
            using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            int read;
            while (length < max && (read = await stream.ReadAsync(head, length, max - length, cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException || IsAbortedRead(ex))
        {
            // The preview is only for the message; a broken body must not hide the status.
        }

        return (head, length);
    }

    public void Dispose() => _client.Dispose();
}
