using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CounselConnect.Infrastructure.Seeding;
using CounselConnect.IntegrationTests.Support;

namespace CounselConnect.IntegrationTests.Reminders;

/// <summary>The attorney's iCalendar feed: a secret link that works without a token and stops when revoked.</summary>
public sealed class CalendarFeedTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    [Fact]
    public async Task An_attorney_gets_a_secret_feed_link_that_serves_icalendar_until_revoked()
    {
        var tokens = await AuthorizationCodeFlow.SignInAsync(factory, $"attorney@{Seeder.DemoEmailDomain}", CounselConnectFactory.DemoPassword);
        using var attorney = factory.CreateClient();
        attorney.WithBearer(tokens.AccessToken);
        using var created = await attorney.PostAsync("/api/v1/calendar/feed-link", null);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var path = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("path").GetString()!;
        Assert.StartsWith("/calendar/", path, StringComparison.Ordinal);

        using var anonymous = factory.CreateClient();
        using var feed = await anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType?.MediaType);
        var text = await feed.Content.ReadAsStringAsync();
        Assert.Contains("BEGIN:VCALENDAR", text, StringComparison.Ordinal);
        Assert.Contains("END:VCALENDAR", text, StringComparison.Ordinal);

        using var wrong = await anonymous.GetAsync("/calendar/not-the-secret.ics");
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);

        // A new link replaces the old one; revoking ends the new one too.
        using var replaced = await attorney.PostAsync("/api/v1/calendar/feed-link", null);
        var newPath = (await replaced.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("path").GetString()!;
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(newPath)).StatusCode);
        using var revoked = await attorney.DeleteAsync("/api/v1/calendar/feed-link");
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(newPath)).StatusCode);
    }

    [Fact]
    public async Task An_integration_client_cannot_own_a_calendar_link()
    {
        using var client = factory.CreateClient();
        client.WithBearer(await client.GetClientCredentialsTokenAsync());
        using var response = await client.PostAsync("/api/v1/calendar/feed-link", null);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
