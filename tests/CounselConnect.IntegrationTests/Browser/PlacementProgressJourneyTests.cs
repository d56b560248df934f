using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CounselConnect.Infrastructure.Seeding;
using CounselConnect.IntegrationTests.Support;
using Microsoft.Playwright;

namespace CounselConnect.IntegrationTests.Browser;

/// <summary>
/// A program manager, in a real browser, follows a batch placement worked out in the background (queued through the
/// API): the placement page shows its progress while it runs and, when the job ends, the proposal to review.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PlacementProgressJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Manager_opens_a_background_batch_placement_and_sees_it_complete()
    {
        // The program's integration client records the cases and an attorney's profile, and queues the solve.
        using var script = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) };
        script.WithBearer(await script.GetClientCredentialsTokenAsync());
        using var saved = await script.PutAsJsonAsync("/api/v1/representatives/me", new
        {
            displayName = "Alex Attorney", kind = "attorney",
            barAdmissions = new[] { new { state = "NY", number = "1234567", goodStanding = true } },
            recognisedOrganisation = (string?)null, accreditationExpiresOn = (string?)null, eoirId = "ab123456",
            languages = new[] { new { code = "spa", speaks = true, reads = true, proficiency = "professional" } },
            courts = new[] { "nyc" }, remote = false, detainedDocket = true, nonDetainedDocket = true,
            reliefExperience = new[] { new { relief = "asylum", level = "experienced" } },
            maxActiveCases = 200, hoursPerMonth = 40, unavailability = Array.Empty<object>(), mentorProfileId = (Guid?)null,
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var representativeId = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var cases = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            cases.Add(await OpenCaseAsync(script, i));
        }

        var page = await fixture.NewPageAsync();
        await BrowserFixture.JourneyAsync(page, async () =>
        {
            page.SetDefaultNavigationTimeout(90_000);
            await page.OpenAsync("/Manager/Placement");
            await page.SignInAsync($"manager@{Seeder.DemoEmailDomain}");
            await page.ExpectAtAsync("/Manager/Placement");

            // Queued in the background through the API (the page's button queues only above 50,000 case × attorney pairs,
            // and solves a batch this small at once); the manager follows it on the page.
            var progressPolls = 0;
            page.Request += (_, request) =>
            {
                if (request.Url.Contains("handler=Progress", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref progressPolls);
                }
            };
            using var queued = await script.PostAsJsonAsync("/api/v1/matching/proposals", new { caseIds = cases, representativeIds = new[] { representativeId }, background = true });
            Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
            var proposalId = (await queued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            await page.OpenAsync($"/Manager/Placement?id={proposalId}");
            var progress = page.Locator("#placement-progress");
            var sawProgress = await progress.CountAsync() > 0;
            if (sawProgress)
            {
                // Still queued or running: the progress region is shown and polled until the job ends.
                await Assertions.Expect(progress.GetByRole(AriaRole.Heading, new() { Name = "Progress" })).ToBeVisibleAsync();
                await Assertions.Expect(progress.Locator("#proposal-state")).Not.ToBeEmptyAsync();
                await BrowserFixture.ScreenshotAsync(page, "manager-placement-progress");
            }

            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Proposal to review" })).ToBeVisibleAsync(new() { Timeout = 120_000 });
            await Assertions.Expect(page.Locator("#placed-count")).ToHaveTextAsync("3");
            await Assertions.Expect(page.Locator("#placement-progress")).ToHaveCountAsync(0);
            await BrowserFixture.ScreenshotAsync(page, "manager-placement-background-done");

            var done = await script.GetFromJsonAsync<JsonElement>($"/api/v1/matching/proposals/{proposalId}");
            Assert.Equal("done", done.GetProperty("runState").GetString());
            Assert.Equal(100, done.GetProperty("progressPercent").GetInt32());
            Assert.Equal(3, done.GetProperty("placements").GetArrayLength());
            if (sawProgress)
            {
                // The page learnt of the end by polling (wwwroot/js/progress.js), not by being reloaded here.
                Assert.True(progressPolls > 0, "The progress region was shown but never polled.");
            }

            await page.Context.CloseAsync();
        });
    }

    private static async Task<Guid> OpenCaseAsync(HttpClient script, int i)
    {
        var family = "Zy" + Guid.NewGuid().ToString("N")[..7];
        using var submitted = await script.PostAsJsonAsync("/api/v1/intakes", new
        {
            person = new { givenNames = "Noor", familyNames = family, aliases = Array.Empty<string>(), dateOfBirth = $"1986-02-0{i + 1}", aNumber = $"A{Random.Shared.Next(100_000_000, 999_999_999)}" },
            relatedParties = Array.Empty<object>(),
            custody = "detained",
            courtCode = "NYC",
            hearingLocation = "Varick Street",
            nextHearing = new { at = DateTimeOffset.UtcNow.AddDays(20), type = "master_calendar" },
            primaryLanguage = "spa",
            languages = new[] { new { code = "spa", speaks = true, reads = true } },
            interpreterNeeded = true,
            reliefSought = new[] { "asylum" },
        });
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var intake = await submitted.Content.ReadFromJsonAsync<JsonElement>();
        var id = intake.GetProperty("id").GetGuid();
        await IntakeRequests.AcceptAsync(script, intake);
        return id;
    }
}
