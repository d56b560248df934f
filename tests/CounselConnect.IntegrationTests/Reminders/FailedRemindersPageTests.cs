using System.Net;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Reminders;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.Infrastructure.Seeding;
using CounselConnect.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CounselConnect.IntegrationTests.Reminders;

/// <summary>
/// The managers' failed-reminders page: days before said in the singular and plural, each error code explained, the
/// language, who can fix the contact details, the case reference without a link into a client file, and paging.
/// </summary>
public sealed class FailedRemindersPageTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    private async Task<HttpClient> ManagerAsync(bool spanish = false)
    {
        var browser = await AuthorizationCodeFlow.SignInToPagesAsync(factory, $"manager@{Seeder.DemoEmailDomain}", CounselConnectFactory.DemoPassword);
        if (spanish)
        {
            browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-MX,es;q=0.9");
        }

        return browser;
    }

    private static async Task<string> HtmlAsync(HttpClient browser, string address)
    {
        using var response = await browser.GetAsync(address);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    /// <summary>A new case and its reference, with failed reminders (offset days, error code, language) written straight to the table.</summary>
    private async Task<(string Reference, Guid OrganisationId)> CaseWithFailedRemindersAsync(IEnumerable<(int OffsetDays, string Error, string Language)> failed, DateTime? eventAtUtc = null)
    {
        using var script = factory.CreateClient();
        script.WithBearer(await script.GetClientCredentialsTokenAsync());
        var caseId = await IntakeRequests.SubmitAsync(script, "Fr" + Guid.NewGuid().ToString("N")[..8], "Failedpage", "1985-02-03");
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var @case = await db.Set<Case>().AsNoTracking().SingleAsync(c => c.Id == caseId);
        var now = DateTime.UtcNow;
        var at = eventAtUtc ?? now.AddDays(-1);
        var rows = failed.Select((f, i) => Reminder.Plan(@case.OrganisationId, caseId, ReminderTargetKind.Hearing, Guid.NewGuid(), $"hearing:{Guid.NewGuid()}:v1",
            f.OffsetDays, RecipientKind.Client, Guid.NewGuid(), ReminderChannel.Email, f.Language, at.AddMinutes(-i), null, null,
            at.AddDays(-f.OffsetDays), now)).ToList();
        db.Set<Reminder>().AddRange(rows);
        await db.SaveChangesAsync();
        foreach (var row in rows.Zip(failed))
        {
            await db.Set<Reminder>().Where(r => r.Id == row.First.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReminderStatus.Failed)
                .SetProperty(r => r.Attempts, 5).SetProperty(r => r.LastError, row.Second.Error));
        }

        return (@case.Reference, @case.OrganisationId);
    }

    private async Task<int> FailedCountAsync(Guid organisationId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Reminder>()
            .CountAsync(r => r.OrganisationId == organisationId && r.Status == ReminderStatus.Failed);
    }

    [Fact]
    public async Task Each_failed_reminder_says_its_days_error_and_language_and_who_can_fix_the_contact_details()
    {
        var (reference, organisationId) = await CaseWithFailedRemindersAsync(
            [(1, "smtp-550", "spa"), (3, "twilio-400-21610", "hat"), (0, "compose-NullReferenceException", "eng")], DateTime.UtcNow.AddYears(70));
        using var manager = await ManagerAsync();
        var html = await HtmlAsync(manager, "/Manager/Reminders");

        Assert.Contains(reference, html, StringComparison.Ordinal);
        Assert.DoesNotContain("/Attorney/Case", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/Intake/Details", html, StringComparison.Ordinal);
        Assert.Contains("1 day before", html, StringComparison.Ordinal);
        Assert.DoesNotContain("1 days before", html, StringComparison.Ordinal);
        Assert.Contains("3 days before", html, StringComparison.Ordinal);
        Assert.Contains("On the day", html, StringComparison.Ordinal);

        Assert.Contains("The recipient's mail server refused the address", html, StringComparison.Ordinal);
        Assert.Contains("smtp-550", html, StringComparison.Ordinal);
        Assert.Contains("The person replied STOP to our text messages", html, StringComparison.Ordinal);
        Assert.Contains("The message could not be put together", html, StringComparison.Ordinal);

        Assert.Contains(">Language<", html, StringComparison.Ordinal);
        Assert.Contains("Spanish (spa)", html, StringComparison.Ordinal);
        Assert.Contains("Haitian Creole (hat)", html, StringComparison.Ordinal);

        Assert.DoesNotContain("Check the contact details on the case", html, StringComparison.Ordinal);
        Assert.Contains("the attorney assigned to the case or intake staff", html, StringComparison.Ordinal);
        Assert.Contains($"of {await FailedCountAsync(organisationId)}", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_failed_reminders_than_a_page_are_counted_and_paged()
    {
        var (reference, organisationId) = await CaseWithFailedRemindersAsync(
            Enumerable.Range(0, 60).Select(_ => (7, "smtp-550", "eng")), DateTime.UtcNow.AddYears(60));
        var total = await FailedCountAsync(organisationId);
        using var manager = await ManagerAsync();

        // Every failed reminder is on exactly one page, 50 a page, and the page says where it is in the whole list.
        var seen = 0;
        var pages = (total + 49) / 50;
        for (var page = 1; page <= pages; page++)
        {
            var html = await HtmlAsync(manager, $"/Manager/Reminders?pageNumber={page}");
            var rows = Math.Min(50, total - (page - 1) * 50);
            Assert.Equal(rows, CountOf(html, "<tr>") - 1);
            Assert.Contains($"Showing {(page - 1) * 50 + 1}–{(page - 1) * 50 + rows} of {total}", html, StringComparison.Ordinal);
            Assert.Equal(page < pages, html.Contains($"pageNumber={page + 1}", StringComparison.Ordinal));
            seen += CountOf(html, reference);
        }

        Assert.True(pages >= 2);
        Assert.Equal(60, seen);
    }

    [Fact]
    public async Task The_page_speaks_spanish_with_singular_and_plural_days_and_explained_errors()
    {
        await CaseWithFailedRemindersAsync([(1, "smtp-550", "spa"), (2, "invalid-address", "eng")], DateTime.UtcNow.AddYears(80));
        using var manager = await ManagerAsync(spanish: true);
        var html = await HtmlAsync(manager, "/Manager/Reminders");

        Assert.Contains("<html lang=\"es\">", html, StringComparison.Ordinal);
        Assert.Contains("1 día antes", html, StringComparison.Ordinal);
        Assert.DoesNotContain("1 días antes", html, StringComparison.Ordinal);
        Assert.Contains("2 días antes", html, StringComparison.Ordinal);
        Assert.Contains("El servidor de correo del destinatario rechazó la dirección", html, StringComparison.Ordinal);
        Assert.Contains(">Idioma<", html, StringComparison.Ordinal);
        Assert.Contains("Español (spa)", html, StringComparison.Ordinal);
        Assert.Contains("el abogado asignado al caso o el personal de admisión", html, StringComparison.Ordinal);
        Assert.Contains("Mostrando 1–", html, StringComparison.Ordinal);
        Assert.DoesNotContain("The recipient's mail server", html, StringComparison.Ordinal);
        Assert.DoesNotContain("days before", html, StringComparison.Ordinal);
    }

    private static int CountOf(string html, string value)
    {
        var count = 0;
        for (var i = html.IndexOf(value, StringComparison.Ordinal); i >= 0; i = html.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
