using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CounselConnect.Infrastructure.Seeding;
using CounselConnect.IntegrationTests.Support;
using Microsoft.Playwright;

namespace CounselConnect.IntegrationTests.Browser;

/// <summary>
/// An attorney, in a real browser: sets up their profile, finds an anonymised case on the board, requests the party
/// names, attests and accepts, then works the case (hearings, deadlines, outcome), the calendar and its feed link.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AttorneyJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static string Letters(int n) => new([.. Enumerable.Range(0, n).Select(_ => (char)('a' + Random.Shared.Next(26)))]);

    /// <summary>
    /// A case that needs counsel, through the API as intake would record it, with a hearing 40 days out: the next hearing
    /// given at intake is the case's hearing (with its location and the interpreter), so nothing else schedules it.
    /// </summary>
    private async Task<(Guid Id, string Reference, DateTime HearingLocal)> OpenCaseAsync(string given, string family, string relatedGiven, string location)
    {
        var hearingLocal = DateTime.SpecifyKind(DateTime.UtcNow.Date.AddDays(40).AddHours(9), DateTimeKind.Unspecified);
        var hearingAt = new DateTimeOffset(hearingLocal, TimeZoneInfo.FindSystemTimeZoneById("America/New_York").GetUtcOffset(hearingLocal));
        using var api = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) };
        api.WithBearer(await api.GetClientCredentialsTokenAsync());
        using var submitted = await api.PostAsJsonAsync("/api/v1/intakes", new
        {
            person = new { givenNames = given, familyNames = new[] { family }, aliases = Array.Empty<string>(), dateOfBirth = "1988-03-14", aNumber = $"A{Random.Shared.Next(100_000_000, 999_999_999)}" },
            relatedParties = new[] { new { givenNames = relatedGiven, familyNames = new[] { family }, aliases = Array.Empty<string>(), relationship = "spouse_or_partner" } },
            custody = "released",
            courtCode = "NYC",
            hearingLocation = location,
            nextHearing = new { at = hearingAt, type = "master_calendar" },
            primaryLanguage = "spa",
            languages = new[] { new { code = "spa", speaks = true, reads = true } },
            interpreterNeeded = true,
            reliefSought = new[] { "asylum" },
        });
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var intake = await submitted.Content.ReadFromJsonAsync<JsonElement>();
        var id = intake.GetProperty("id").GetGuid();
        // Fresh random names: nothing the program knows matches them, so intake can accept at once.
        using (var accepted = await api.PostAsync($"/api/v1/intakes/{id}/accept", null))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        return (id, intake.GetProperty("reference").GetString()!, hearingLocal);
    }

    [Fact]
    public async Task Attorney_picks_up_a_case_in_three_steps_and_works_it_from_the_browser()
    {
        var (given, family, relatedGiven) = ("Zy" + Letters(7), "Qx" + Letters(7), "Wv" + Letters(7));
        var location = "Varick Street, room " + Random.Shared.Next(100, 999).ToString(CultureInfo.InvariantCulture);
        var (caseId, reference, hearingLocal) = await OpenCaseAsync(given, family, relatedGiven, location);

        var page = await fixture.NewPageAsync();
        await BrowserFixture.JourneyAsync(page, async () =>
        {
            await page.OpenAsync("/Attorney/Board");
            Assert.Contains("/Account/Login", page.Url, StringComparison.Ordinal);
            await page.SignInAsync($"attorney@{Seeder.DemoEmailDomain}");
            await page.ExpectAtAsync("/Attorney/Board");

            // Step 1: the case is on the board, anonymised: no name, no reference.
            var card = page.Locator("li.opportunity").Filter(new() { HasText = location });
            await Assertions.Expect(card).ToHaveCountAsync(1);
            await Assertions.Expect(card).ToContainTextAsync("Asylum");
            await Assertions.Expect(card).ToContainTextAsync("Master calendar hearing");
            await Assertions.Expect(card).ToContainTextAsync("Spanish (spa)");
            var boardText = await page.Locator("main").InnerTextAsync();
            Assert.DoesNotContain(given, boardText, StringComparison.Ordinal);
            Assert.DoesNotContain(family, boardText, StringComparison.Ordinal);
            Assert.DoesNotContain(relatedGiven, boardText, StringComparison.Ordinal);
            Assert.DoesNotContain(reference, boardText, StringComparison.Ordinal);
            await BrowserFixture.ScreenshotAsync(page, "attorney-board");

            // A filter that excludes the case leaves an empty state written for people.
            await page.OpenAsync("/Attorney/Board?court=ZZZ");
            await Assertions.Expect(page.Locator("#board-empty")).ToContainTextAsync("No case matches these filters");
            await BrowserFixture.ScreenshotAsync(page, "attorney-board-empty");

            // Without a profile the names are not disclosed: the attorney is sent to set one up first.
            await page.OpenAsync("/Attorney/Board?court=NYC");
            await card.GetByRole(AriaRole.Button, new() { Name = "Request the party names" }).ClickAsync();
            await page.ExpectAtAsync("/Attorney/Profile");
            await Assertions.Expect(page.Locator("p.notice[role=status]")).ToContainTextAsync("Set up your profile before you take on a case");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save my profile" }).ClickAsync();
            await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("Enter your name as clients and courts should see it");
            await BrowserFixture.ScreenshotAsync(page, "attorney-profile-errors");

            await page.GetByLabel("Your name as clients and courts see it").FillAsync("Alex Attorney");
            await page.GetByLabel("State of bar 1").FillAsync("NY");
            await page.GetByLabel("Bar number 1").FillAsync("1234567");
            await page.GetByLabel("Language 1 (three-letter code, e.g. spa)").FillAsync("spa");
            await page.GetByLabel("Courts where you appear in person").FillAsync("NYC");
            await page.GetByLabel("Asylum").SelectOptionAsync("Experienced");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save my profile" }).ClickAsync();
            await Assertions.Expect(page.Locator("p.notice[role=status]")).ToContainTextAsync("Your profile is saved");
            await Assertions.Expect(page.GetByLabel("Bar number 1")).ToHaveValueAsync("1234567");
            await BrowserFixture.ScreenshotAsync(page, "attorney-profile");

            // Step 2: the names only, for the attorney's own conflict check.
            await page.OpenAsync("/Attorney/Board?court=NYC");
            await card.GetByRole(AriaRole.Button, new() { Name = "Request the party names" }).ClickAsync();
            var names = page.Locator("#party-names");
            await Assertions.Expect(names).ToContainTextAsync($"{given} {family}");
            await Assertions.Expect(names).ToContainTextAsync(relatedGiven);
            await Assertions.Expect(names).ToContainTextAsync("Spouse or partner");
            Assert.DoesNotContain(reference, await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
            await BrowserFixture.ScreenshotAsync(page, "attorney-party-names");

            // Step 3: no acceptance without the attestation; with it, the case is assigned and the full file opens.
            await page.GetByRole(AriaRole.Button, new() { Name = "Accept the case" }).ClickAsync();
            await Assertions.Expect(page.Locator("#attest-error")).ToContainTextAsync("Tick the box");
            await page.GetByLabel("I have checked these names and I have no conflict of interest with anyone in this case.").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Accept the case" }).ClickAsync();
            await page.ExpectAtAsync($"/Attorney/Case/{caseId}");
            await Assertions.Expect(page.Locator("p.notice[role=status]")).ToContainTextAsync("The case is now yours");
            await Assertions.Expect(page.Locator("#reference")).ToHaveTextAsync(reference);
            await Assertions.Expect(page.Locator("#client-name")).ToHaveTextAsync($"{given} {family}");
            await Assertions.Expect(page.Locator("#hearings")).ToContainTextAsync("Master calendar hearing");
            await Assertions.Expect(page.Locator("#hearings")).ToContainTextAsync(location);
            await Assertions.Expect(page.Locator("#hearings")).ToContainTextAsync("interpreter: Spanish (spa)");
            await Assertions.Expect(page.Locator("#deadlines")).ToContainTextAsync("Filings before a master calendar hearing (non-detained)");
            await BrowserFixture.ScreenshotAsync(page, "attorney-case");

            // Recording the outcome: a missing outcome is explained on its field; a pending outcome is recorded.
            await page.GetByRole(AriaRole.Button, new() { Name = "Record the outcome" }).ClickAsync();
            await Assertions.Expect(page.Locator("#outcome-error")).ToContainTextAsync("Choose the court outcome.");
            await BrowserFixture.ScreenshotAsync(page, "attorney-outcome-errors");
            await page.GetByLabel("Court outcome").SelectOptionAsync("Pending");
            await page.GetByLabel("Date of the decision").FillAsync(DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await page.GetByRole(AriaRole.Button, new() { Name = "Record the outcome" }).ClickAsync();
            await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("A pending case has no decision date yet");
            await page.GetByLabel("Date of the decision").FillAsync(string.Empty);
            await page.GetByRole(AriaRole.Button, new() { Name = "Record the outcome" }).ClickAsync();
            await Assertions.Expect(page.Locator("p.notice[role=status]")).ToContainTextAsync("The outcome is recorded");

            // My cases: the case with its next hearing and next deadline.
            await page.GetByRole(AriaRole.Link, new() { Name = "My cases", Exact = true }).ClickAsync();
            var row = page.Locator("#my-cases tbody tr").Filter(new() { HasText = reference });
            await Assertions.Expect(row).ToHaveCountAsync(1);
            await Assertions.Expect(row).ToContainTextAsync("Master calendar hearing");
            await Assertions.Expect(row).ToContainTextAsync("Filings before a master calendar hearing");
            await BrowserFixture.ScreenshotAsync(page, "attorney-cases");

            // Calendar: the hearing on its day, then a feed link that works until it is stopped.
            await page.OpenAsync("/Attorney/Calendar?month=" + hearingLocal.ToString("yyyy-MM", CultureInfo.InvariantCulture));
            var day = page.Locator($"#day-{hearingLocal:yyyy-MM-dd}");
            await Assertions.Expect(day).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("ol.agenda")).ToContainTextAsync($"case {reference}");
            await Assertions.Expect(page.Locator("#feed-status")).ToContainTextAsync("You have no calendar link yet");
            await page.GetByRole(AriaRole.Button, new() { Name = "Make my calendar link" }).ClickAsync();
            var feedUrl = await page.GetByLabel("Your calendar link").InputValueAsync();
            Assert.Matches(@"/calendar/[A-Za-z0-9_-]+\.ics$", feedUrl);
            await BrowserFixture.ScreenshotAsync(page, "attorney-calendar");
            using (var calendarApp = new HttpClient())
            {
                var ics = await calendarApp.GetStringAsync(new Uri(feedUrl));
                Assert.Contains(reference, ics, StringComparison.Ordinal);
                Assert.DoesNotContain(family, ics, StringComparison.Ordinal);

                await page.OpenAsync("/Attorney/Calendar");
                await Assertions.Expect(page.Locator("#feed-status")).ToContainTextAsync("You have a calendar link");
                await page.GetByRole(AriaRole.Button, new() { Name = "Stop my calendar link" }).ClickAsync();
                await Assertions.Expect(page.Locator("p.notice[role=status]")).ToContainTextAsync("Your calendar link no longer works");
                using var revoked = await calendarApp.GetAsync(new Uri(feedUrl));
                Assert.Equal(HttpStatusCode.NotFound, revoked.StatusCode);
            }

            // The same pages in Spanish, through the language switcher.
            await page.OpenAsync("/Attorney/Cases");
            await page.GetByLabel("Language").SelectOptionAsync("es");
            await page.GetByRole(AriaRole.Button, new() { Name = "Change" }).ClickAsync();
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Mis casos");
            await Assertions.Expect(page.Locator("#my-cases thead")).ToContainTextAsync("Próxima audiencia");
            await Assertions.Expect(row).ToContainTextAsync("Audiencia de calendario principal");
            await BrowserFixture.ScreenshotAsync(page, "attorney-cases-es");
            await page.OpenAsync("/Attorney/Profile");
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Mi perfil");
            await Assertions.Expect(page.GetByLabel("Su nombre tal como lo ven clientes y tribunales")).ToHaveValueAsync("Alex Attorney");
            await BrowserFixture.ScreenshotAsync(page, "attorney-profile-es");
            await page.GetByRole(AriaRole.Link, new() { Name = "Bandeja de entrada" }).ClickAsync();
            await page.ExpectAtAsync("/Attorney/Inbox");
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Bandeja de entrada");
            await Assertions.Expect(page.Locator("#inbox-unread")).ToContainTextAsync("sin leer de");
            await BrowserFixture.ScreenshotAsync(page, "attorney-inbox-es");
            await page.Context.CloseAsync();
        });
    }
}
