using CounselConnect.Infrastructure.Seeding;
using CounselConnect.IntegrationTests.Support;
using Microsoft.Playwright;

namespace CounselConnect.IntegrationTests.Browser;

/// <summary>An administrator, in a real browser: creates an account with a role, who then signs in; organisation settings.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Administrator_creates_a_user_who_can_then_sign_in()
    {
        var email = $"new.manager.{Guid.NewGuid():N}"[..24] + "@example.org";
        const string password = "Initial-Password-2026!";
        var page = await fixture.NewPageAsync();
        await BrowserFixture.JourneyAsync(page, async () =>
        {
            // The machine running the suite may be busy (shared CI runners): allow slow first requests.
            page.SetDefaultNavigationTimeout(90_000);
            await page.OpenAsync("/Admin/Users");
            await page.SignInAsync($"admin@{Seeder.DemoEmailDomain}");
            await page.ExpectAtAsync("/Admin/Users");
            await Assertions.Expect(page.Locator("tbody")).ToContainTextAsync($"manager@{Seeder.DemoEmailDomain}");
            await BrowserFixture.ScreenshotAsync(page, "admin-users");

            await page.GetByRole(AriaRole.Link, new() { Name = "Create a user" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Create the account" }).ClickAsync();
            // Nothing filled in: every missing field is explained and no account is made.
            var summary = page.Locator(".error-summary");
            await Assertions.Expect(summary).ToContainTextAsync("Enter the person's name");
            await Assertions.Expect(summary).ToContainTextAsync("Choose a role.");
            await Assertions.Expect(summary).ToContainTextAsync("Enter an initial password of at least 12 characters.");
            await BrowserFixture.ScreenshotAsync(page, "admin-user-new-errors");

            await page.GetByLabel("Name").FillAsync("Nadia Manager");
            await page.GetByLabel("Email").FillAsync(email);
            await page.GetByLabel("Program manager").CheckAsync();
            await page.GetByLabel("Initial password").FillAsync(password);
            await BrowserFixture.ScreenshotAsync(page, "admin-user-new");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create the account" }).ClickAsync();
            await page.ExpectAtAsync("/Admin/Users/Edit/*");
            await Assertions.Expect(page.Locator("p.notice[role=status]")).ToContainTextAsync("Account created");
            await Assertions.Expect(page.GetByLabel("Program manager")).ToBeCheckedAsync();
            await Assertions.Expect(page.GetByLabel("Attorney")).Not.ToBeCheckedAsync();
            await Assertions.Expect(page.Locator("#two-factor")).ToContainTextAsync("Off");
            await BrowserFixture.ScreenshotAsync(page, "admin-user-edit");

            // The same email again is refused with words for people.
            await page.OpenAsync("/Admin/Users/New");
            await page.GetByLabel("Name").FillAsync("Someone Else");
            await page.GetByLabel("Email").FillAsync(email);
            await page.GetByLabel("Attorney").CheckAsync();
            await page.GetByLabel("Initial password").FillAsync(password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Create the account" }).ClickAsync();
            await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("An account with this email address already exists.");

            await page.OpenAsync("/Admin/Organisation");
            await page.GetByLabel("Potential match from").FillAsync("1.5");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
            await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("The potential-match threshold is a score from 0 to 1.");
            await Assertions.Expect(page.GetByLabel("Potential match from")).ToHaveAttributeAsync("aria-invalid", "true");
            await BrowserFixture.ScreenshotAsync(page, "admin-organisation-errors");
            await page.GetByLabel("Potential match from").FillAsync("0.9");
            await page.GetByLabel("Likely match from").FillAsync("0.6");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
            await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("cannot be below the potential-match threshold");
            await page.GetByLabel("Potential match from").FillAsync("0.5");
            await page.GetByLabel("Likely match from").FillAsync("0.85");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
            await Assertions.Expect(page.Locator("p.notice[role=status]")).ToContainTextAsync("thresholds saved");
            await Assertions.Expect(page.GetByLabel("Potential match from")).ToHaveValueAsync("0.5");
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Open the background jobs dashboard" })).ToHaveAttributeAsync("href", "/hangfire");

            // Retention and the report threshold: out-of-range values are refused on their field, good ones are kept.
            await page.GetByLabel("Days kept after closing").FillAsync("0");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save retention" }).ClickAsync();
            await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("Retention is a whole number of days from 1 to 36500.");
            await page.GetByLabel("Days kept after closing").FillAsync("3650");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save retention" }).ClickAsync();
            await Assertions.Expect(page.Locator("p.notice[role=status]")).ToContainTextAsync("Retention saved");
            await Assertions.Expect(page.GetByLabel("Days kept after closing")).ToHaveValueAsync("3650");
            await page.GetByLabel("Smallest count shown").FillAsync("1");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save report threshold" }).ClickAsync();
            await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("The suppression threshold is a whole number from 2 to 100.");
            await page.GetByLabel("Smallest count shown").FillAsync("10");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save report threshold" }).ClickAsync();
            await Assertions.Expect(page.Locator("p.notice[role=status]")).ToContainTextAsync("Report threshold saved");
            await Assertions.Expect(page.GetByLabel("Smallest count shown")).ToHaveValueAsync("10");
            await BrowserFixture.ScreenshotAsync(page, "admin-organisation");
            await page.Context.CloseAsync();
        });

        // The new account signs in and reaches the manager's pages.
        var newcomer = await fixture.NewPageAsync();
        await BrowserFixture.JourneyAsync(newcomer, async () =>
        {
            // The machine running the suite may be busy (shared CI runners): allow slow first requests.
            newcomer.SetDefaultNavigationTimeout(90_000);
            await newcomer.OpenAsync("/Manager");
            await newcomer.SignInAsync(email, password);
            await newcomer.ExpectAtAsync("/Manager");
            await Assertions.Expect(newcomer.GetByRole(AriaRole.Heading, new() { Name = "Program dashboard", Level = 1 })).ToBeVisibleAsync();
            await Assertions.Expect(newcomer.GetByRole(AriaRole.Link, new() { Name = "Users" })).ToHaveCountAsync(0);
            await newcomer.Context.CloseAsync();
        });
    }
}
