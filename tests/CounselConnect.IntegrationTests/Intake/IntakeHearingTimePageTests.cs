using System.Net;
using System.Text.RegularExpressions;
using CounselConnect.Infrastructure.Seeding;
using CounselConnect.IntegrationTests.Support;

namespace CounselConnect.IntegrationTests.Intake;

/// <summary>
/// The intake queue (<c>/Intake</c>) and the intake's page (<c>/Intake/Details/{id}</c>) show the next hearing in the
/// court's local time with its zone named, as the attorney's case page does, not in UTC.
/// </summary>
public sealed class IntakeHearingTimePageTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    /// <summary>Records an intake with a hearing on 1 March 2027 at 09:00 in New York (14:00 UTC): its id and reference.</summary>
    private static async Task<(string Id, string Reference)> RecordWithHearingAsync(HttpClient browser)
    {
        var form = await browser.GetStringAsync("/Intake/New");
        using var posted = await browser.PostAsync("/Intake/New", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.GivenNames"] = "Hora",
            ["Form.FamilyName"] = "Hora" + Guid.NewGuid().ToString("N")[..6],
            ["Form.Custody"] = "Released",
            ["Form.CourtCode"] = "NYC",
            ["Form.NextHearingAt"] = "2027-03-01T09:00",
            ["Form.CourtTimeZone"] = "America/New_York",
            ["Form.NextHearingType"] = "MasterCalendar",
            ["Form.PrimaryLanguage"] = "spa",
            ["__RequestVerificationToken"] = AuthorizationCodeFlow.AntiforgeryToken(form),
        }));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var id = posted.Headers.Location!.OriginalString.Split('/')[^1];
        var details = await browser.GetStringAsync($"/Intake/Details/{id}");
        var reference = Regex.Match(details, "<span id=\"reference\">([^<]+)</span>").Groups[1].Value;
        Assert.NotEmpty(reference);
        return (id, reference);
    }

    private static void AssertCourtTime(string shown)
    {
        Assert.Contains("9:00", shown, StringComparison.Ordinal);
        Assert.Contains("America/New_York", shown, StringComparison.Ordinal);
        Assert.Contains("datetime=\"2027-03-01T09:00", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("14:00", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("UTC", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_intake_page_shows_the_next_hearing_in_the_court_local_time_with_its_zone()
    {
        using var browser = await AuthorizationCodeFlow.SignInToPagesAsync(factory, $"intake@{Seeder.DemoEmailDomain}", CounselConnectFactory.DemoPassword);
        var (id, _) = await RecordWithHearingAsync(browser);

        var html = await browser.GetStringAsync($"/Intake/Details/{id}");

        var shown = Regex.Match(html, "<dt>Next hearing</dt>\\s*<dd>(.*?)</dd>", RegexOptions.Singleline);
        Assert.True(shown.Success, "The intake's page has no next hearing.");
        AssertCourtTime(shown.Groups[1].Value);
    }

    [Fact]
    public async Task The_queue_shows_the_next_hearing_in_the_court_local_time_with_its_zone()
    {
        using var browser = await AuthorizationCodeFlow.SignInToPagesAsync(factory, $"intake@{Seeder.DemoEmailDomain}", CounselConnectFactory.DemoPassword);
        var (id, reference) = await RecordWithHearingAsync(browser);

        var html = await browser.GetStringAsync("/Intake?reference=" + Uri.EscapeDataString(reference));

        var row = Regex.Match(html, $"<tr>\\s*<t[dh][^>]*>\\s*<a href=\"/Intake/Details/{id}\">.*?</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, "The queue has no row for the intake.");
        AssertCourtTime(row.Value);
    }
}
