using System.Globalization;
using System.Text;
using Leanly.Auth;
using Leanly.Core.Tests.Support;
using Leanly.Errors;
using Leanly.GraphQL;
using Xunit.Abstractions;

namespace Leanly.Core.Tests.Fuzz;

/// <summary>
/// Generated answers for both parsers: each must give a result or a LeanlyException, never another exception, never a hang.
/// A failure names the seed and case number; the generator is deterministic for a seed.
/// </summary>
public class ParserFuzzTests
{
    private const int Seed = 20251127;
    private const int Cases = 2500;
    private static readonly TimeSpan HangBound = TimeSpan.FromSeconds(20);
    private static readonly Uri TokenUri = new("https://login.example.test/token");
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] Substitutes =
    {
        "\"text\"", "\"\"", "\"3600\"", "\"Bearer\"", "\"-1\"", "\"NaN\"", "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"\\u0000\"", "\"\\uffff\"",
        "0", "-1", "1", "1.5", "3600", "-0", "1e400", "-1e400", "1e-400", "123456789012345678901234567890", "9223372036854775808",
        "true", "false", "null", "[]", "[1,\"a\",null,{}]", "[[[[[]]]]]", "{}", "{\"a\":{\"b\":[]}}", "{\"message\":\"m\"}",
    };

    private static readonly string[] TokenFields = { "access_token", "token_type", "expires_in", "refresh_token", "scope", "error", "error_description", "error_uri" };

    private static readonly string[] TokenAnswers =
    {
        "{\"access_token\":\"AT-1\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"refresh_token\":\"RT-1\",\"scope\":\"read write\"}",
        "{\"access_token\":\"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln\",\"token_type\":\"bearer\",\"expires_in\":\"3599\"}",
        "{\"access_token\":\"AT-2\",\"token_type\":\"Bearer\"}",
        "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed.\"}",
        "{\"error\":\"invalid_grant\",\"error_description\":\"The refresh token has expired.\",\"error_uri\":\"https://x.test/e\"}",
        "  {\n  \"access_token\" : \"AT-\\u00fc\\\"3\",\n  \"expires_in\" : 1.5e3\n}  ",
    };

    private static readonly string[] GraphQLAnswers =
    {
        "{\"data\":{\"viewer\":{\"clientId\":\"c\",\"scopes\":[\"read\",\"write\"]}}}",
        "{\"data\":null,\"errors\":[{\"message\":\"Boom\",\"locations\":[{\"line\":1,\"column\":3}],\"path\":[\"viewer\",\"items\",2],\"extensions\":{\"code\":\"FORBIDDEN\"}}]}",
        "{\"errors\":[{\"message\":\"Syntax Error\"}]}",
        "{\"data\":{\"items\":{\"totalCount\":5,\"nodes\":[{\"id\":1}],\"pageInfo\":{\"hasNextPage\":true,\"endCursor\":\"YQ==\"}}}}",
        "{\"data\":{\"v\":{\"items\":{\"edges\":[{\"node\":{\"id\":1}}],\"pageInfo\":{\"hasNextPage\":false,\"endCursor\":null}}}},\"errors\":[]}",
        "{\"data\":{\"n\":1e400,\"s\":\"\\ud83d\\ude00\",\"a\":[[],{}],\"b\":true}}",
    };

    private static readonly int[] Statuses = { 200, 200, 200, 200, 201, 400, 401, 403, 429, 500, 502, 503 };

    private readonly ITestOutputHelper _output;

    public ParserFuzzTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Token_response_parser_survives_generated_answers()
    {
        var failures = new List<string>();
        var inputs = Generate(TokenAnswers, TokenFields, Seed).Take(Cases).ToList();
        Assert.True(inputs.Count >= 2000);
        var successes = 0;
        for (var i = 0; i < inputs.Count; i++)
        {
            var (status, body, how) = inputs[i];
            Exception? error = null;
            TokenSet? tokens = null;
            var call = Task.Run(() =>
            {
                try
                {
                    tokens = TokenResponseParser.Parse(status, "application/json", body, body.Length, TokenUri, Now);
                }
                catch (Exception ex)
                {
                    error = ex;
                }
            });
#pragma warning disable xUnit1031 // The parser is synchronous: a bounded wait on the thread running it is what detects a hang.
            if (!call.Wait(HangBound))
#pragma warning restore xUnit1031
            {
                failures.Add(Describe(i, status, how, body, "did not return (hang)"));
                break;
            }

            if (error is LeanlyException)
            {
                continue;
            }

            if (error is not null)
            {
                failures.Add(Describe(i, status, how, body, $"{error.GetType().FullName}: {error.Message}"));
            }
            else if (string.IsNullOrEmpty(tokens!.AccessToken) || tokens.Lifetime is { } lifetime && lifetime <= TimeSpan.Zero)
            {
                failures.Add(Describe(i, status, how, body, "accepted an answer without a usable token"));
            }
            else
            {
                successes++;
            }
        }

        _output.WriteLine($"seed {Seed}: {inputs.Count} token answers, {successes} accepted, {failures.Count} failures");
        Summarize(failures);
        Assert.True(successes > 0, $"seed {Seed}: the generator produced no valid answer at all");
        Assert.True(failures.Count == 0, $"seed {Seed}: {failures.Count} of {inputs.Count} token answers broke the parser:\n" + string.Join("\n", failures.Take(12)));
    }

    [Fact]
    public async Task GraphQL_response_reader_survives_generated_answers()
    {
        var failures = new List<string>();
        var inputs = Generate(GraphQLAnswers, new[] { "data", "errors", "message", "path", "extensions", "code", "locations", "line", "pageInfo", "hasNextPage", "endCursor", "nodes", "edges", "node", "totalCount" }, Seed).Take(Cases).ToList();
        Assert.True(inputs.Count >= 2000);
        var successes = 0;
        for (var i = 0; i < inputs.Count; i++)
        {
            var (status, body, how) = inputs[i];
            using var bound = new CancellationTokenSource(HangBound);
            var stage = "GraphQLResponseReader.ReadAsync";
            try
            {
                using var response = await GraphQLReading.ReadAsync(body, status, "application/json", bound.Token).WaitAsync(HangBound);
                successes++;
                foreach (var error in response.Errors)
                {
                    _ = error.ToString();
                }

                stage = "RelayPage.Find";
                try
                {
                    RelayPage.Find(response.Data, null);
                }
                catch (LeanlyException)
                {
                }
            }
            catch (LeanlyException)
            {
            }
            catch (TimeoutException)
            {
                failures.Add(Describe(i, status, how, body, $"{stage} did not return (hang)"));
                break;
            }
            catch (Exception ex)
            {
                failures.Add(Describe(i, status, how, body, $"{stage}: {ex.GetType().FullName}: {ex.Message}"));
            }
        }

        _output.WriteLine($"seed {Seed}: {inputs.Count} GraphQL answers, {successes} read, {failures.Count} failures");
        Summarize(failures);
        Assert.True(successes > 0, $"seed {Seed}: the generator produced no valid answer at all");
        Assert.True(failures.Count == 0, $"seed {Seed}: {failures.Count} of {inputs.Count} GraphQL answers broke the reader:\n" + string.Join("\n", failures.Take(12)));
    }

    /// <summary>One line per kind of failure, so a run shows at a glance which bugs the seed hit.</summary>
    private void Summarize(List<string> failures)
    {
        var kinds = failures.Select(f => System.Text.RegularExpressions.Regex.Replace(f.Split('\n')[0].Split("): ", 2)[^1], "'0x[0-9A-F]+'", "'...'"));
        foreach (var group in kinds.GroupBy(k => k).OrderByDescending(g => g.Count()))
        {
            _output.WriteLine($"{group.Count(),5} x {group.Key}");
        }
    }

    private static string Describe(int index, int status, string how, byte[] body, string what) =>
        $"  seed {Seed} case {index} ({how}, HTTP {status}): {what}\n    input: {TestUtil.Printable(body.Length > 300 ? body[..300] : body)}";

    /// <summary>Every field of every answer with every substitute first, then random generators.</summary>
    private static IEnumerable<(int Status, byte[] Body, string How)> Generate(string[] answers, string[] fields, int seed)
    {
        var random = new Random(seed);
        foreach (var answer in answers)
        {
            foreach (var field in fields)
            {
                if (!answer.Contains($"\"{field}\"", StringComparison.Ordinal))
                {
                    continue;
                }

                foreach (var substitute in Substitutes)
                {
                    yield return (Statuses[random.Next(Statuses.Length)], Encoding.UTF8.GetBytes(Substitute(answer, field, substitute, 0)), $"{field} := {substitute}");
                }
            }
        }

        while (true)
        {
            var answer = answers[random.Next(answers.Length)];
            var bytes = Encoding.UTF8.GetBytes(answer);
            var status = Statuses[random.Next(Statuses.Length)];
            switch (random.Next(8))
            {
                case 0:
                {
                    var noise = new byte[random.Next(0, 160)];
                    random.NextBytes(noise);
                    yield return (status, noise, "random bytes");
                    break;
                }

                case 1:
                {
                    const string alphabet = "{}[]\":,0123456789.-+eE truefalsn\\u\"abc";
                    var text = new char[random.Next(0, 80)];
                    for (var c = 0; c < text.Length; c++)
                    {
                        text[c] = alphabet[random.Next(alphabet.Length)];
                    }

                    yield return (status, Encoding.UTF8.GetBytes(new string(text)), "random JSON-alphabet text");
                    break;
                }

                case 2:
                {
                    var cut = random.Next(0, bytes.Length);
                    yield return (status, bytes[..cut], $"truncated at {cut}");
                    break;
                }

                case 3:
                {
                    var position = random.Next(bytes.Length);
                    var mutated = (byte[])bytes.Clone();
                    byte[] interesting = { 0x00, 0x22, 0x5C, 0x7B, 0x7D, 0x5B, 0x5D, 0x2C, 0x3A, 0x80, 0xC3, 0xFF, 0x30, 0x2D, 0x65 };
                    mutated[position] = random.Next(2) == 0 ? interesting[random.Next(interesting.Length)] : (byte)random.Next(256);
                    yield return (status, mutated, $"byte {position} := 0x{mutated[position]:X2}");
                    break;
                }

                case 4:
                {
                    var text = answer;
                    var note = new StringBuilder();
                    for (var n = random.Next(1, 4); n > 0; n--)
                    {
                        var field = fields[random.Next(fields.Length)];
                        var substitute = Substitutes[random.Next(Substitutes.Length)];
                        text = Substitute(text, field, substitute, random.Next(3));
                        note.Append(CultureInfo.InvariantCulture, $"{field} := {substitute}; ");
                    }

                    yield return (status, Encoding.UTF8.GetBytes(text), note.ToString());
                    break;
                }

                case 5:
                {
                    var position = random.Next(bytes.Length + 1);
                    var list = bytes.ToList();
                    if (random.Next(2) == 0 && position < list.Count)
                    {
                        list.RemoveAt(position);
                        yield return (status, list.ToArray(), $"byte {position} deleted");
                    }
                    else
                    {
                        var value = (byte)random.Next(256);
                        list.Insert(position, value);
                        yield return (status, list.ToArray(), $"0x{value:X2} inserted at {position}");
                    }

                    break;
                }

                case 6:
                {
                    // Invalid UTF-8 inside a string value.
                    var quotes = Enumerable.Range(0, bytes.Length).Where(p => bytes[p] == (byte)'"').ToList();
                    var position = quotes.Count == 0 ? 0 : quotes[random.Next(quotes.Count)] + 1;
                    byte[][] broken = { new byte[] { 0xC3, 0x28 }, new byte[] { 0xFF }, new byte[] { 0xE2, 0x82 }, new byte[] { 0xED, 0xA0, 0x80 }, new byte[] { 0xF8, 0x88, 0x80, 0x80, 0x80 } };
                    var insert = broken[random.Next(broken.Length)];
                    var list = bytes.ToList();
                    list.InsertRange(Math.Min(position, list.Count), insert);
                    yield return (status, list.ToArray(), $"invalid UTF-8 {Convert.ToHexString(insert)} at {position}");
                    break;
                }

                default:
                {
                    // Deep or wide structure around a valid answer.
                    var depth = random.Next(1, 700);
                    var wrapped = new string('[', depth) + answer + new string(']', random.Next(2) == 0 ? depth : random.Next(depth));
                    yield return (status, Encoding.UTF8.GetBytes(wrapped), $"wrapped in {depth} arrays");
                    break;
                }
            }
        }
    }

    /// <summary>Replaces the value of the <paramref name="occurrence"/>-th "field": (wrapping) with <paramref name="value"/>.</summary>
    private static string Substitute(string json, string field, string value, int occurrence)
    {
        var key = $"\"{field}\"";
        var starts = new List<int>();
        for (var at = json.IndexOf(key, StringComparison.Ordinal); at >= 0; at = json.IndexOf(key, at + 1, StringComparison.Ordinal))
        {
            starts.Add(at);
        }

        if (starts.Count == 0)
        {
            return json;
        }

        var start = starts[occurrence % starts.Count] + key.Length;
        while (start < json.Length && json[start] != ':')
        {
            start++;
        }

        if (start >= json.Length)
        {
            return json;
        }

        var valueStart = start + 1;
        var end = SkipValue(json, valueStart);
        return json[..valueStart] + value + json[end..];
    }

    private static int SkipValue(string json, int i)
    {
        while (i < json.Length && char.IsWhiteSpace(json[i]))
        {
            i++;
        }

        if (i >= json.Length)
        {
            return i;
        }

        if (json[i] == '"')
        {
            for (i++; i < json.Length && json[i] != '"'; i++)
            {
                if (json[i] == '\\')
                {
                    i++;
                }
            }

            return Math.Min(i + 1, json.Length);
        }

        if (json[i] is '{' or '[')
        {
            var depth = 0;
            var inString = false;
            for (; i < json.Length; i++)
            {
                var c = json[i];
                if (inString)
                {
                    if (c == '\\')
                    {
                        i++;
                    }
                    else if (c == '"')
                    {
                        inString = false;
                    }
                }
                else if (c == '"')
                {
                    inString = true;
                }
                else if (c is '{' or '[')
                {
                    depth++;
                }
                else if (c is '}' or ']' && --depth == 0)
                {
                    return i + 1;
                }
            }

            return i;
        }

        while (i < json.Length && json[i] is not (',' or '}' or ']'))
        {
            i++;
        }

        return i;
    }
}
