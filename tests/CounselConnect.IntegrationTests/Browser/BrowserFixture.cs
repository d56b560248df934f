using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using CounselConnect.IntegrationTests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CounselConnect.IntegrationTests.Browser;

/// <summary>
/// The browser journeys run one class at a time, after the parallel part of the suite: with the other integration
/// tests, four apps and four Chromiums on two cores made a page wait more than 90 s (ManagerJourneyTests, once).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection
{
    public const string Name = "Browser journeys";
}

/// <summary>The app on a real loopback port (Kestrel) and Debian's Chromium driven by Playwright.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public KestrelSqliteFactory App { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = string.Empty;

    public static string ScreenshotFolder { get; } = Path.Combine(FindRepositoryRoot(), "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("COUNSELCONNECT_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at {chromium}. Browser tests need Debian's chromium package: run `bash tests/run-tests.sh` as root " +
                "(it installs it) or `apt-get install -y chromium`, or set COUNSELCONNECT_CHROMIUM.");
        }

        await App.InitializeAsync();
        BaseUrl = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        await ((IAsyncLifetime)App).DisposeAsync();
    }

    /// <summary>A fresh browser context (no cookies) at desktop width.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            // Lets the accessibility check inject axe-core despite the pages' strict Content-Security-Policy.
            BypassCSP = true,
        });
        // Generous: CI shares two cores between the app, Chromium and the test runner.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        var page = await context.NewPageAsync();
        PageTimeline.Attach(page);
        return page;
    }

    /// <summary>
    /// Runs a journey's steps on <paramref name="page"/>. When a step fails, the failure carries what the page and the
    /// server were doing (see <see cref="PageTimeline"/>) and a screenshot is kept as failed-{journey}.png.
    /// </summary>
    public static async Task JourneyAsync(IPage page, Func<Task> steps, [CallerMemberName] string journey = "")
    {
        try
        {
            await steps();
        }
        catch (Exception failure)
        {
            var report = await PageTimeline.DescribeAsync(page);
            var screenshot = page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"failed-{journey}.png"), FullPage = true });
            await Task.WhenAny(screenshot, Task.Delay(TimeSpan.FromSeconds(10)));
            throw new JourneyFailedException($"{failure.GetType().Name}: {failure.Message}\n--- what the page and the server were doing ---\n{report}", failure);
        }
    }

    /// <summary>Screenshots at desktop and phone widths, then the accessibility check.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"{name}-desktop.png"), FullPage = true });
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"{name}-phone.png"), FullPage = true });
        await page.SetViewportSizeAsync(1280, 900);
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CounselConnect.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? Path.GetTempPath();
    }
}

/// <summary>
/// Navigation steps that wait for the document, not for Playwright's load event. ManagerJourneyTests has timed out
/// after 90 s on a navigation in three full runs of the suite and in one run of the class alone; the last time, in CI,
/// Playwright had seen the page's address change and its network go idle, but no "load" event. These steps wait for the address and then for
/// the document to be parsed, checked in the page itself; the assertions that follow wait for what they need. If a
/// page does hang, <see cref="BrowserFixture.JourneyAsync"/> reports where.
/// </summary>
public static class PageSteps
{
    private const float Patience = 90_000;

    /// <summary>Opens an address (relative to the base URL) and waits until the document it led to is parsed.</summary>
    public static async Task OpenAsync(this IPage page, string url)
    {
        await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Commit, Timeout = Patience });
        await ParsedAsync(page);
    }

    /// <summary>Fills the sign-in form on the current page (by default with the demo users' password) and submits it.</summary>
    public static async Task SignInAsync(this IPage page, string email, string password = CounselConnectFactory.DemoPassword)
    {
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>
    /// Waits until the page is at <paramref name="path"/> (path and query; a trailing * matches any rest) and its
    /// document is parsed.
    /// </summary>
    public static async Task ExpectAtAsync(this IPage page, string path)
    {
        var prefix = path.EndsWith('*');
        var pattern = "^https?://[^/]+" + Regex.Escape(prefix ? path[..^1] : path) + (prefix ? string.Empty : "$");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(pattern), new PageAssertionsToHaveURLOptions { Timeout = Patience });
        await ParsedAsync(page);
    }

    private static async Task ParsedAsync(IPage page)
    {
        var parsed = await page.WaitForFunctionAsync("() => document.readyState !== 'loading'", null, new PageWaitForFunctionOptions { Timeout = Patience });
        await parsed.DisposeAsync();
    }
}

/// <summary>A browser journey's step failed; the message says what the page and the server were doing.</summary>
public sealed class JourneyFailedException(string message, Exception inner) : Exception(message, inner);

/// <summary>SQLite-backed app served by Kestrel on a free loopback port; it logs each request's start and end.</summary>
public sealed class KestrelSqliteFactory : SqliteFactory
{
    public KestrelSqliteFactory() => UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));

    protected override IReadOnlyDictionary<string, string> ExtraSettings { get; } = new Dictionary<string, string>
    {
        ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
    };
}
