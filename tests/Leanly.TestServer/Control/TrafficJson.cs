using System.Text.Json;
using Leanly.TestServer.State;

namespace Leanly.TestServer.Control;

/// <summary>GET /control/traffic: requests in flight now and at most, and each request's start and end.</summary>
internal static class TrafficJson
{
    public static void Write(Utf8JsonWriter writer, TrafficRecorder traffic)
    {
        writer.WriteStartObject();
        writer.WriteNumber("inFlight", traffic.InFlight);
        writer.WriteNumber("maxInFlight", traffic.MaxInFlight);
        writer.WriteStartArray("requests");
        foreach (var request in traffic.Requests)
        {
            writer.WriteStartObject();
            writer.WriteString("endpoint", request.Endpoint);
            writer.WriteNumber("startMs", Math.Round(request.StartMs, 3));
            writer.WriteNumber("endMs", Math.Round(request.EndMs, 3));
            writer.WriteNumber("status", request.Status);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
