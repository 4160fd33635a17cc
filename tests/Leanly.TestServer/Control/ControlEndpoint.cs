using System.Net;
using System.Text.Json;
using Leanly.TestServer.Faults;
using Leanly.TestServer.Http;
using Leanly.TestServer.State;

namespace Leanly.TestServer.Control;

/// <summary>/control/*: lets tests inspect and steer the server. Loopback callers only.</summary>
internal sealed class ControlEndpoint(ServerState state)
{
    public const string Prefix = "/control";

    public async Task HandleAsync(HttpContext context)
    {
        if (!IsLoopback(context.Connection.RemoteIpAddress))
        {
            await JsonResponse.WriteErrorAsync(context.Response, StatusCodes.Status403Forbidden, "Control endpoints only answer loopback callers.");
            return;
        }

        try
        {
            await RouteAsync(context);
        }
        catch (ControlRequestException e)
        {
            await JsonResponse.WriteErrorAsync(context.Response, StatusCodes.Status400BadRequest, e.Message);
        }
    }

    private static bool IsLoopback(IPAddress? address) =>
        address is not null && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    private static Task OkAsync(HttpResponse response) =>
        JsonResponse.WriteAsync(response, StatusCodes.Status200OK, w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("ok", true);
            w.WriteEndObject();
        });

    private static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static async Task<JsonDocument?> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        if (buffer.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(buffer.ToArray());
        }
        catch (JsonException)
        {
            throw new ControlRequestException("The body is not valid JSON.");
        }
    }

    private Task RouteAsync(HttpContext context)
    {
        var request = context.Request;
        var action = request.Path.Value![Prefix.Length..].TrimEnd('/').ToLowerInvariant();
        return (request.Method, action) switch
        {
            ("GET", "/stats") => JsonResponse.WriteAsync(context.Response, 200, w => StatsJson.Write(w, state.Stats)),
            ("GET", "/traffic") => JsonResponse.WriteAsync(context.Response, 200, w => TrafficJson.Write(w, state.Traffic)),
            ("POST", "/reset") => ResetAsync(context.Response),
            ("GET", "/settings") => JsonResponse.WriteAsync(context.Response, 200, w => SettingsJson.Write(w, state.Settings)),
            ("POST", "/settings") => UpdateSettingsAsync(context),
            ("POST", "/revoke") => RevokeAsync(context),
            ("POST", "/expire-refresh") => ExpireAsync(context.Response, state.Tokens.ExpireRefreshTokens),
            ("POST", "/expire-access") => ExpireAsync(context.Response, state.Tokens.ExpireAccessTokens),
            ("GET", "/tokens") => TokensAsync(context.Response),
            ("GET", "/faults") => PendingFaultsAsync(context.Response),
            ("POST", "/faults") => QueueFaultAsync(context),
            ("DELETE", "/faults") => ClearFaultsAsync(context.Response),
            (_, "/stats" or "/traffic" or "/reset" or "/settings" or "/revoke" or "/expire-refresh" or "/expire-access" or "/tokens" or "/faults") =>
                JsonResponse.WriteErrorAsync(context.Response, StatusCodes.Status405MethodNotAllowed, $"{request.Method} is not supported here."),
            _ => JsonResponse.WriteErrorAsync(context.Response, StatusCodes.Status404NotFound, "No such control endpoint."),
        };
    }

    private Task ResetAsync(HttpResponse response)
    {
        state.Reset();
        return OkAsync(response);
    }

    private async Task UpdateSettingsAsync(HttpContext context)
    {
        using var body = await ReadBodyAsync(context.Request);
        SettingsJson.Apply(JsonReading.RequireObject(body?.RootElement, "POST /control/settings"), state.Settings);
        await JsonResponse.WriteAsync(context.Response, 200, w => SettingsJson.Write(w, state.Settings));
    }

    /// <summary>An empty body revokes both kinds; otherwise only the kinds set to true.</summary>
    private async Task RevokeAsync(HttpContext context)
    {
        using var body = await ReadBodyAsync(context.Request);
        bool access = body is null, refresh = body is null;
        if (body is not null)
        {
            foreach (var property in JsonReading.RequireObject(body.RootElement, "POST /control/revoke").EnumerateObject())
            {
                switch (property.Name.ToLowerInvariant())
                {
                    case "access":
                        access = JsonReading.Bool(property);
                        break;
                    case "refresh":
                        refresh = JsonReading.Bool(property);
                        break;
                    default:
                        throw new ControlRequestException($"Unknown property '{property.Name}'; use access and refresh.");
                }
            }
        }

        state.Tokens.RevokeAll(access, refresh);
        await JsonResponse.WriteAsync(context.Response, 200, w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("access", access);
            w.WriteBoolean("refresh", refresh);
            w.WriteEndObject();
        });
    }

    private static Task ExpireAsync(HttpResponse response, Action expire)
    {
        expire();
        return OkAsync(response);
    }

    private Task TokensAsync(HttpResponse response) =>
        JsonResponse.WriteAsync(response, 200, w =>
        {
            w.WriteStartObject();
            WriteStrings(w, "accessTokens", state.Tokens.AccessTokens);
            WriteStrings(w, "refreshTokens", state.Tokens.RefreshTokens);
            w.WriteEndObject();
        });

    private Task PendingFaultsAsync(HttpResponse response) =>
        JsonResponse.WriteAsync(response, 200, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("token", state.Faults.Pending(FaultEndpoint.Token));
            w.WriteNumber("graphql", state.Faults.Pending(FaultEndpoint.GraphQL));
            w.WriteEndObject();
        });

    private async Task QueueFaultAsync(HttpContext context)
    {
        using var body = await ReadBodyAsync(context.Request);
        var (endpoint, count, fault) = FaultRequestReader.Read(JsonReading.RequireObject(body?.RootElement, "POST /control/faults"));
        state.Faults.Enqueue(endpoint, fault, count);
        await JsonResponse.WriteAsync(context.Response, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("endpoint", endpoint == FaultEndpoint.Token ? "token" : "graphql");
            w.WriteString("kind", fault.Kind.ToString().ToLowerInvariant());
            w.WriteNumber("queued", count);
            w.WriteNumber("pending", state.Faults.Pending(endpoint));
            w.WriteEndObject();
        });
    }

    private Task ClearFaultsAsync(HttpResponse response)
    {
        state.Faults.Clear();
        return OkAsync(response);
    }
}
