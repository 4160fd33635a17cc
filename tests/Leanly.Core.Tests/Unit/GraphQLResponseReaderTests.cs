using System.Text;
using System.Text.Json;
using Leanly.Errors;
using static Leanly.Core.Tests.Support.GraphQLReading;

namespace Leanly.Core.Tests.Unit;

public class GraphQLResponseReaderTests
{
    private static async Task<LeanlyException> FailAsync(string body, LeanlyErrorKind kind, int status = 200, string? contentType = "application/json")
    {
        var ex = await Assert.ThrowsAsync<LeanlyException>(() => ReadAsync(body, status, contentType));
        Assert.Equal(kind, ex.Kind);
        Assert.Equal(status, ex.StatusCode);
        Assert.Equal(ApiUri, ex.RequestUri);
        Assert.False(string.IsNullOrWhiteSpace(ex.RecommendedAction));
        return ex;
    }

    [Fact]
    public async Task Plain_data_answer()
    {
        const string body = "{\"data\":{\"viewer\":{\"clientId\":\"c\",\"scopes\":[\"read\"]}}}";
        using var response = await ReadAsync(body);
        Assert.Equal(200, response.StatusCode);
        Assert.True(response.HasData);
        Assert.Empty(response.Errors);
        Assert.Equal("c", response.Data.GetProperty("viewer").GetProperty("clientId").GetString());
        Assert.Equal(Encoding.UTF8.GetByteCount(body), response.Bytes);
        Assert.Equal(body, response.RawText);
    }

    [Fact]
    public async Task Deep_nesting_of_200_levels_is_read()
    {
        var body = "{\"data\":" + string.Concat(Enumerable.Repeat("{\"a\":", 100)) + string.Concat(Enumerable.Repeat("[", 100)) + "42"
            + new string(']', 100) + new string('}', 100) + "}";
        using var response = await ReadAsync(body);
        var element = response.Data;
        for (var i = 0; i < 100; i++)
        {
            element = element.GetProperty("a");
        }

        for (var i = 0; i < 100; i++)
        {
            element = element[0];
        }

        Assert.Equal(42, element.GetInt32());
    }

    [Fact]
    public async Task Nesting_beyond_the_reader_limit_is_a_leanly_exception()
    {
        var body = "{\"data\":" + new string('[', 2000) + new string(']', 2000) + "}";
        await FailAsync(body, LeanlyErrorKind.InvalidGraphQLResponse);
    }

    [Fact]
    public async Task Big_numbers_are_kept_as_raw_text()
    {
        const string body = "{\"data\":{\"big\":123456789012345678901234567890,\"huge\":1e400,\"precise\":0.1000000000000000000000001,\"neg\":-0}}";
        using var response = await ReadAsync(body);
        Assert.Equal("123456789012345678901234567890", response.Data.GetProperty("big").GetRawText());
        Assert.Equal("1e400", response.Data.GetProperty("huge").GetRawText());
        Assert.Equal("0.1000000000000000000000001", response.Data.GetProperty("precise").GetRawText());
        Assert.Equal("-0", response.Data.GetProperty("neg").GetRawText());
        Assert.False(response.Data.GetProperty("big").TryGetInt64(out _));
    }

    [Fact]
    public async Task Unicode_escapes_and_raw_utf8_are_decoded()
    {
        using var response = await ReadAsync("{\"data\":{\"e\":\"\\u00fc\\ud83d\\ude00\\n\\\"\\/\",\"raw\":\"ü😀中\",\"k\\u00e9y\":1}}");
        Assert.Equal("ü😀\n\"/", response.Data.GetProperty("e").GetString());
        Assert.Equal("ü😀中", response.Data.GetProperty("raw").GetString());
        Assert.Equal(1, response.Data.GetProperty("kéy").GetInt32());
    }

    [Fact]
    public async Task Utf8_byte_order_mark_is_accepted()
    {
        var body = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("{\"data\":{\"a\":1}}")).ToArray();
        using var response = await ReadAsync(body);
        Assert.Equal(1, response.Data.GetProperty("a").GetInt32());
    }

    [Fact]
    public async Task Empty_objects_arrays_and_nulls()
    {
        using var response = await ReadAsync("{\"data\":{\"o\":{},\"a\":[],\"n\":null,\"items\":[null,{}]}}");
        Assert.Equal(JsonValueKind.Object, response.Data.GetProperty("o").ValueKind);
        Assert.Empty(response.Data.GetProperty("o").EnumerateObject());
        Assert.Equal(0, response.Data.GetProperty("a").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, response.Data.GetProperty("n").ValueKind);
        Assert.Equal(2, response.Data.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Empty_data_object_is_data()
    {
        using var response = await ReadAsync("{\"data\":{}}");
        Assert.True(response.HasData);
    }

    [Fact]
    public async Task Null_data_with_errors()
    {
        using var response = await ReadAsync("{\"data\":null,\"errors\":[{\"message\":\"nope\"}]}");
        Assert.False(response.HasData);
        Assert.Equal("nope", Assert.Single(response.Errors).Message);
    }

    [Fact]
    public async Task Errors_keep_message_path_code_and_locations()
    {
        const string body = "{\"errors\":[{\"message\":\"Forbidden field\",\"locations\":[{\"line\":1,\"column\":3},{\"line\":2,\"column\":5}],"
            + "\"path\":[\"viewer\",\"items\",2,\"name\"],\"extensions\":{\"code\":\"FORBIDDEN\",\"detail\":{\"x\":1}}},"
            + "{\"message\":\"Other\",\"extensions\":{\"code\":503}},"
            + "{\"path\":[\"a\"]},"
            + "\"just a string\"],\"data\":{\"viewer\":null}}";
        using var response = await ReadAsync(body);
        Assert.Equal(4, response.Errors.Count);
        var first = response.Errors[0];
        Assert.Equal("Forbidden field", first.Message);
        Assert.Equal("viewer.items[2].name", first.Path);
        Assert.Equal("FORBIDDEN", first.Code);
        Assert.Equal("line 1, column 3, line 2, column 5", first.Locations);
        Assert.Equal("Forbidden field (path: viewer.items[2].name) [FORBIDDEN]", first.ToString());
        Assert.Equal("503", response.Errors[1].Code);
        Assert.Null(response.Errors[1].Path);
        Assert.Equal("(the server gave no message)", response.Errors[2].Message);
        Assert.Equal("\"just a string\"", response.Errors[3].Message);
        Assert.True(response.HasData);
    }

    [Fact]
    public async Task Error_messages_are_redacted()
    {
        using var response = await ReadAsync("{\"errors\":[{\"message\":\"Token refused: Bearer eyJhbGciOiJIUzI1NiJ9 then access_token=QQ-LEAK\"}]}");
        var message = Assert.Single(response.Errors).Message;
        Assert.DoesNotContain("eyJhbGciOiJIUzI1NiJ9", message);
        Assert.DoesNotContain("QQ-LEAK", message);
    }

    [Fact]
    public async Task Errors_null_next_to_data_is_no_errors()
    {
        using var response = await ReadAsync("{\"data\":{\"a\":1},\"errors\":null}");
        Assert.Empty(response.Errors);
    }

    [Fact]
    public async Task Empty_errors_array()
    {
        using var response = await ReadAsync("{\"errors\":[]}");
        Assert.Empty(response.Errors);
        Assert.False(response.HasData);
    }

    [Theory]
    [InlineData("{\"errors\":{\"message\":\"x\"}}")]
    [InlineData("{\"errors\":\"boom\"}")]
    [InlineData("{\"data\":{},\"errors\":42}")]
    [InlineData("{\"data\":null,\"errors\":true}")]
    public async Task Errors_that_are_not_an_array_are_refused(string body)
    {
        var ex = await FailAsync(body, LeanlyErrorKind.InvalidGraphQLResponse);
        Assert.Contains("errors", ex.Message);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"result\":{\"a\":1}}")]
    [InlineData("{\"Data\":{\"a\":1}}")]
    public async Task Object_without_data_or_errors_is_refused(string body)
    {
        var ex = await FailAsync(body, LeanlyErrorKind.InvalidGraphQLResponse);
        Assert.Contains("neither data nor errors", ex.Message);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[{\"data\":{}}]")]
    [InlineData("\"data\"")]
    [InlineData("null")]
    [InlineData("17")]
    public async Task Json_that_is_not_an_object_is_refused(string body)
    {
        await FailAsync(body, LeanlyErrorKind.InvalidGraphQLResponse);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html><body>Bad gateway</body></html>")]
    [InlineData("{\"data\":{\"a\":")]
    [InlineData("{\"data\":{}} trailing")]
    [InlineData("{\"data\":{}}{\"data\":{}}")]
    [InlineData("{'data':{}}")]
    public async Task Non_json_success_answer_is_an_invalid_response(string body)
    {
        var ex = await FailAsync(body, LeanlyErrorKind.InvalidGraphQLResponse);
        Assert.Contains("not JSON", ex.Message);
    }

    [Fact]
    public async Task Non_json_502_is_a_graphql_http_error()
    {
        var ex = await FailAsync("<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>", LeanlyErrorKind.GraphQLHttpError, 502, "text/html");
        Assert.Contains("502", ex.Message);
        Assert.Contains("text/html", ex.Message);
        Assert.Contains("Bad Gateway", ex.Message);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(404)]
    [InlineData(500)]
    public async Task Non_graphql_json_failure_is_a_graphql_http_error(int status)
    {
        await FailAsync("{\"message\":\"Not here\"}", LeanlyErrorKind.GraphQLHttpError, status);
    }

    [Fact]
    public async Task GraphQL_errors_on_a_failed_status_are_still_a_response()
    {
        using var response = await ReadAsync("{\"errors\":[{\"message\":\"Syntax Error\",\"extensions\":{\"code\":\"GRAPHQL_PARSE_FAILED\"}}]}", 400, "application/graphql-response+json");
        Assert.Equal(400, response.StatusCode);
        Assert.Equal("GRAPHQL_PARSE_FAILED", Assert.Single(response.Errors).Code);
    }

    [Fact]
    public async Task Failure_message_does_not_show_tokens_from_the_body()
    {
        var ex = await FailAsync("{\"access_token\":\"QQ-LEAK-1\",\"note\":\"Authorization: Bearer QQ-LEAK-2\"}", LeanlyErrorKind.InvalidGraphQLResponse);
        Assert.DoesNotContain("QQ-LEAK-1", ex.Message);
        Assert.DoesNotContain("QQ-LEAK-2", ex.Message);
    }

    [Fact]
    public async Task Cancellation_is_not_swallowed()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ReadAsync(Encoding.UTF8.GetBytes("{\"data\":{}}"), cancellationToken: cancelled.Token));
    }

    /// <summary>
    /// GraphQLError.From calls JsonElement.GetString, which throws InvalidOperationException for a lone surrogate
    /// escape or invalid UTF-8; ReadAsync must turn that into a LeanlyException (or read the answer).
    /// </summary>
    [Theory]
    [InlineData("{\"errors\":[{\"message\":\"\\ud800\"}]}")]
    [InlineData("{\"errors\":[{\"message\":\"ok\",\"extensions\":{\"code\":\"\\udc00\"}}]}")]
    [InlineData("{\"errors\":[{\"message\":\"ok\",\"path\":[\"\\ud800\"]}]}")]
    public async Task Invalid_unicode_escape_in_an_error_is_a_leanly_exception_or_read(string body)
    {
        var ex = await Record.ExceptionAsync(async () => (await ReadAsync(body)).Dispose());
        if (ex is not null)
        {
            Assert.IsType<LeanlyException>(ex);
        }
    }

    [Fact]
    public async Task Invalid_utf8_in_an_error_message_is_a_leanly_exception_or_read()
    {
        var body = Encoding.UTF8.GetBytes("{\"errors\":[{\"message\":\"bad \u0001 byte\"}]}");
        body[Array.IndexOf(body, (byte)1)] = 0xFF;
        var ex = await Record.ExceptionAsync(async () => (await ReadAsync(body)).Dispose());
        if (ex is not null)
        {
            Assert.IsType<LeanlyException>(ex);
        }
    }
}
