using Leanly.Auth;

namespace Leanly.Core.Tests.Unit;

public class TokenSetTests
{
    private static readonly DateTimeOffset Issued = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);

    [Theory]
    [InlineData(2)]
    [InlineData(600)]
    [InlineData(3600)]
    public void Expiry_is_issue_time_plus_lifetime(int seconds)
    {
        var tokens = new TokenSet("a", "r", TimeSpan.FromSeconds(seconds), null, Issued);
        Assert.Equal(Issued.AddSeconds(seconds), tokens.ExpiresOn);
        Assert.Equal(Issued, tokens.IssuedOn);
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 1.5)]
    [InlineData(300, 150)]
    [InlineData(600, 300)]
    [InlineData(601, 300)]
    [InlineData(3600, 300)]
    [InlineData(86400, 300)]
    public void Refresh_window_is_the_shorter_of_five_minutes_and_half_the_lifetime(int lifetime, double window)
    {
        var tokens = new TokenSet("a", null, TimeSpan.FromSeconds(lifetime), null, Issued);
        Assert.Equal(TimeSpan.FromSeconds(window), tokens.RefreshWindow);
        Assert.Equal(Issued.AddSeconds(lifetime - window), tokens.RefreshOn);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(600)]
    [InlineData(3600)]
    public void Needs_refresh_exactly_from_the_refresh_time(int lifetime)
    {
        var tokens = new TokenSet("a", null, TimeSpan.FromSeconds(lifetime), null, Issued);
        var refreshOn = tokens.RefreshOn!.Value;
        Assert.False(tokens.NeedsRefresh(Issued));
        Assert.False(tokens.NeedsRefresh(refreshOn.AddTicks(-1)));
        Assert.True(tokens.NeedsRefresh(refreshOn));
        Assert.True(tokens.NeedsRefresh(tokens.ExpiresOn!.Value));
        Assert.True(tokens.NeedsRefresh(tokens.ExpiresOn!.Value.AddDays(1)));
    }

    [Fact]
    public void Token_without_lifetime_never_needs_refresh_by_time()
    {
        var tokens = new TokenSet("a", "r", null, null, Issued);
        Assert.Null(tokens.ExpiresOn);
        Assert.Null(tokens.RefreshOn);
        Assert.Equal(TimeSpan.Zero, tokens.RefreshWindow);
        Assert.False(tokens.NeedsRefresh(Issued.AddYears(10)));
    }

    [Fact]
    public void Refresh_answer_without_refresh_token_keeps_the_old_one()
    {
        var old = new TokenSet("old-access", "old-refresh", TimeSpan.FromSeconds(60), "read write", Issued);
        var answer = new TokenSet("new-access", null, TimeSpan.FromSeconds(120), null, Issued.AddSeconds(50));
        var renewed = old.WithRefreshedAccess(answer);
        Assert.Equal("new-access", renewed.AccessToken);
        Assert.Equal("old-refresh", renewed.RefreshToken);
        Assert.Equal("read write", renewed.Scope);
        Assert.Equal(Issued.AddSeconds(50), renewed.IssuedOn);
        Assert.Equal(Issued.AddSeconds(170), renewed.ExpiresOn);
    }

    [Fact]
    public void Refresh_answer_with_refresh_token_rotates_it()
    {
        var old = new TokenSet("old-access", "old-refresh", TimeSpan.FromSeconds(60), "read write", Issued);
        var answer = new TokenSet("new-access", "new-refresh", null, "read", Issued.AddSeconds(50));
        var renewed = old.WithRefreshedAccess(answer);
        Assert.Equal("new-access", renewed.AccessToken);
        Assert.Equal("new-refresh", renewed.RefreshToken);
        Assert.Equal("read", renewed.Scope);
        Assert.Null(renewed.ExpiresOn);
    }

    [Fact]
    public void ToString_hides_the_tokens()
    {
        var text = new TokenSet("access-secret-value", "refresh-secret-value", TimeSpan.FromSeconds(60), null, Issued).ToString();
        Assert.DoesNotContain("access-secret-value", text);
        Assert.DoesNotContain("refresh-secret-value", text);
    }
}
