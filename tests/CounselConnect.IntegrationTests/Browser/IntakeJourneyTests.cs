using System.Net.Http.Json;
using CounselConnect.Infrastructure.Seeding;
using CounselConnect.IntegrationTests.Support;
using Microsoft.Playwright;

namespace CounselConnect.IntegrationTests.Browser;

/// <summary>Intake staff, in a real browser: sign in, record an intake, decide the conflict, accept.</summary>
[Collection(BrowserCollection.Name)]
public sealed class IntakeJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Intake_worker_records_an_intake_decides_the_conflict_and_accepts_it()
    {
        // A former client the program already knows, recorded through the API.
        var family = "Ramírez" + Guid.NewGuid().ToString("N")[..5];
        using (var api = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) })
        {
            api.WithBearer(await api.GetClientCredentialsTokenAsync());
            using var earlier = await api.PostAsJsonAsync("/api/v1/intakes", new
            {
                person = new { givenNames = "María Guadalupe", familyNames = new[] { family }, aliases = Array.Empty<string>(), dateOfBirth = "1991-05-07", aNumber = "A098-765-432" },
                custody = "released",
                courtCode = "LOS",
                primaryLanguage = "spa",
            });
            earlier.EnsureSuccessStatusCode();
        }

        var page = await fixture.NewPageAsync();
        await BrowserFixture.JourneyAsync(page, async () =>
        {
            await page.OpenAsync("/Intake");
            Assert.Contains("/Account/Login", page.Url, StringComparison.Ordinal);
            await BrowserFixture.ScreenshotAsync(page, "sign-in");
            await page.SignInAsync($"intake@{Seeder.DemoEmailDomain}");
            await page.ExpectAtAsync("/Intake");
            await BrowserFixture.ScreenshotAsync(page, "intake-queue");

            await page.GetByRole(AriaRole.Link, new() { Name = "Start a new intake" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Save and run the conflict check" }).ClickAsync();
            // Nothing filled in: the page explains what is missing and stores nothing.
            await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("Custody status is required");
            await BrowserFixture.ScreenshotAsync(page, "intake-form-errors");

            await page.GetByLabel("Given names", new() { Exact = true }).FillAsync("Lupe");
            await page.GetByLabel("Family name", new() { Exact = true }).FillAsync(family.Replace("í", "i", StringComparison.Ordinal));
            await page.GetByLabel("Date of birth").FillAsync("1991-07-05");
            await page.GetByLabel("A-number").FillAsync("98765432");
            await page.GetByLabel("Custody status").SelectOptionAsync("Detained");
            await page.GetByLabel("Immigration court code").FillAsync("LOS");
            await page.GetByLabel("Primary language", new() { Exact = true }).SelectOptionAsync("spa");
            await page.GetByLabel("Asylum", new() { Exact = true }).CheckAsync();
            await BrowserFixture.ScreenshotAsync(page, "intake-form");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save and run the conflict check" }).ClickAsync();
            await page.ExpectAtAsync("/Intake/Details/*");

            await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("Conflict review");
            var match = page.Locator("section.match").First;
            await Assertions.Expect(match).ToContainTextAsync("A-number equal");
            await BrowserFixture.ScreenshotAsync(page, "intake-conflict-check");

            // Accepting before deciding is refused with an explanation.
            await page.GetByRole(AriaRole.Button, new() { Name = "Accept the intake" }).ClickAsync();
            await Assertions.Expect(page.Locator("p.error")).ToContainTextAsync("must be decided");

            var matches = await page.Locator("section.match").CountAsync();
            for (var i = 0; i < matches; i++)
            {
                var section = page.Locator("section.match").Filter(new() { Has = page.Locator("form") }).First;
                await section.GetByLabel("Waived with informed consent").CheckAsync();
                await section.GetByLabel("Reason (required for a conflict or a waiver)").FillAsync("Former client; written informed consent on file");
                await section.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();
                await Assertions.Expect(page.Locator("p.notice[role=status]")).ToContainTextAsync("Decision recorded");
            }

            await page.GetByRole(AriaRole.Button, new() { Name = "Accept the intake" }).ClickAsync();
            await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("Needs counsel");
            await BrowserFixture.ScreenshotAsync(page, "intake-accepted");

            // The same page in Spanish, chosen with the switcher in the header; the choice sticks for the next page.
            await page.GetByLabel("Language").SelectOptionAsync("es");
            await page.GetByRole(AriaRole.Button, new() { Name = "Change" }).ClickAsync();
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");
            await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("Necesita abogado");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Verificación de conflictos" })).ToBeVisibleAsync();
            await BrowserFixture.ScreenshotAsync(page, "intake-accepted-es");
            await page.OpenAsync("/Intake/New");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Nueva admisión", Level = 1 })).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Guardar y verificar conflictos" }).ClickAsync();
            await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("La situación de custodia es obligatoria");
            await BrowserFixture.ScreenshotAsync(page, "intake-form-errors-es");
            await page.Context.CloseAsync();
        });
    }

    [Fact]
    public async Task Intake_worker_screens_a_caller_by_name_and_imports_a_file_watching_its_progress()
    {
        var family = "Hussein" + Guid.NewGuid().ToString("N")[..5];
        var page = await fixture.NewPageAsync();
        await BrowserFixture.JourneyAsync(page, async () =>
        {
            await page.OpenAsync("/Intake");
            await page.SignInAsync($"intake@{Seeder.DemoEmailDomain}");
            await page.ExpectAtAsync("/Intake");

            // Import: one good row and one bad one; the page follows the background job until it finishes.
            await page.GetByRole(AriaRole.Link, new() { Name = "Import", Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator(".empty, table")).Not.ToHaveCountAsync(0);
            await BrowserFixture.ScreenshotAsync(page, "intake-import");
            var csv = "external_id,role,given_names,family_names,aliases,date_of_birth,a_number,case_reference\n" +
                      $"ui-{family},client,Mohammed,{family},Abu Ali,1980-02-03,,OLD-UI-1\n" +
                      $"ui-{family}-bad,client,Bad,Date,,1980-14-01,,\n";
            await page.GetByLabel("CSV file (up to 512 MB)").SetInputFilesAsync(new FilePayload
            {
                Name = "history.csv",
                MimeType = "text/csv",
                Buffer = System.Text.Encoding.UTF8.GetBytes(csv),
            });
            await page.GetByRole(AriaRole.Button, new() { Name = "Upload and import" }).ClickAsync();
            await page.ExpectAtAsync("/Intake/Import/*");
            await Assertions.Expect(page.Locator("#import-status")).ToHaveTextAsync("Finished", new() { Timeout = 60_000 });
            await Assertions.Expect(page.Locator("#rows-accepted")).ToHaveTextAsync("1");
            await Assertions.Expect(page.Locator("#rows-rejected")).ToHaveTextAsync("1");
            await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "3", Exact = true })).ToBeVisibleAsync();
            await BrowserFixture.ScreenshotAsync(page, "intake-import-finished");

            // Phone screening: nothing filled in is refused; a transliteration variant finds the imported party.
            await page.GetByRole(AriaRole.Link, new() { Name = "Phone screening", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Search the records" }).ClickAsync();
            await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("at least a family name");
            await page.GetByLabel("Given names", new() { Exact = true }).FillAsync("Muhammad");
            await page.GetByLabel("Family name", new() { Exact = true }).FillAsync(family);
            await page.GetByLabel("Date of birth").FillAsync("1980");
            await page.GetByRole(AriaRole.Button, new() { Name = "Search the records" }).ClickAsync();
            await Assertions.Expect(page.Locator("#check-outcome")).ToContainTextAsync("match");
            await Assertions.Expect(page.Locator(".check-result table")).ToContainTextAsync("OLD-UI-1");
            Assert.DoesNotContain(family, page.Url, StringComparison.OrdinalIgnoreCase);
            await BrowserFixture.ScreenshotAsync(page, "intake-phone-screening");
            await page.Context.CloseAsync();
        });
    }
}
