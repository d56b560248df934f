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
    public async Task The_feed_lists_the_hearings_and_deadlines_of_cases_assigned_to_the_attorney_without_client_names()
    {
        using var client = factory.CreateClient();
        client.WithBearer(await client.GetClientCredentialsTokenAsync());
        using var intake = await client.PostAsJsonAsync("/api/v1/intakes", new
        {
            person = new { givenNames = "Lucia", familyNames = "Feedfamily", aliases = Array.Empty<string>() },
            relatedParties = Array.Empty<object>(),
            custody = "released",
            courtCode = "NYC",
            primaryLanguage = "spa",
            languages = new[] { new { code = "spa", speaks = true, reads = true } },
            interpreterNeeded = true,
            reliefSought = new[] { "asylum" },
        });
        Assert.Equal(HttpStatusCode.Created, intake.StatusCode);
        var caseId = Guid.Parse((await intake.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        using var hearing = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/hearings", new
        {
            type = "individual",
            localDateTime = DateTime.UtcNow.Date.AddDays(60).AddHours(9).ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            timeZone = "America/New_York",
            courtCode = "NYC",
            appearance = "in_person",
        });
        Assert.Equal(HttpStatusCode.Created, hearing.StatusCode);
        var hearingId = (await hearing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var deadlines = await client.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}/deadlines");
        var ruleNames = deadlines.GetProperty("deadlines").EnumerateArray().Select(d => d.GetProperty("deadline").GetProperty("ruleName").GetString()!).ToList();
        Assert.NotEmpty(ruleNames);

        var tokens = await AuthorizationCodeFlow.SignInAsync(factory, $"attorney@{Seeder.DemoEmailDomain}", CounselConnectFactory.DemoPassword);
        using var attorney = factory.CreateClient();
        attorney.WithBearer(tokens.AccessToken);
        var path = (await (await attorney.PostAsync("/api/v1/calendar/feed-link", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("path").GetString()!;
        using var anonymous = factory.CreateClient();
        Assert.DoesNotContain($"hearing-{hearingId}@", await anonymous.GetStringAsync(path), StringComparison.Ordinal);

        await CaseAssignments.AssignAsync(factory.Services, caseId, await CaseAssignments.UserIdAsync(factory.Services, $"attorney@{Seeder.DemoEmailDomain}"));
        var feed = Ical.Net.Calendar.Load(await anonymous.GetStringAsync(path))!;
        Assert.Contains(feed.Events, e => e.Uid == $"hearing-{hearingId}@counselconnect");
        var deadlineEvents = feed.Events.Where(e => e.Summary!.StartsWith("Deadline: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(ruleNames.Order(), deadlineEvents.Select(e => e.Summary!["Deadline: ".Length..e.Summary!.IndexOf(", case ", StringComparison.Ordinal)]).Order());
        Assert.All(deadlineEvents, e => Assert.False(e.Start!.HasTime));
        var text = await anonymous.GetStringAsync(path);
        Assert.DoesNotContain("Lucia", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Feedfamily", text, StringComparison.Ordinal);
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
