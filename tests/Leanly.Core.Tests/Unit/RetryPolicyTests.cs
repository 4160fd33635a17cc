using System.Net;
using System.Net.Http.Headers;
using Leanly.Http;

namespace Leanly.Core.Tests.Unit;

public class RetryPolicyTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static HttpResponseMessage WithRetryAfter(string value)
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        Assert.True(response.Headers.TryAddWithoutValidation("Retry-After", value));
        return response;
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("1", 1)]
    [InlineData("120", 120)]
    public void Retry_after_in_seconds(string value, int seconds)
    {
        using var response = WithRetryAfter(value);
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryPolicy.RetryAfter(response, Now));
    }

    [Fact]
    public void Retry_after_set_through_the_typed_header()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
        Assert.Equal(TimeSpan.FromSeconds(7), RetryPolicy.RetryAfter(response, Now));
    }

    [Fact]
    public void Retry_after_as_http_date_is_the_time_left_until_then()
    {
        using var response = WithRetryAfter(Now.AddSeconds(30).ToString("r"));
        Assert.Equal(TimeSpan.FromSeconds(30), RetryPolicy.RetryAfter(response, Now));
    }

    [Fact]
    public void Retry_after_date_in_the_past_means_no_wait()
    {
        using var response = WithRetryAfter(Now.AddMinutes(-5).ToString("r"));
        Assert.Equal(TimeSpan.Zero, RetryPolicy.RetryAfter(response, Now));
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-5")]
    public void Unusable_retry_after_is_ignored(string value)
    {
        using var response = WithRetryAfter(value);
        Assert.Null(RetryPolicy.RetryAfter(response, Now));
    }

    [Fact]
    public void No_response_or_header_means_no_retry_after()
    {
        Assert.Null(RetryPolicy.RetryAfter(null, Now));
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        Assert.Null(RetryPolicy.RetryAfter(response, Now));
    }

    [Fact]
    public void Delay_uses_retry_after_when_given()
    {
        var policy = new RetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(20) };
        using var response = WithRetryAfter("9");
        for (var retry = 1; retry <= 5; retry++)
        {
            Assert.Equal(TimeSpan.FromSeconds(9), policy.DelayFor(retry, response, Now));
        }
    }

    [Fact]
    public void Backoff_grows_exponentially_with_jitter_and_is_capped()
    {
        var policy = new RetryPolicy { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(8) };
        for (var retry = 1; retry <= 12; retry++)
        {
            var nominal = Math.Min(Math.Pow(2, retry - 1), 8);
            var min = double.MaxValue;
            var max = 0.0;
            for (var sample = 0; sample < 200; sample++)
            {
                var seconds = policy.DelayFor(retry, null, Now).TotalSeconds;
                Assert.InRange(seconds, nominal * 0.5 - 1e-9, nominal + 1e-9);
                min = Math.Min(min, seconds);
                max = Math.Max(max, seconds);
            }

            Assert.True(max > min, $"retry {retry}: no jitter (always {min} s)");
        }

        // Grows: the shortest wait before retry 3 is at least the longest before retry 1.
        Assert.True(policy.DelayFor(3, null, Now) >= TimeSpan.FromSeconds(2));
        Assert.True(policy.DelayFor(1, null, Now) <= TimeSpan.FromSeconds(1));
    }

    [Theory]
    [InlineData(64)]
    [InlineData(1100)]
    [InlineData(int.MaxValue)]
    public void Backoff_stays_capped_for_huge_retry_numbers(int retry)
    {
        var policy = new RetryPolicy { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(30) };
        var delay = policy.DelayFor(retry, null, Now);
        Assert.InRange(delay, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData(429, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(504, true)]
    [InlineData(200, false)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    [InlineData(408, false)]
    [InlineData(500, false)]
    [InlineData(501, false)]
    public void Transient_statuses(int status, bool transient)
    {
        Assert.Equal(transient, RetryPolicy.IsTransientStatus(status));
    }

    [Theory]
    [InlineData(429, true)]
    [InlineData(503, true)]
    [InlineData(502, false)]
    [InlineData(504, false)]
    [InlineData(500, false)]
    public void Only_429_and_503_say_the_request_was_not_processed(int status, bool notProcessed)
    {
        Assert.Equal(notProcessed, RetryPolicy.IsNotProcessedStatus(status));
    }
}
