using System.Text.Json;
using Microsoft.Playwright;

namespace CounselConnect.IntegrationTests.Browser;

/// <summary>Runs axe-core (WCAG 2.1 A and AA rules) on the current page; serious or critical violations fail.</summary>
public static class Accessibility
{
    private static readonly Lazy<string> Source = new(() =>
    {
        var path = Environment.GetEnvironmentVariable("COUNSELCONNECT_AXE");
        if (string.IsNullOrEmpty(path))
        {
            // Where tests/run-tests.sh installs it, for a plain `dotnet test` after one run of the script.
            path = Path.Combine(Path.GetDirectoryName(BrowserFixture.ScreenshotFolder)!, "..", ".tmp", "axe", "node_modules", "axe-core", "axe.min.js");
        }

        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                "axe-core was not found (COUNSELCONNECT_AXE). Run the tests through `bash tests/run-tests.sh`, which installs it with npm.");
        }

        return File.ReadAllText(path);
    });

    public static async Task AssertNoSeriousViolationsAsync(IPage page)
    {
        await page.EvaluateAsync(Source.Value);
        var result = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })).violations" +
            ".filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id + ': ' + v.help + ' (' + v.nodes.length + ')')");
        var violations = result.EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.True(violations.Count == 0, $"Accessibility violations on {page.Url}: {string.Join("; ", violations)}");
    }
}
