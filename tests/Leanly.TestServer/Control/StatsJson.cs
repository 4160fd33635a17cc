using System.Text.Json;
using Leanly.TestServer.State;

namespace Leanly.TestServer.Control;

internal static class StatsJson
{
    public static void Write(Utf8JsonWriter writer, TestServerStats stats)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("tokenRequests");
        writer.WriteNumber("client_credentials", stats.ClientCredentialsRequests);
        writer.WriteNumber("refresh_token", stats.RefreshTokenRequests);
        writer.WriteNumber("total", stats.TokenRequests);
        writer.WriteEndObject();
        writer.WriteNumber("tokenFailures", stats.TokenFailures);
        writer.WriteNumber("graphqlRequests", stats.GraphQLRequests);
        writer.WriteNumber("unauthorized", stats.Unauthorized);
        writer.WriteNumber("mutations", stats.Mutations);
        writer.WriteNumber("faultsServed", stats.FaultsServed);
        writer.WriteNumber("hangsAbandoned", stats.HangsAbandoned);
        writer.WriteNumber("proxiedRequests", stats.ProxiedRequests);
        WriteNullableString(writer, "lastClientAuthentication", stats.LastClientAuthentication);
        WriteNullableString(writer, "lastScope", stats.LastScope);
        writer.WriteEndObject();
    }

    private static void WriteNullableString(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
