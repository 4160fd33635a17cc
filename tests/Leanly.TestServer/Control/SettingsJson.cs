using System.Text.Json;

namespace Leanly.TestServer.Control;

/// <summary>Settings as control JSON: shown without client secrets, updated property by property.</summary>
internal static class SettingsJson
{
    public static void Write(Utf8JsonWriter writer, TestServerSettings settings)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("clients");
        foreach (var client in settings.Clients)
        {
            writer.WriteStartObject();
            writer.WriteString("clientId", client.ClientId);
            writer.WriteStartArray("scopes");
            foreach (var scope in client.Scopes)
            {
                writer.WriteStringValue(scope);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteNumber("accessTokenLifetime", settings.AccessTokenLifetime);
        writer.WriteNumber("refreshTokenLifetime", settings.RefreshTokenLifetime);
        writer.WriteBoolean("rotateRefreshTokens", settings.RotateRefreshTokens);
        writer.WriteBoolean("revokeAccessOnRefresh", settings.RevokeAccessOnRefresh);
        writer.WriteBoolean("strict", settings.Strict);
        writer.WriteNumber("itemCount", settings.ItemCount);
        writer.WriteNumber("graphqlLatencyMs", settings.GraphQLLatencyMs);
        writer.WriteNumber("graphqlJitterMs", settings.GraphQLJitterMs);
        writer.WriteNumber("tokenLatencyMs", settings.TokenLatencyMs);
        writer.WriteNumber("tokenJitterMs", settings.TokenJitterMs);
        writer.WriteBoolean("largeSchema", settings.LargeSchema);
        writer.WriteBoolean("introspection", settings.Introspection);
        writer.WriteEndObject();
    }

    /// <summary>Applies a partial update; nothing changes unless the whole update is valid.</summary>
    public static void Apply(JsonElement update, TestServerSettings settings)
    {
        var changed = settings.Clone();
        foreach (var property in update.EnumerateObject())
        {
            switch (property.Name.ToLowerInvariant())
            {
                case "clients":
                    changed.Clients = ReadClients(property.Value);
                    break;
                case "accesstokenlifetime":
                    changed.AccessTokenLifetime = JsonReading.Int(property);
                    break;
                case "refreshtokenlifetime":
                    changed.RefreshTokenLifetime = JsonReading.Int(property);
                    break;
                case "rotaterefreshtokens":
                    changed.RotateRefreshTokens = JsonReading.Bool(property);
                    break;
                case "revokeaccessonrefresh":
                    changed.RevokeAccessOnRefresh = JsonReading.Bool(property);
                    break;
                case "strict":
                    changed.Strict = JsonReading.Bool(property);
                    break;
                case "itemcount":
                    changed.ItemCount = JsonReading.Int(property);
                    break;
                case "graphqllatencyms":
                    changed.GraphQLLatencyMs = JsonReading.Int(property);
                    break;
                case "graphqljitterms":
                    changed.GraphQLJitterMs = JsonReading.Int(property);
                    break;
                case "tokenlatencyms":
                    changed.TokenLatencyMs = JsonReading.Int(property);
                    break;
                case "tokenjitterms":
                    changed.TokenJitterMs = JsonReading.Int(property);
                    break;
                case "largeschema":
                    changed.LargeSchema = JsonReading.Bool(property);
                    break;
                case "introspection":
                    changed.Introspection = JsonReading.Bool(property);
                    break;
                default:
                    throw new ControlRequestException($"Unknown setting '{property.Name}'.");
            }
        }

        var problem = changed.Validate();
        if (problem is not null)
        {
            throw new ControlRequestException(problem);
        }

        settings.CopyFrom(changed);
    }

    private static TestClient[] ReadClients(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new ControlRequestException("'clients' must be an array.");
        }

        return value.EnumerateArray().Select(ReadClient).ToArray();
    }

    private static TestClient ReadClient(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object
            || !value.TryGetProperty("clientId", out var id) || id.ValueKind != JsonValueKind.String
            || !value.TryGetProperty("clientSecret", out var secret) || secret.ValueKind != JsonValueKind.String)
        {
            throw new ControlRequestException("Each client needs string 'clientId' and 'clientSecret' properties.");
        }

        var scopes = value.TryGetProperty("scopes", out var s) ? JsonReading.Strings(s, "scopes") : [];
        return new TestClient(id.GetString()!, secret.GetString()!, scopes);
    }
}
