using System.Net;
using System.Text.RegularExpressions;
using CounselConnect.Infrastructure.Seeding;
using CounselConnect.IntegrationTests.Support;

namespace CounselConnect.IntegrationTests.Intake;

/// <summary>
/// The intake's page (<c>/Intake/Details/{id}</c>): a conflict decision or a decline that cannot be recorded keeps what
/// was chosen and typed, and says what is wrong at the field.
/// </summary>
public sealed class IntakeDetailsPageTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    private Task<HttpClient> SignedInAsync() =>
        AuthorizationCodeFlow.SignInToPagesAsync(factory, $"intake@{Seeder.DemoEmailDomain}", CounselConnectFactory.DemoPassword);

    /// <summary>Records an intake through the form and answers its id.</summary>
    private static async Task<string> RecordAsync(HttpClient browser, string family, string aNumber)
    {
        var form = await browser.GetStringAsync("/Intake/New");
        using var posted = await browser.PostAsync("/Intake/New", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.GivenNames"] = "Detalle",
            ["Form.FamilyName"] = family,
            ["Form.ANumber"] = aNumber,
            ["Form.Custody"] = "Detained",
            ["Form.CourtCode"] = "NYC",
            ["Form.PrimaryLanguage"] = "spa",
            ["__RequestVerificationToken"] = AuthorizationCodeFlow.AntiforgeryToken(form),
        }));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        return posted.Headers.Location!.OriginalString.Split('/')[^1];
    }

    /// <summary>An intake whose conflict check found one earlier intake: its id, its page and the match's id.</summary>
    private static async Task<(string Id, string Html, string MatchId)> IntakeWithAMatchAsync(HttpClient browser)
    {
        var family = "Detalle" + Guid.NewGuid().ToString("N")[..6];
        var aNumber = "A" + Random.Shared.NextInt64(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await RecordAsync(browser, family, aNumber);
        var id = await RecordAsync(browser, family, aNumber);
        var html = await browser.GetStringAsync($"/Intake/Details/{id}");
        var matchId = Regex.Match(html, "name=\"matchId\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(matchId);
        return (id, html, matchId);
    }

    private static string? ErrorById(string html, string id)
    {
        var match = Regex.Match(html, $"<span[^>]*id=\"{Regex.Escape(id)}\"[^>]*>([^<]+)<");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    [Fact]
    public async Task A_waiver_without_a_reason_keeps_the_choice_and_says_so_at_the_reason()
    {
        using var browser = await SignedInAsync();
        var (id, html, matchId) = await IntakeWithAMatchAsync(browser);

        using var posted = await browser.PostAsync($"/Intake/Details/{id}?handler=Decide", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["matchId"] = matchId,
            ["decision"] = "Waived",
            ["reason"] = string.Empty,
            ["__RequestVerificationToken"] = AuthorizationCodeFlow.AntiforgeryToken(html),
        }));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var page = await posted.Content.ReadAsStringAsync();
        Assert.Matches($"<input[^>]*id=\"waived-{matchId}\"[^>]*checked", page);
        Assert.DoesNotMatch($"<input[^>]*id=\"no-{matchId}\"[^>]*checked", page);
        Assert.Contains("needs a reason", ErrorById(page, $"reason-{matchId}-error"), StringComparison.Ordinal);
        Assert.Matches($"<textarea[^>]*id=\"reason-{matchId}\"[^>]*aria-describedby=\"reason-{matchId}-error\"", page);
        Assert.DoesNotMatch("<p class=\"error\" role=\"alert\">", page);
    }

    [Fact]
    public async Task A_reason_without_a_decision_keeps_the_typed_reason_and_says_so_at_the_choices()
    {
        using var browser = await SignedInAsync();
        var (id, html, matchId) = await IntakeWithAMatchAsync(browser);

        using var posted = await browser.PostAsync($"/Intake/Details/{id}?handler=Decide", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["matchId"] = matchId,
            ["reason"] = "Former client & <consent> on file",
            ["__RequestVerificationToken"] = AuthorizationCodeFlow.AntiforgeryToken(html),
        }));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var page = await posted.Content.ReadAsStringAsync();
        Assert.Matches($"<textarea[^>]*id=\"reason-{matchId}\"[^>]*>\\s*Former client &amp; &lt;consent&gt; on file</textarea>", page);
        Assert.NotNull(ErrorById(page, $"decision-{matchId}-error"));
        Assert.Matches($"<fieldset[^>]*aria-describedby=\"decision-{matchId}-error\"", page);
    }

    [Fact]
    public async Task A_decline_reason_too_long_is_kept_and_told_at_the_reason_with_its_label()
    {
        using var browser = await SignedInAsync();
        var (id, html, _) = await IntakeWithAMatchAsync(browser);
        var reason = string.Concat(Enumerable.Repeat("Outside our area. ", 60)).Trim();

        using var posted = await browser.PostAsync($"/Intake/Details/{id}?handler=Decline", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["reason"] = reason,
            ["__RequestVerificationToken"] = AuthorizationCodeFlow.AntiforgeryToken(html),
        }));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var page = await posted.Content.ReadAsStringAsync();
        Assert.Contains(reason + "</textarea>", page, StringComparison.Ordinal);
        var error = ErrorById(page, "decline-reason-error");
        Assert.NotNull(error);
        Assert.Contains("“Reason for declining”", error, StringComparison.Ordinal);
        Assert.Matches("<textarea[^>]*id=\"decline-reason\"[^>]*aria-describedby=\"decline-reason-error\"", page);
        Assert.Contains(">Conflict review<", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_Spanish_the_recorded_message_and_the_relation_roles_are_translated()
    {
        using var browser = await SignedInAsync();
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");
        var form = await browser.GetStringAsync("/Intake/New");

        using var posted = await browser.PostAsync("/Intake/New", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.GivenNames"] = "Idioma",
            ["Form.FamilyName"] = "Idioma" + Guid.NewGuid().ToString("N")[..6],
            ["Form.Custody"] = "Detained",
            ["Form.CourtCode"] = "NYC",
            ["Form.PrimaryLanguage"] = "spa",
            ["Form.Related[0].GivenNames"] = "Pareja",
            ["Form.Related[0].FamilyName"] = "Prueba",
            ["Form.Related[0].Relationship"] = "SpouseOrPartner",
            ["__RequestVerificationToken"] = AuthorizationCodeFlow.AntiforgeryToken(form),
        }));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var html = WebUtility.HtmlDecode(await browser.GetStringAsync(posted.Headers.Location));

        Assert.Contains("Admisión registrada", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Intake recorded", html, StringComparison.Ordinal);
        Assert.Contains("Pareja Prueba — Cónyuge o pareja", html, StringComparison.Ordinal);
        Assert.DoesNotContain("spouse or partner", html, StringComparison.Ordinal);
    }
}
