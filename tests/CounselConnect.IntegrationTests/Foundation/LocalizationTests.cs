using System.Text.RegularExpressions;
using System.Xml.Linq;
using CounselConnect.IntegrationTests.Support;

namespace CounselConnect.IntegrationTests.Foundation;

/// <summary>The pages speak English and Spanish (ADR 0011).</summary>
public sealed partial class LocalizationTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    [Fact]
    public async Task The_browser_language_chooses_spanish()
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        request.Headers.AcceptLanguage.ParseAdd("es-MX,es;q=0.9,en;q=0.5");
        using var response = await client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("<html lang=\"es\">", html, StringComparison.Ordinal);
        Assert.Contains("Ir al contenido", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Skip to content", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_language_cookie_wins_over_the_browser_language()
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        request.Headers.AcceptLanguage.ParseAdd("en-US");
        request.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Des%7Cuic%3Des");
        using var response = await client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("Ir al contenido", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task English_is_the_default()
    {
        using var client = factory.CreateClient();
        var html = await client.GetStringAsync("/Account/Login");

        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("Skip to content", html, StringComparison.Ordinal);
    }

    /// <summary>Every translated text is still used by its page: a page edited without its translation fails here.</summary>
    [Fact]
    public void Every_translation_key_is_a_text_of_its_page()
    {
        var web = Path.Combine(RepositoryRoot(), "src", "CounselConnect.Web");
        var resources = Directory.GetFiles(Path.Combine(web, "Resources", "Pages"), "*.resx", SearchOption.AllDirectories);
        Assert.NotEmpty(resources);
        var stale = new List<string>();
        foreach (var resx in resources)
        {
            var relative = Path.GetRelativePath(Path.Combine(web, "Resources"), resx);
            var baseName = CultureSuffix().Replace(relative, string.Empty);
            var view = Path.Combine(web, baseName + ".cshtml");
            var code = Path.Combine(web, baseName + ".cshtml.cs");
            var text = (File.Exists(view) ? File.ReadAllText(view) : string.Empty) + (File.Exists(code) ? File.ReadAllText(code) : string.Empty);
            Assert.True(text.Length > 0, $"{relative} has no page {baseName}.cshtml");
            foreach (var key in XDocument.Load(resx).Root!.Elements("data").Select(d => (string)d.Attribute("name")!))
            {
                var quoted = "\"" + key.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
                if (!text.Contains(quoted, StringComparison.Ordinal))
                {
                    stale.Add($"{relative}: \"{key}\"");
                }
            }
        }

        Assert.True(stale.Count == 0, "Translations whose English text is no longer on the page:\n" + string.Join('\n', stale));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CounselConnect.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }

    [GeneratedRegex(@"\.[a-z]{2}(-[A-Z]{2})?\.resx$")]
    private static partial Regex CultureSuffix();
}
