using System.Text.Json;
using Leanly.TestServer.Faults;

namespace Leanly.TestServer.Control;

/// <summary>Reads <c>{ endpoint, count, kind, ... }</c> from POST /control/faults.</summary>
internal static class FaultRequestReader
{
    public static (FaultEndpoint Endpoint, int Count, FaultSpec Fault) Read(JsonElement body)
    {
        FaultEndpoint? endpoint = null;
        var count = 1;
        FaultKind? kind = null;
        int? status = null;
        string? retryAfter = null, responseBody = null, contentType = null, location = null, bodyContains = null;
        long? sizeBytes = null;
        int? delayMs = null;
        var chunkDelayMs = 0;
        var waitForRequests = 0;
        bool afterExecute = false, sendContentLength = false, gzip = false;

        foreach (var property in body.EnumerateObject())
        {
            switch (property.Name.ToLowerInvariant())
            {
                case "endpoint":
                    endpoint = ParseEnum<FaultEndpoint>(property);
                    break;
                case "count":
                    count = JsonReading.Int(property);
                    break;
                case "kind":
                    kind = ParseEnum<FaultKind>(property);
                    break;
                case "status":
                    status = JsonReading.Int(property);
                    break;
                case "retryafter":
                    retryAfter = JsonReading.Text(property);
                    break;
                case "body":
                    responseBody = JsonReading.String(property);
                    break;
                case "contenttype":
                    contentType = JsonReading.String(property);
                    break;
                case "sizebytes":
                    sizeBytes = JsonReading.Long(property);
                    break;
                case "sendcontentlength":
                    sendContentLength = JsonReading.Bool(property);
                    break;
                case "afterexecute":
                    afterExecute = JsonReading.Bool(property);
                    break;
                case "gzip":
                    gzip = JsonReading.Bool(property);
                    break;
                case "chunkdelayms":
                    chunkDelayMs = JsonReading.Int(property);
                    break;
                case "delayms":
                    delayMs = JsonReading.Int(property);
                    break;
                case "location":
                    location = JsonReading.String(property);
                    break;
                case "bodycontains":
                    bodyContains = JsonReading.String(property);
                    break;
                case "waitforrequests":
                    waitForRequests = JsonReading.Int(property);
                    break;
                default:
                    throw new ControlRequestException($"Unknown fault property '{property.Name}'.");
            }
        }

        if (endpoint is null || kind is null)
        {
            throw new ControlRequestException("A fault needs 'endpoint' (token|graphql) and 'kind'.");
        }

        if (count < 1 || status is < 100 or > 999 || sizeBytes < 0 || delayMs < 0 || chunkDelayMs < 0 || waitForRequests < 0 || bodyContains is "")
        {
            throw new ControlRequestException("count must be at least 1, status 100..999, sizeBytes, delayMs, chunkDelayMs and waitForRequests not negative, bodyContains not empty.");
        }

        if (bodyContains is not null && endpoint == FaultEndpoint.Token)
        {
            throw new ControlRequestException("bodyContains picks GraphQL requests only.");
        }

        var defaults = new FaultSpec();
        return (endpoint.Value, count, new FaultSpec
        {
            Kind = kind.Value,
            Status = status,
            RetryAfter = retryAfter,
            Body = responseBody,
            ContentType = contentType,
            SizeBytes = sizeBytes ?? defaults.SizeBytes,
            SendContentLength = sendContentLength,
            Gzip = gzip,
            ChunkDelayMs = chunkDelayMs,
            AfterExecute = afterExecute,
            DelayMs = delayMs ?? defaults.DelayMs,
            Location = location ?? defaults.Location,
            WhenBodyContains = bodyContains,
            WaitForRequests = waitForRequests,
        });
    }

    private static T ParseEnum<T>(JsonProperty property)
        where T : struct, Enum
    {
        var text = JsonReading.String(property);
        return Enum.TryParse<T>(text, ignoreCase: true, out var value) && !int.TryParse(text, out _)
            ? value
            : throw new ControlRequestException($"'{property.Name}' must be one of {string.Join(", ", Enum.GetNames<T>()).ToLowerInvariant()}.");
    }
}
