using System.Text.Json;
using Leanly.TestServer.Http;
using Leanly.TestServer.Proxy;
using Leanly.TestServer.Tls;

namespace Leanly.TestServer.Control;

/// <summary>
/// Counts each request's protocol on its listener, and answers the network control paths:
/// GET /control/network (connections, handshakes and protocols per listener; the tunnel proxy's counts),
/// GET /control/network/relayed (every byte the tunnel proxy relayed, base64),
/// POST /control/network {"proxyCredential":"user:password"|null, "roundTripMs":N} (each only when present; the round
/// trip applies to the httpFar and httpsFar relays). POST /control/reset also clears these.
/// </summary>
internal sealed class NetworkControl(TlsListeners listeners, TunnelProxy tunnel, FarListeners far)
{
    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        listeners.For(context.Connection.LocalPort).CountRequest(context.Request.Protocol);
        var path = context.Request.Path.Value ?? string.Empty;
        switch (path)
        {
            case "/control/reset":
                listeners.Reset();
                tunnel.Reset();
                far.Reset();
                break;
            case "/control/network" when HttpMethods.IsGet(context.Request.Method):
                await JsonResponse.WriteAsync(context.Response, StatusCodes.Status200OK, WriteCounts);
                return;
            case "/control/network" when HttpMethods.IsPost(context.Request.Method):
                using (var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))
                {
                    if (body.RootElement.TryGetProperty("proxyCredential", out var credential))
                    {
                        tunnel.RequiredCredential = credential.ValueKind == JsonValueKind.String ? credential.GetString() : null;
                    }

                    if (body.RootElement.TryGetProperty("roundTripMs", out var roundTrip))
                    {
                        if (roundTrip.ValueKind != JsonValueKind.Number || !roundTrip.TryGetInt32(out var ms) || ms is < 0 or > 60_000)
                        {
                            await JsonResponse.WriteAsync(context.Response, StatusCodes.Status400BadRequest, w =>
                            {
                                w.WriteStartObject();
                                w.WriteString("error", "roundTripMs must be a whole number of milliseconds from 0 to 60000.");
                                w.WriteEndObject();
                            });
                            return;
                        }

                        far.RoundTripMs = ms;
                    }
                }

                await JsonResponse.WriteAsync(context.Response, StatusCodes.Status200OK, w =>
                {
                    w.WriteStartObject();
                    w.WriteBoolean("ok", true);
                    w.WriteEndObject();
                });
                return;
            case "/control/network/relayed":
                await JsonResponse.WriteAsync(context.Response, StatusCodes.Status200OK, w =>
                {
                    w.WriteStartObject();
                    w.WriteBase64String("bytes", tunnel.RelayedBytes());
                    w.WriteEndObject();
                });
                return;
        }

        await next();
    }

    private void WriteCounts(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteStartObject("listeners");
        foreach (var (name, counters) in listeners.Counters)
        {
            w.WriteStartObject(name);
            w.WriteNumber("connections", counters.Connections);
            w.WriteNumber("handshakesStarted", counters.HandshakesStarted);
            w.WriteNumber("handshakes", counters.Handshakes);
            WriteMap(w, "protocols", counters.Protocols);
            WriteMap(w, "tls", counters.TlsVersions);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteStartObject("proxy");
        w.WriteNumber("connects", tunnel.Connects);
        w.WriteNumber("forwards", tunnel.Forwards);
        w.WriteNumber("authenticationRejected", tunnel.AuthenticationRejected);
        w.WriteNumber("relayedBytes", tunnel.RelayedTotal);
        w.WriteEndObject();
        w.WriteStartObject("far");
        w.WriteNumber("roundTripMs", far.RoundTripMs);
        foreach (var (name, relay) in far.Relays)
        {
            w.WriteStartObject(name);
            w.WriteNumber("connections", relay.Connections);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteMap(Utf8JsonWriter w, string name, IEnumerable<KeyValuePair<string, int>> map)
    {
        w.WriteStartObject(name);
        foreach (var (key, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.WriteNumber(key, value);
        }

        w.WriteEndObject();
    }
}
