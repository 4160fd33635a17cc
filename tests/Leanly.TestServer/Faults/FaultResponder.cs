using System.IO.Compression;
using System.Text;
using Leanly.TestServer.State;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace Leanly.TestServer.Faults;

/// <summary>Serves a queued fault, calling the normal handler where the fault wraps it.</summary>
internal sealed class FaultResponder(TestServerStats stats)
{
    private const string TextPlain = "text/plain; charset=utf-8";
    private const string Json = "application/json; charset=utf-8";
    private static readonly TimeSpan MaxWaitForRequests = TimeSpan.FromSeconds(30);
    private static readonly byte[] Filler = Enumerable.Repeat((byte)'a', 64 * 1024).ToArray();

    public async Task ServeAsync(HttpContext context, FaultEndpoint endpoint, FaultSpec fault, RequestDelegate normal)
    {
        await WaitForRequestsAsync(endpoint, fault.WaitForRequests, context.RequestAborted);
        var response = context.Response;
        if (!string.IsNullOrEmpty(fault.RetryAfter))
        {
            response.Headers.RetryAfter = fault.RetryAfter;
        }

        switch (fault.Kind)
        {
            case FaultKind.Status:
                await WriteTextAsync(response, fault.Status ?? 503, fault.ContentType ?? TextPlain, fault.Body);
                break;
            case FaultKind.Html:
                await WriteTextAsync(response, fault.Status ?? 200, "text/html; charset=utf-8", HtmlPage(fault.Status ?? 502));
                break;
            case FaultKind.Body:
                await WriteTextAsync(response, fault.Status ?? 200, fault.ContentType ?? Json, fault.Body ?? string.Empty);
                break;
            case FaultKind.Malformed:
                await WriteTextAsync(response, fault.Status ?? 200, fault.ContentType ?? Json, MalformedJson(endpoint));
                break;
            case FaultKind.Truncated:
                await WriteTruncatedAsync(context, normal);
                break;
            case FaultKind.Big:
                await WriteBigAsync(context, endpoint, fault);
                break;
            case FaultKind.Drop:
                await DropAsync(context, fault, normal);
                break;
            case FaultKind.Hang:
                await HangAsync(context, fault, normal, stats);
                break;
            case FaultKind.Redirect:
                response.StatusCode = fault.Status ?? 302;
                response.Headers.Location = fault.Location;
                response.ContentLength = 0;
                break;
            default:
                throw new InvalidOperationException($"Unknown fault kind {fault.Kind}.");
        }
    }

    // Bounded, so that a test whose requests never come fails on its assertions instead of hanging.
    private async Task WaitForRequestsAsync(FaultEndpoint endpoint, int count, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + MaxWaitForRequests;
        while ((endpoint == FaultEndpoint.Token ? stats.TokenRequests : stats.GraphQLRequests) < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5, cancellationToken);
        }
    }

    private static string MalformedJson(FaultEndpoint endpoint) =>
        endpoint == FaultEndpoint.Token ? "{\"access_token\": " : "{\"data\": {\"viewer\": {\"clientId\": ";

    private static string HtmlPage(int status)
    {
        var title = $"{status} {ReasonPhrases.GetReasonPhrase(status)}".Trim();
        return $"<!DOCTYPE html>\n<html><head><title>{title}</title></head>\n<body><h1>{title}</h1>\n"
            + "<p>The proxy server could not handle the request.</p><hr><address>test-proxy</address></body></html>\n";
    }

    private static async Task WriteTextAsync(HttpResponse response, int status, string contentType, string? body)
    {
        response.StatusCode = status;
        var bytes = Encoding.UTF8.GetBytes(body ?? string.Empty);
        response.ContentLength = bytes.Length;
        if (body is not null && contentType.Length > 0)
        {
            response.ContentType = contentType;
        }

        await response.Body.WriteAsync(bytes, response.HttpContext.RequestAborted);
    }

    private static async Task<byte[]> CaptureAsync(HttpContext context, RequestDelegate normal)
    {
        var original = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        using var buffer = new MemoryStream();
        var capture = new StreamResponseBodyFeature(buffer, original);
        context.Features.Set<IHttpResponseBodyFeature>(capture);
        try
        {
            await normal(context);
            await capture.CompleteAsync();
        }
        finally
        {
            context.Features.Set(original);
        }

        return buffer.ToArray();
    }

    private static async Task WriteTruncatedAsync(HttpContext context, RequestDelegate normal)
    {
        var answer = await CaptureAsync(context, normal);
        var half = answer.Length / 2;
        context.Response.ContentLength = half;
        await context.Response.Body.WriteAsync(answer.AsMemory(0, half), context.RequestAborted);
    }

    private static async Task WriteBigAsync(HttpContext context, FaultEndpoint endpoint, FaultSpec fault)
    {
        var response = context.Response;
        var prefix = Encoding.UTF8.GetBytes(endpoint == FaultEndpoint.Token ? "{\"access_token\":\"" : "{\"data\":{\"echo\":\"");
        var size = Math.Max(fault.SizeBytes, prefix.Length);
        response.StatusCode = fault.Status ?? 200;
        response.ContentType = fault.ContentType ?? Json;
        if (fault.SendContentLength && !fault.Gzip)
        {
            response.ContentLength = size;
        }

        if (fault.Gzip)
        {
            response.Headers.ContentEncoding = "gzip";
        }

        // A client that stops reading ends the loop through RequestAborted, however large SizeBytes is.
        var body = fault.Gzip ? new GZipStream(response.Body, CompressionLevel.Fastest, leaveOpen: true) : response.Body;
        await using (body)
        {
            await body.WriteAsync(prefix, context.RequestAborted);
            for (var left = size - prefix.Length; left > 0; left -= Filler.Length)
            {
                await body.WriteAsync(Filler.AsMemory(0, (int)Math.Min(left, Filler.Length)), context.RequestAborted);
                if (fault.ChunkDelayMs > 0)
                {
                    await body.FlushAsync(context.RequestAborted);
                    await Task.Delay(fault.ChunkDelayMs, context.RequestAborted);
                }
            }
        }
    }

    private static async Task DropAsync(HttpContext context, FaultSpec fault, RequestDelegate normal)
    {
        if (fault.AfterExecute)
        {
            await CaptureAsync(context, normal);
        }
        else
        {
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
        }

        context.Abort();
    }

    private static async Task HangAsync(HttpContext context, FaultSpec fault, RequestDelegate normal, TestServerStats stats)
    {
        try
        {
            await Task.Delay(fault.DelayMs, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client closed the connection mid-hang: tests read this instead of timing the client.
            stats.CountAbandonedHang();
            return;
        }

        await normal(context);
    }
}
