using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Leanly.Errors;
using Leanly.GraphQL;
using Leanly.Http;

namespace Leanly.Introspection;

/// <summary>
/// Asks a server for its schema: the current introspection query first, the older one when the server's errors
/// refuse a newer argument or field, and <see cref="LeanlyErrorKind.IntrospectionDisabled"/> when it refuses
/// introspection itself.
/// </summary>
internal static class SchemaFetcher
{
    public delegate Task<GraphQLResponse> Execute(GraphQLRequest request, ILeanlyLog log, CancellationToken cancellationToken);

    public static async Task<Schema> FetchAsync(Execute execute, Uri apiUri, ILeanlyLog log, CancellationToken cancellationToken)
    {
        var first = await TryAsync(execute, IntrospectionQuery.Text, apiUri, log, cancellationToken).ConfigureAwait(false);
        if (first.Schema is { } schema)
        {
            return schema;
        }

        if (Refuses(first.Errors))
        {
            throw Disabled(apiUri, first.Errors);
        }

        log.Verbose($"The server refused the introspection query ({(first.Errors.Count > 0 ? first.Errors[0].Message : "no schema")}); asking again with the older form, without the newer arguments and fields.");
        var second = await TryAsync(execute, IntrospectionQuery.Legacy, apiUri, log, cancellationToken).ConfigureAwait(false);
        if (second.Schema is { } legacy)
        {
            return legacy;
        }

        if (second.Errors.Count == 0 || Refuses(second.Errors) || second.Errors.Any(e => e.Message.IndexOf("__schema", StringComparison.Ordinal) >= 0))
        {
            throw Disabled(apiUri, second.Errors);
        }

        var error = second.Errors[0];
        throw new LeanlyException(
            LeanlyErrorKind.GraphQLError,
            $"The server at {apiUri} refused the introspection query: {error.Message}",
            "Pass a schema file with -Schema (Export-LeanlySchema it where introspection works).")
        {
            GraphQLError = error,
            RequestUri = apiUri,
        };
    }

    private static async Task<(Schema? Schema, IReadOnlyList<GraphQLError> Errors)> TryAsync(Execute execute, string query, Uri apiUri, ILeanlyLog log, CancellationToken cancellationToken)
    {
        using var response = await execute(new GraphQLRequest(query, operationName: "IntrospectionQuery"), log, cancellationToken).ConfigureAwait(false);
        if (response.Errors.Count > 0 || !response.HasData)
        {
            return (null, response.Errors);
        }

        var fetchedOn = DateTimeOffset.Now;
        var started = System.Diagnostics.Stopwatch.StartNew();
        var schema = IsNullSchema(response) ? null : IntrospectionReader.Read(response.DataJson, apiUri.ToString(), fetchedOn);
        if (schema is not null)
        {
            log.Verbose($"Read the schema of {apiUri}: {schema.Types.Count} types from {response.Bytes} bytes in {started.ElapsedMilliseconds} ms.");
        }

        return (schema, response.Errors);
    }

    private static bool IsNullSchema(GraphQLResponse response) =>
        response.Data.ValueKind != System.Text.Json.JsonValueKind.Object
        || !response.Data.TryGetProperty("__schema", out var schema)
        || schema.ValueKind == System.Text.Json.JsonValueKind.Null;

    private static bool Refuses(IReadOnlyList<GraphQLError> errors) =>
        errors.Any(e => e.Message.IndexOf("introspection", StringComparison.OrdinalIgnoreCase) >= 0);

    private static LeanlyException Disabled(Uri apiUri, IReadOnlyList<GraphQLError> errors) => new(
        LeanlyErrorKind.IntrospectionDisabled,
        $"The server at {apiUri} does not answer introspection queries" + (errors.Count > 0 ? $": {errors[0].Message}" : " (it gave no schema)."),
        "Pass a schema file with -Schema: Export-LeanlySchema it where introspection is allowed (a test environment), or ask the API's owner for one.")
    {
        GraphQLError = errors.Count > 0 ? errors[0] : null,
        RequestUri = apiUri,
    };
}
