using System.Net;
using Leanly.TestServer.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Leanly.TestServer.Proxy;

/// <summary>
/// A minimal HTTP forward proxy for loopback targets, so clients' proxy settings can be tested.
/// A client talking to a proxy sends the request target in absolute form
/// (<c>POST http://127.0.0.1:5000/graphql HTTP/1.1</c>, RFC 9112 3.2.2). Kestrel accepts that form:
/// it keeps the full target in <see cref="IHttpRequestFeature.RawTarget"/>, fills Path and QueryString from
/// the URL's path and query, and rejects the request (400) unless the Host header matches the URL's authority.
/// Origin-form requests have a RawTarget starting with '/', so a leading "http://" marks a proxied request.
/// </summary>
internal sealed class ForwardProxy : IDisposable
{
    private static readonly HashSet<string> HopByHopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "Proxy-Connection",
        "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Host",
    };

    // No proxy of its own (an inherited http_proxy would loop) and no redirects or decompression: pass through as is.
    private readonly HttpClient _client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>The absolute-form target of a proxied request, or null for an ordinary one.</summary>
    public static Uri? AbsoluteTarget(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        return raw is not null
            && raw.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            && Uri.TryCreate(raw, UriKind.Absolute, out var target)
                ? target
                : null;
    }

    /// <summary>Whether an absolute-form target names this very server.</summary>
    public static bool IsSelf(HttpContext context, Uri target)
    {
        if (target.Port != context.Connection.LocalPort)
        {
            return false;
        }

        return target.HostNameType == UriHostNameType.Dns
            ? target.IsLoopback
            : IPAddress.TryParse(target.DnsSafeHost, out var address) && address.Equals(context.Connection.LocalIpAddress);
    }

    public void Dispose() => _client.Dispose();

    public async Task ForwardAsync(HttpContext context, Uri target)
    {
        if (!target.IsLoopback)
        {
            await JsonResponse.WriteErrorAsync(context.Response, StatusCodes.Status403Forbidden, "This proxy only forwards to loopback addresses.");
            return;
        }

        using var request = BuildRequest(context.Request, target);
        HttpResponseMessage upstream;
        try
        {
            upstream = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        }
        catch (HttpRequestException e)
        {
            await JsonResponse.WriteErrorAsync(context.Response, StatusCodes.Status502BadGateway, $"The proxy could not reach the target: {e.Message}");
            return;
        }

        using (upstream)
        {
            await CopyResponseAsync(upstream, context.Response);
        }
    }

    private static HttpRequestMessage BuildRequest(HttpRequest incoming, Uri target)
    {
        var request = new HttpRequestMessage(new HttpMethod(incoming.Method), target);
        if (incoming.ContentLength > 0 || incoming.Headers.TransferEncoding.Count > 0)
        {
            request.Content = new StreamContent(incoming.Body);
        }

        foreach (var (name, values) in incoming.Headers)
        {
            if (HopByHopHeaders.Contains(name))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        return request;
    }

    private static async Task CopyResponseAsync(HttpResponseMessage upstream, HttpResponse response)
    {
        response.StatusCode = (int)upstream.StatusCode;
        foreach (var (name, values) in upstream.Headers.Concat(upstream.Content.Headers))
        {
            if (!HopByHopHeaders.Contains(name))
            {
                response.Headers[name] = values.ToArray();
            }
        }

        await using var body = await upstream.Content.ReadAsStreamAsync(response.HttpContext.RequestAborted);
        await body.CopyToAsync(response.Body, response.HttpContext.RequestAborted);
    }
}
