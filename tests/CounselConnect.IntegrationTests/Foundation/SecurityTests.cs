using System.Net;
using System.Net.Http.Json;
using CounselConnect.IntegrationTests.Support;

namespace CounselConnect.IntegrationTests.Foundation;

/// <summary>A host with low limits, to see them hold.</summary>
public sealed class LowLimitSqliteFactory : SqliteFactory
{
    protected override IReadOnlyDictionary<string, string> ExtraSettings { get; } = new Dictionary<string, string>
    {
        ["RateLimits:SignInPerMinute"] = "3",
        ["RateLimits:ConflictChecksPerMinute"] = "2",
    };
}

public sealed class RateLimitTests(LowLimitSqliteFactory factory) : IClassFixture<LowLimitSqliteFactory>
{
    [Fact]
    public async Task Token_requests_beyond_the_limit_get_429_with_retry_after()
    {
        using var client = factory.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = "counselconnect-cli",
                ["client_secret"] = "wrong",
            }));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.RetryAfter is not null, "429 without Retry-After");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }

        Assert.Equal(3, statuses.Count(s => s != HttpStatusCode.TooManyRequests));
        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }
}

public sealed class SecurityHeaderTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    [Fact]
    public async Task Pages_and_api_carry_security_headers()
    {
        using var client = factory.CreateClient();
        using var page = await client.GetAsync("/Account/Login");
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());

        client.WithBearer(await client.GetClientCredentialsTokenAsync());
        using var api = await client.GetAsync("/api/v1/intakes");
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Equal("nosniff", api.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-store", api.Headers.CacheControl?.ToString());
    }
}
