using System.Net.Http.Json;
using System.Text.Json;
using CounselConnect.Domain.Auditing;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.Infrastructure.Seeding;
using CounselConnect.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CounselConnect.IntegrationTests.Browser;

/// <summary>A program manager, in a real browser: the dashboard over closed cases, a CSV export, placement and failed reminders.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ManagerJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private Guid _attorney;

    /// <summary>The demo attorney's user id: a closing must name a user of the organisation.</summary>
    private Guid Attorney
    {
        get
        {
            if (_attorney == Guid.Empty)
            {
                using var scope = fixture.App.Services.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                _attorney = db.Users.AsNoTracking().Single(u => u.Email == $"attorney@{Seeder.DemoEmailDomain}").Id;
            }

            return _attorney;
        }
    }

    /// <summary>Cases taken in, accepted and closed as relief granted by a pro bono attorney, all through the API.</summary>
    private async Task RecordClosedCasesAsync(int count, string custody)
    {
        using var api = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) };
        api.WithBearer(await api.GetClientCredentialsTokenAsync());
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < count; i++)
        {
            // Letters only, different for every case, so the conflict check finds no one.
            var letters = new string([.. Guid.NewGuid().ToString("N").Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16)))]);
            using var intake = await api.PostAsJsonAsync("/api/v1/intakes", new
            {
                person = new { givenNames = "Q" + letters[..7], familyNames = new[] { "Z" + letters[7..16] }, aliases = Array.Empty<string>() },
                custody,
                courtCode = "NYC",
                primaryLanguage = "spa",
            });
            Assert.True(intake.IsSuccessStatusCode, await intake.Content.ReadAsStringAsync());
            var id = (await intake.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            using var accept = await api.PostAsync($"/api/v1/intakes/{id}/accept", null);
            Assert.True(accept.IsSuccessStatusCode, await accept.Content.ReadAsStringAsync());
            using var closing = await api.PostAsJsonAsync($"/api/v1/cases/{id}/closing", new
            {
                outcome = "relief_granted",
                reliefGranted = "asylum",
                closingCode = "IB",
                fundingSources = new[] { "city" },
                representativeType = "pro_bono",
                attorneyId = Attorney,
                counselAssignedDate = today,
                decisionDate = today,
            });
            Assert.True(closing.IsSuccessStatusCode, await closing.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Manager_views_the_dashboard_and_downloads_an_export()
    {
        await RecordClosedCasesAsync(6, "detained");

        var page = await fixture.NewPageAsync();
        await BrowserFixture.JourneyAsync(page, async () =>
        {
            // The machine running the suite may be busy (shared CI runners): allow slow first requests.
            page.SetDefaultNavigationTimeout(90_000);
            await page.OpenAsync("/Manager");
            Assert.Contains("/Account/Login", page.Url, StringComparison.Ordinal);
            await page.SignInAsync($"manager@{Seeder.DemoEmailDomain}");
            await page.ExpectAtAsync("/Manager");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Program dashboard", Level = 1 })).ToBeVisibleAsync();

            // Six represented detained cases: shown as numbers (the threshold is 5), a bar drawn for the rate.
            var representation = page.Locator("section[aria-labelledby=representation-heading]");
            await Assertions.Expect(representation.Locator("tbody tr").First).ToContainTextAsync("Detained");
            await Assertions.Expect(representation.Locator("tbody tr").First.Locator("td").First).ToHaveTextAsync("6");
            await Assertions.Expect(representation.Locator("tbody tr").First.Locator("td").Last).ToHaveTextAsync("100%");
            Assert.True(await representation.Locator("svg rect.chart-bar").CountAsync() >= 1);
            var caseload = page.Locator("section[aria-labelledby=caseload-heading]");
            await Assertions.Expect(caseload.Locator("tbody")).ToContainTextAsync(Attorney.ToString());
            await BrowserFixture.ScreenshotAsync(page, "manager-dashboard");

            // Outcomes by another group; a period that ends before it starts is explained, not run.
            await page.GetByLabel("Outcomes by").SelectOptionAsync("Type of representative");
            await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
            var outcomes = page.Locator("section[aria-labelledby=success-heading]");
            await Assertions.Expect(outcomes.Locator("tbody tr").First).ToContainTextAsync("Pro bono attorney");
            await page.GetByLabel("From", new() { Exact = true }).FillAsync("2026-02-01");
            await page.GetByLabel("To", new() { Exact = true }).FillAsync("2026-01-01");
            await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
            await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("The end of the period cannot be before its start.");
            Assert.Equal(0, await page.Locator("section.report").CountAsync());
            await BrowserFixture.ScreenshotAsync(page, "manager-dashboard-errors");

            await page.OpenAsync("/Manager");
            var link = page.GetByRole(AriaRole.Link, new() { Name = "Download outcomes (CSV)" });
            var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
            Assert.Equal("success-rate-by-custody.csv", download.SuggestedFilename);
            var href = await link.GetAttributeAsync("href");
            var response = await page.Context.APIRequest.GetAsync(new Uri(new Uri(page.Url), href).ToString());
            Assert.Equal(200, response.Status);
            Assert.Equal("text/csv; charset=utf-8", response.Headers["content-type"]);
            var lines = (await response.TextAsync()).Split("\r\n");
            Assert.Equal("custody,allowed_to_stay,ordered_to_leave,other_decided,total,success_rate", lines[0]);
            Assert.Equal("detained,6,0,0,6,1", lines[1]);

            // Each download is in the audit trail (the same query as the API's format=csv).
            await using (var scope = fixture.App.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                Assert.True(await db.Set<AuditEntry>().CountAsync(a => a.Action == "report.export") >= 2);
            }

            // Two released cases are a small count: their figures, and those that would give them away, are withheld and not drawn.
            await RecordClosedCasesAsync(2, "released");
            await page.OpenAsync("/Manager");
            var rows = representation.Locator("tbody tr");
            await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("Released");
            await Assertions.Expect(rows.Nth(1).Locator("td").First).ToHaveTextAsync("Withheld");
            var rates = await rows.Locator("td:last-child").AllInnerTextsAsync();
            Assert.Contains("Withheld", rates);
            Assert.Equal(rates.Count(r => r != "Withheld"), await representation.Locator("svg rect.chart-bar").CountAsync());
            Assert.Equal(rates.Count(r => r == "Withheld"), await representation.Locator("svg text.chart-withheld").CountAsync());
            await Assertions.Expect(representation.Locator("tbody")).Not.ToContainTextAsync("2");
            await BrowserFixture.ScreenshotAsync(page, "manager-dashboard-withheld");

            await page.GetByRole(AriaRole.Link, new() { Name = "Batch placement" }).ClickAsync();
            await page.ExpectAtAsync("/Manager/Placement");
            await Assertions.Expect(page.Locator("fieldset legend").First).ToContainTextAsync("Cases needing counsel");
            await BrowserFixture.ScreenshotAsync(page, "manager-placement");
            await page.GetByRole(AriaRole.Button, new() { Name = "Propose placements" }).ClickAsync();
            await page.ExpectAtAsync("/Manager/Placement?id=*");
            await Assertions.Expect(page.Locator("p.notice[role=status]")).ToBeVisibleAsync();
            await BrowserFixture.ScreenshotAsync(page, "manager-placement-proposal");

            await page.GetByRole(AriaRole.Link, new() { Name = "Failed reminders" }).ClickAsync();
            await page.ExpectAtAsync("/Manager/Reminders");
            await Assertions.Expect(page.Locator("p.empty")).ToContainTextAsync("No failed reminders");
            await BrowserFixture.ScreenshotAsync(page, "manager-failed-reminders");
            await page.Context.CloseAsync();
        });
    }
}
