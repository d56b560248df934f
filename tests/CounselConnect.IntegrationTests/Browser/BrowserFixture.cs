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
        return await context.NewPageAsync();
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

/// <summary>SQLite-backed app served by Kestrel on a free loopback port.</summary>
public sealed class KestrelSqliteFactory : SqliteFactory
{
    public KestrelSqliteFactory() => UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
}
