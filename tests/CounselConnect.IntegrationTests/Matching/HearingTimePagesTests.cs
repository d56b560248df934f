using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Inbox;
using CounselConnect.Domain.Representatives;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.Infrastructure.Seeding;
using CounselConnect.IntegrationTests.Reminders;
using CounselConnect.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CounselConnect.IntegrationTests.Matching;

/// <summary>
/// The calendar, "my cases", the inbox, the board and batch placement show a hearing in the court's local time (or on the
/// court's local date) with its zone named, as the intake pages and the attorney's case page do. The hearing is on
/// 2 March 2031 at 03:00 UTC in a Los Angeles court: 1 March 2031 at 19:00 there, so a page that shows the UTC date
/// shows the wrong day.
/// </summary>
public sealed class HearingTimePagesTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    private const string Zone = "America/Los_Angeles";
    private const string LocalDateTime = "2031-03-01T19:00:00";
    private static readonly DateTime Local = new(2031, 3, 1, 19, 0, 0);
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    private static string Attorney => $"attorney@{Seeder.DemoEmailDomain}";

    private static async Task<string> HtmlAsync(HttpClient browser, string address)
    {
        using var response = await browser.GetAsync(address);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {html}");
        return html;
    }

    /// <summary>An accepted case (needs counsel) in a court of its own code with its hearing in Los Angeles: id, reference, court.</summary>
    private async Task<(Guid Id, string Reference, string Court)> CaseNeedingCounselAsync()
    {
        using var script = factory.CreateClient();
        script.WithBearer(await script.GetClientCredentialsTokenAsync());
        var court = "TZ" + Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
        using var submitted = await script.PostAsJsonAsync("/api/v1/intakes", new
        {
            person = new { givenNames = "Hora" + Guid.NewGuid().ToString("N")[..6], familyNames = "Pacifico", aliases = Array.Empty<string>() },
            relatedParties = Array.Empty<object>(),
            custody = "released",
            courtCode = court,
            nextHearing = new { at = new DateTimeOffset(2031, 3, 2, 3, 0, 0, TimeSpan.Zero), type = "master_calendar", timeZone = Zone },
            primaryLanguage = "spa",
            languages = new[] { new { code = "spa", speaks = true, reads = true } },
            reliefSought = new[] { "asylum" },
        });
        var text = await submitted.Content.ReadAsStringAsync();
        Assert.True(submitted.StatusCode == HttpStatusCode.Created, text);
        var intake = JsonDocument.Parse(text).RootElement.Clone();
        await IntakeRequests.AcceptAsync(script, intake);
        return (intake.GetProperty("id").GetGuid(), intake.GetProperty("reference").GetString()!, court);
    }

    /// <summary>The hearing as <c>CourtTime</c> shows it: in a time element with the court's wall-clock time, the zone after it.</summary>
    private static void AssertCourtTime(string shown, string format)
    {
        Assert.Contains($"<time datetime=\"{LocalDateTime}\">{Local.ToString(format, English)}</time>", shown, StringComparison.Ordinal);
        Assert.Contains($"<span class=\"hint\">({Zone})</span>", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("UTC", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("2031-03-02", shown, StringComparison.Ordinal);
        Assert.DoesNotContain(new DateTime(2031, 3, 2).ToString("d", English), shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_calendar_shows_a_hearing_on_the_court_local_day_at_the_court_local_time_with_its_zone()
    {
        var (caseId, reference, _) = await CaseNeedingCounselAsync();
        await CaseAssignments.AssignAsync(factory.Services, caseId, await CaseAssignments.UserIdAsync(factory.Services, Attorney));
        using var attorney = await AuthorizationCodeFlow.SignInToPagesAsync(factory, Attorney, CounselConnectFactory.DemoPassword);

        var html = await HtmlAsync(attorney, "/Attorney/Calendar?month=2031-03");

        var day = Regex.Match(html, "<h3 id=\"day-2031-03-01\">.*?</ul>", RegexOptions.Singleline);
        Assert.True(day.Success, "The calendar has no 1 March 2031.");
        var item = Regex.Match(day.Value, $"<li class=\"agenda-item hearing\">((?:(?!</li>).)*?case {Regex.Escape(reference)}.*?)</li>", RegexOptions.Singleline);
        Assert.True(item.Success, "The hearing is not on the court's day, 1 March 2031.");
        AssertCourtTime(item.Groups[1].Value, "t");
    }

    [Fact]
    public async Task My_cases_shows_the_next_hearing_in_the_court_local_time_with_its_zone()
    {
        var (caseId, _, _) = await CaseNeedingCounselAsync();
        await CaseAssignments.AssignAsync(factory.Services, caseId, await CaseAssignments.UserIdAsync(factory.Services, Attorney));
        using var attorney = await AuthorizationCodeFlow.SignInToPagesAsync(factory, Attorney, CounselConnectFactory.DemoPassword);

        var html = await HtmlAsync(attorney, "/Attorney/Cases");

        var row = Regex.Match(html, $"<tr>\\s*<th scope=\"row\"><a href=\"/Attorney/Case/{caseId}\">.*?</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, "My cases has no row for the case.");
        AssertCourtTime(row.Value, "g");
    }

    [Fact]
    public async Task The_inbox_shows_the_next_hearing_on_the_court_local_date_with_its_zone()
    {
        var (caseId, _, court) = await CaseNeedingCounselAsync();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var @case = await db.Set<Case>().AsNoTracking().SingleAsync(c => c.Id == caseId);
            var subject = (await CaseAssignments.UserIdAsync(factory.Services, Attorney)).ToString();
            var now = DateTime.UtcNow;
            var profile = await db.Set<RepresentativeProfile>().FirstOrDefaultAsync(p => p.UserSubject == subject && p.OrganisationId == @case.OrganisationId);
            if (profile is null)
            {
                profile = new RepresentativeProfile(@case.OrganisationId, subject, now);
                db.Set<RepresentativeProfile>().Add(profile);
            }

            db.Set<InboxItem>().Add(new InboxItem(@case.OrganisationId, profile.Id, @case.Id, @case.StatusChangedAtUtc, @case.ReliefSought, @case.CourtCode,
                @case.HearingLocation, @case.Custody, @case.PrimaryLanguage, @case.InterpreterNeeded, @case.NextHearingUtc, @case.NextHearingType,
                10, 50, 70, now));
            await db.SaveChangesAsync();
        }

        using var attorney = await AuthorizationCodeFlow.SignInToPagesAsync(factory, Attorney, CounselConnectFactory.DemoPassword);

        var html = await HtmlAsync(attorney, "/Attorney/Inbox");

        var item = Regex.Match(html, $"<li class=\"unread\">(?:(?!</li>).)*?· {court} ·.*?</li>", RegexOptions.Singleline);
        Assert.True(item.Success, "The inbox has no item for the case.");
        var hint = Regex.Match(item.Value, "<p class=\"hint\">(.*?)</p>", RegexOptions.Singleline);
        AssertCourtTime(hint.Groups[1].Value, "d");
    }

    [Fact]
    public async Task The_board_shows_the_next_hearing_on_the_court_local_date_with_its_zone()
    {
        var (_, _, court) = await CaseNeedingCounselAsync();
        using var attorney = await AuthorizationCodeFlow.SignInToPagesAsync(factory, Attorney, CounselConnectFactory.DemoPassword);

        var html = await HtmlAsync(attorney, "/Attorney/Board?court=" + court);

        var shown = Regex.Match(html, "<dt>Next hearing</dt>\\s*<dd>(.*?)</dd>", RegexOptions.Singleline);
        Assert.True(shown.Success, "The board has no next hearing for the case.");
        AssertCourtTime(shown.Groups[1].Value, "D");
    }

    [Fact]
    public async Task The_boards_filing_deadline_counts_from_the_court_local_hearing_day()
    {
        var (_, _, court) = await CaseNeedingCounselAsync();
        using var attorney = await AuthorizationCodeFlow.SignInToPagesAsync(factory, Attorney, CounselConnectFactory.DemoPassword);

        var html = await HtmlAsync(attorney, "/Attorney/Board?court=" + court);

        var calculator = new CounselConnect.Domain.Deadlines.DeadlineCalculator();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var rule = CounselConnect.Domain.Deadlines.EoirDeadlineRules.MasterCalendarFilingId;
        var expected = calculator.Compute(rule, new DateOnly(2031, 3, 1), today)!.DueDate;
        var fromUtcDay = calculator.Compute(rule, new DateOnly(2031, 3, 2), today)!.DueDate;
        Assert.NotEqual(expected, fromUtcDay);
        var shown = Regex.Match(html, "<dt>Filing deadline</dt>\\s*<dd>(.*?)</dd>", RegexOptions.Singleline);
        Assert.True(shown.Success, "The board has no filing deadline for the case.");
        Assert.Contains(expected.ToString("D", English), shown.Groups[1].Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Placement_shows_the_next_hearing_of_each_case_on_the_court_local_date_with_its_zone()
    {
        var (caseId, _, _) = await CaseNeedingCounselAsync();
        using var manager = await AuthorizationCodeFlow.SignInToPagesAsync(factory, $"manager@{Seeder.DemoEmailDomain}", CounselConnectFactory.DemoPassword);

        var html = await HtmlAsync(manager, "/Manager/Placement");

        var label = Regex.Match(html, $"<label class=\"inline-label\" for=\"case-{caseId}\">(.*?)</label>", RegexOptions.Singleline);
        Assert.True(label.Success, "Placement does not list the case.");
        AssertCourtTime(label.Groups[1].Value, "d");
    }
}
