using System.Text.Json;
using Microsoft.Playwright;

namespace CounselConnect.IntegrationTests.Browser;

/// <summary>
/// Runs axe-core (WCAG 2.1 A and AA rules) on the current page; serious or critical violations fail. Also fails on a
/// text left with an unfilled placeholder such as "{0}" (a localized string shown without its arguments), in what a
/// reader or a screen reader gets: the page's title, its text, and the titles and labels of its elements; and on an id
/// used by more than one element.
/// </summary>
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

        var unfilled = await page.EvaluateAsync<string[]>(
            "() => [document.title, document.body.innerText, ...Array.from(document.querySelectorAll('title, desc, [aria-label], [title], [alt]'))" +
            ".flatMap(e => [e.textContent, e.getAttribute('aria-label'), e.getAttribute('title'), e.getAttribute('alt')])]" +
            ".filter(t => t && /\\{\\d+\\}/.test(t)).map(t => t.trim().slice(0, 120))");
        Assert.True(unfilled.Length == 0, $"Texts with an unfilled placeholder on {page.Url}: {string.Join(" | ", unfilled)}");

        // Labels, aria-labelledby and error links find their element by id: an id used twice points them at the wrong one.
        var duplicated = await page.EvaluateAsync<string[]>(
            "() => { const seen = new Map(); document.querySelectorAll('[id]').forEach(e => seen.set(e.id, (seen.get(e.id) || 0) + 1));" +
            " return [...seen].filter(([, n]) => n > 1).map(([id]) => id); }");
        Assert.True(duplicated.Length == 0, $"Ids used more than once on {page.Url}: {string.Join(", ", duplicated)}");
    }
}
