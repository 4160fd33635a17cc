using System.Collections;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Leanly.Errors;
using Leanly.GraphQL;

namespace Leanly.Core.Tests.Unit;

public class GraphQLRequestWriterTests
{
    private enum Color
    {
        Red,
        DarkBlue,
    }

    private static JsonElement WriteVariable(object? value)
    {
        var body = GraphQLRequestWriter.Write(new GraphQLRequest("query Q($v: X) { a }", new Dictionary<string, object?> { ["v"] = value }));
        using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 256 });
        return document.RootElement.GetProperty("variables").GetProperty("v").Clone();
    }

    private static string Raw(object? value) => WriteVariable(value).GetRawText();

    [Fact]
    public void Body_has_query_variables_and_operation_name()
    {
        const string query = "query Q($id: ID!) { item(id: $id) { name } }";
        var body = GraphQLRequestWriter.Write(new GraphQLRequest(query, new Dictionary<string, object?> { ["id"] = "42" }, "Q"));
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        Assert.Equal(query, root.GetProperty("query").GetString());
        Assert.Equal("42", root.GetProperty("variables").GetProperty("id").GetString());
        Assert.Equal("Q", root.GetProperty("operationName").GetString());
        Assert.Equal(3, root.EnumerateObject().Count());
    }

    [Fact]
    public void Empty_variables_and_operation_name_are_left_out()
    {
        var body = GraphQLRequestWriter.Write(new GraphQLRequest("{ a }", new Dictionary<string, object?>(), ""));
        Assert.Equal("{\"query\":\"{ a }\"}", Encoding.UTF8.GetString(body));
        Assert.Equal("{\"query\":\"{ a }\"}", Encoding.UTF8.GetString(GraphQLRequestWriter.Write(new GraphQLRequest("{ a }"))));
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("")]
    [InlineData("quote \" backslash \\ slash / newline \n tab \t nul \0")]
    [InlineData("ünïcödé 😀 中文")]
    [InlineData("</script><!-- & ' ")]
    public void Strings_round_trip(string text)
    {
        Assert.Equal(text, WriteVariable(text).GetString());
    }

    [Fact]
    public void Query_text_round_trips_exactly()
    {
        const string query = "query Q { echo(text: \"ü \\\" \\n\") } # comment ü\n";
        var body = GraphQLRequestWriter.Write(new GraphQLRequest(query));
        using var document = JsonDocument.Parse(body);
        Assert.Equal(query, document.RootElement.GetProperty("query").GetString());
    }

    [Fact]
    public void Char_is_a_one_letter_string()
    {
        Assert.Equal("\"x\"", Raw('x'));
    }

    [Fact]
    public void Integers_are_written_exactly()
    {
        Assert.Equal("9223372036854775807", Raw(long.MaxValue));
        Assert.Equal("-9223372036854775808", Raw(long.MinValue));
        Assert.Equal("18446744073709551615", Raw(ulong.MaxValue));
        Assert.Equal("4294967295", Raw(uint.MaxValue));
        Assert.Equal("-2147483648", Raw(int.MinValue));
        Assert.Equal("-32768", Raw(short.MinValue));
        Assert.Equal("65535", Raw(ushort.MaxValue));
        Assert.Equal("255", Raw(byte.MaxValue));
        Assert.Equal("-128", Raw(sbyte.MinValue));
    }

    [Fact]
    public void Decimal_keeps_its_digits()
    {
        Assert.Equal("1.10", Raw(1.10m));
        Assert.Equal("79228162514264337593543950335", Raw(decimal.MaxValue));
        Assert.Equal("-0.0000000001", Raw(-0.0000000001m));
    }

    [Fact]
    public void Doubles_round_trip()
    {
        foreach (var value in new[] { 0.1, -2.5, 1e300, double.Epsilon, 123456789.123456789, 0.0 })
        {
            Assert.Equal(value, WriteVariable(value).GetDouble());
        }

        Assert.Equal(1.5f, WriteVariable(1.5f).GetSingle());
    }

    [Fact]
    public void BigInteger_is_written_as_a_json_number_with_every_digit()
    {
        var big = BigInteger.Pow(2, 100);
        Assert.Equal("1267650600228229401496703205376", Raw(big));
        Assert.Equal(JsonValueKind.Number, WriteVariable(big).ValueKind);
        Assert.Equal("-" + big, Raw(-big));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Non_finite_numbers_are_refused(double value)
    {
        var ex = Assert.Throws<LeanlyException>(() => WriteVariable(value));
        Assert.Equal(LeanlyErrorKind.InvalidRequest, ex.Kind);
        Assert.Contains("variables.v", ex.Message);
        Assert.Equal(LeanlyErrorKind.InvalidRequest, Assert.Throws<LeanlyException>(() => WriteVariable(float.NaN)).Kind);
    }

    [Fact]
    public void Booleans_and_nulls()
    {
        Assert.Equal("true", Raw(true));
        Assert.Equal("false", Raw(false));
        Assert.Equal("null", Raw(null));
        Assert.Equal("null", Raw(DBNull.Value));
    }

    [Fact]
    public void Nested_dictionaries_and_lists()
    {
        var value = new Dictionary<string, object?>
        {
            ["list"] = new List<object?> { 1, "two", null, new[] { 3L, 4L }, new Dictionary<string, object?> { ["deep"] = true } },
            ["table"] = new Hashtable { ["k"] = 5 },
            ["empty"] = new Dictionary<string, object?>(),
            ["none"] = Array.Empty<object>(),
        };
        var element = WriteVariable(value);
        Assert.Equal("[1,\"two\",null,[3,4],{\"deep\":true}]", element.GetProperty("list").GetRawText());
        Assert.Equal("{\"k\":5}", element.GetProperty("table").GetRawText());
        Assert.Equal("{}", element.GetProperty("empty").GetRawText());
        Assert.Equal("[]", element.GetProperty("none").GetRawText());
    }

    [Fact]
    public void Dictionary_keys_are_written_as_invariant_text()
    {
        Assert.Equal("{\"1\":\"a\",\"2.5\":\"b\"}", Raw(new Dictionary<object, object?> { [1] = "a", [2.5] = "b" }));
    }

    [Fact]
    public void Dates_are_iso_8601()
    {
        var utc = new DateTime(2024, 5, 6, 7, 8, 9, 123, DateTimeKind.Utc);
        Assert.Equal("2024-05-06T07:08:09.1230000Z", WriteVariable(utc).GetString());
        var offset = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(2));
        Assert.Equal("2024-05-06T07:08:09.0000000+02:00", WriteVariable(offset).GetString());
        Assert.Equal(offset, DateTimeOffset.Parse(WriteVariable(offset).GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        var unspecified = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Unspecified);
        Assert.Equal("2024-01-02T03:04:05.0000000", WriteVariable(unspecified).GetString());
    }

    [Fact]
    public void Dates_do_not_depend_on_the_current_culture()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("ar-SA");
            var utc = new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc);
            Assert.Equal("2024-05-06T07:08:09.0000000Z", WriteVariable(utc).GetString());
            Assert.Equal("1.5", Raw(1.5));
            Assert.Equal("{\"2.5\":1}", Raw(new Dictionary<object, object?> { [2.5] = 1 }));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Enums_are_written_by_name()
    {
        Assert.Equal("\"DarkBlue\"", Raw(Color.DarkBlue));
        Assert.Equal("\"Red\"", Raw(Color.Red));
        Assert.Equal("\"Tuesday\"", Raw(DayOfWeek.Tuesday));
    }

    [Fact]
    public void Other_simple_types()
    {
        var guid = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        Assert.Equal("\"0f8fad5b-d9cb-469f-a165-70867728950e\"", Raw(guid));
        Assert.Equal("\"https://x.test/a?b=c\"", Raw(new Uri("https://x.test/a?b=c")));
        Assert.Equal("\"01:02:03\"", Raw(new TimeSpan(1, 2, 3)));
        using var json = JsonDocument.Parse("{\"raw\":[1,{\"x\":null}]}");
        Assert.Equal("{\"raw\":[1,{\"x\":null}]}", Raw(json.RootElement));
    }

    [Fact]
    public void SecureString_is_refused_without_decoding_it()
    {
        using var secure = Support.TestUtil.Secure("do-not-send-me");
        var ex = Assert.Throws<LeanlyException>(() => WriteVariable(new Dictionary<string, object?> { ["inner"] = new object?[] { secure } }));
        Assert.Equal(LeanlyErrorKind.InvalidRequest, ex.Kind);
        Assert.Contains("variables.v.inner[0]", ex.Message);
        Assert.Contains("SecureString", ex.Message);
        Assert.DoesNotContain("do-not-send-me", ex.Message);
    }

    [Fact]
    public void Unsupported_objects_are_refused()
    {
        var ex = Assert.Throws<LeanlyException>(() => WriteVariable(new object()));
        Assert.Equal(LeanlyErrorKind.InvalidRequest, ex.Kind);
        Assert.Contains("System.Object", ex.Message);
    }

    [Fact]
    public void Reference_cycles_are_refused()
    {
        var cycle = new List<object?>();
        cycle.Add(cycle);
        var ex = Assert.Throws<LeanlyException>(() => WriteVariable(cycle));
        Assert.Equal(LeanlyErrorKind.InvalidRequest, ex.Kind);
        var dictionary = new Dictionary<string, object?>();
        dictionary["self"] = dictionary;
        Assert.Equal(LeanlyErrorKind.InvalidRequest, Assert.Throws<LeanlyException>(() => WriteVariable(dictionary)).Kind);
    }

    [Fact]
    public void Nesting_up_to_the_limit_is_written()
    {
        object? value = "leaf";
        for (var i = 0; i < 100; i++)
        {
            value = new List<object?> { value };
        }

        var element = WriteVariable(value);
        for (var i = 0; i < 100; i++)
        {
            element = element[0];
        }

        Assert.Equal("leaf", element.GetString());
    }

    /// <summary>The core promises LeanlyException as its only exception; a lone surrogate (possible in a .NET string) must not escape as ArgumentException.</summary>
    [Theory]
    [InlineData("bad \uD800 surrogate")]
    [InlineData("\uDC00")]
    public void Invalid_utf16_in_a_variable_is_a_leanly_exception(string text)
    {
        var ex = Record.Exception(() => WriteVariable(text));
        if (ex is not null)
        {
            Assert.IsType<LeanlyException>(ex);
        }
    }

    [Fact]
    public void Invalid_utf16_in_the_query_is_a_leanly_exception()
    {
        var ex = Record.Exception(() => GraphQLRequestWriter.Write(new GraphQLRequest("{ echo(text: \"\uD800\") }")));
        if (ex is not null)
        {
            Assert.IsType<LeanlyException>(ex);
        }
    }
}
