using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CounselConnect.Infrastructure.Seeding;
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

    /// <summary>
    /// The API is not localised (ADR 0011): a Spanish browser language or language cookie sent with an API call changes
    /// neither Identity's password messages, nor FluentValidation's own messages, nor model binding's.
    /// </summary>
    [Fact]
    public async Task The_api_answers_in_english_whatever_the_language_asked_for()
    {
        var tokens = await AuthorizationCodeFlow.SignInAsync(factory, $"admin@{Seeder.DemoEmailDomain}", CounselConnectFactory.DemoPassword);
        using var client = factory.CreateClient();
        client.WithBearer(tokens.AccessToken);

        using var weak = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/users")
        {
            Content = JsonContent.Create(new { email = "", displayName = "Weak", role = "IntakeStaff", password = "short" }),
        };
        weak.Headers.AcceptLanguage.ParseAdd("es-MX,es;q=0.9");
        weak.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Des%7Cuic%3Des");
        using var weakAnswer = await client.SendAsync(weak);
        Assert.Equal(HttpStatusCode.BadRequest, weakAnswer.StatusCode);
        var errors = (await weakAnswer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        var password = string.Join(' ', errors.GetProperty("password").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("must", password, StringComparison.Ordinal);
        Assert.DoesNotContain("debe", password, StringComparison.Ordinal);
        Assert.DoesNotContain("contraseña", password, StringComparison.OrdinalIgnoreCase);
        var email = string.Join(' ', errors.GetProperty("email").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("must", email, StringComparison.Ordinal);
        Assert.DoesNotContain("deber", email, StringComparison.Ordinal);

        using var unreadable = new HttpRequestMessage(HttpMethod.Get, "/api/v1/admin/users?page=first");
        unreadable.Headers.AcceptLanguage.ParseAdd("es");
        using var unreadableAnswer = await client.SendAsync(unreadable);
        Assert.Equal(HttpStatusCode.BadRequest, unreadableAnswer.StatusCode);
        var body = await unreadableAnswer.Content.ReadAsStringAsync();
        Assert.DoesNotContain("no es válido", body, StringComparison.Ordinal);
    }

    /// <summary>
    /// Every translated text is still a text of the product (a view, a page model, or a message of the application
    /// layer that a page shows): a text edited without its translation fails here, and every resource file belongs to
    /// a page or a page model.
    /// </summary>
    [Fact]
    public void Every_translation_key_is_still_a_text_of_the_product()
    {
        var root = RepositoryRoot();
        var web = Path.Combine(root, "src", "CounselConnect.Web");
        var sources = string.Concat(new[] { "CounselConnect.Web", "CounselConnect.Application", "CounselConnect.Domain" }
            .SelectMany(p => Directory.EnumerateFiles(Path.Combine(root, "src", p), "*.*", SearchOption.AllDirectories))
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText));
        var resources = Directory.GetFiles(Path.Combine(web, "Resources", "Pages"), "*.resx", SearchOption.AllDirectories);
        Assert.NotEmpty(resources);
        var problems = new List<string>();
        foreach (var resx in resources)
        {
            var relative = Path.GetRelativePath(Path.Combine(web, "Resources"), resx);
            var owner = Path.Combine(web, CultureSuffix().Replace(relative, string.Empty));
            var ownerModel = owner.EndsWith("Model", StringComparison.Ordinal) ? owner[..^"Model".Length] + ".cshtml.cs" : owner + ".cshtml";
            if (!File.Exists(owner + ".cshtml") && !File.Exists(ownerModel) && !File.Exists(owner + ".cs"))
            {
                problems.Add($"{relative}: no page, page model or class of that name");
            }

            foreach (var key in XDocument.Load(resx).Root!.Elements("data").Select(d => (string)d.Attribute("name")!))
            {
                var quoted = "\"" + key.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
                if (!sources.Contains(quoted, StringComparison.Ordinal))
                {
                    problems.Add($"{relative}: \"{key}\" is no longer in the code");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    /// <summary>
    /// The conflict matcher explains a match with a fixed set of reasons (MatchReasonText), stored with the match; the
    /// intake's page and the phone screening show each in the page's language (the intake labels), so each needs its
    /// Spanish text there.
    /// </summary>
    [Fact]
    public void Every_conflict_match_reason_has_its_spanish_text_on_the_intakes_page()
    {
        var root = RepositoryRoot();
        var source = File.ReadAllText(Path.Combine(root, "src", "CounselConnect.Application", "Conflicts", "Matching", "MatchReasons.cs"));
        var reasons = MatchReasonEntry().Matches(source).Select(m => m.Groups["text"].Value).ToList();
        Assert.True(reasons.Count >= 30, $"only {reasons.Count} reasons read from MatchReasons.cs");
        var resx = Path.Combine(root, "src", "CounselConnect.Web", "Resources", "Pages", "Intake", "Labels.es.resx");
        var translated = XDocument.Load(resx).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);

        var missing = reasons.Where(r => !translated.Contains(r)).ToList();
        Assert.True(missing.Count == 0, "no Spanish text for: " + string.Join("; ", missing));
    }

    [GeneratedRegex("""\(MatchReasons\.\w+, "(?<text>[^"]+)"\)""")]
    private static partial Regex MatchReasonEntry();

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
