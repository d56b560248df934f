using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Deadlines;
using CounselConnect.Domain.Hearings;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.Infrastructure.Seeding;
using CounselConnect.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CounselConnect.IntegrationTests.Reminders;

/// <summary>
/// A judge-set deadline due on the last day of the calendar and a hearing on it, stored before the input rules had a horizon
/// (or imported), do not break the attorney's pages or the case's API: the deadline engine and the planner do not throw at
/// the end of the calendar. On each database engine.
/// </summary>
public abstract class FarDeadlineTests<TFactory>(TFactory factory) where TFactory : CounselConnectFactory
{
    private static string Attorney => $"attorney@{Seeder.DemoEmailDomain}";

    private async Task<Guid> AssignedCaseWithFarRowsAsync()
    {
        using var client = factory.CreateClient();
        client.WithBearer(await client.GetClientCredentialsTokenAsync());
        var caseId = await IntakeRequests.SubmitAsync(client, "Plazo", "Lejano" + Guid.NewGuid().ToString("N")[..6], "1988-07-09");
        var attorneyId = await CaseAssignments.UserIdAsync(factory.Services, Attorney);
        await CaseAssignments.AssignAsync(factory.Services, caseId, attorneyId);

        // Through the domain and SaveChanges, so that the interceptors seal the description and key the duplicate index.
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var @case = await db.Set<Case>().AsNoTracking().SingleAsync(c => c.Id == caseId);
        var now = DateTime.UtcNow;
        db.Add(JudgeSetDeadline.Enter(caseId, DateOnly.MaxValue, "Brief per order", attorneyId, now, DateOnly.MaxValue));
        db.Add(Hearing.Schedule(caseId, @case.OrganisationId, HearingType.Individual, new DateTime(9999, 12, 31, 23, 30, 0, DateTimeKind.Utc),
            "America/New_York", "NYC", null, AppearanceMode.InPerson, null, "test", now));
        await db.SaveChangesAsync();
        return caseId;
    }

    [Fact]
    public async Task The_attorney_pages_and_the_case_API_answer_when_a_Deadline_and_a_hearing_are_on_the_last_day_of_the_calendar()
    {
        var caseId = await AssignedCaseWithFarRowsAsync();
        using var pages = await AuthorizationCodeFlow.SignInToPagesAsync(factory, Attorney, CounselConnectFactory.DemoPassword);

        // The calendar's own months at both ends of the calendar too (its previous and next links reach past them).
        foreach (var address in new[] { "/Attorney/Cases", "/Attorney/Calendar", "/Attorney/Calendar?month=9999-12", "/Attorney/Calendar?month=0001-01", $"/Attorney/Case/{caseId}" })
        {
            using var page = await pages.GetAsync(address);
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"{address}: {(int)page.StatusCode}");
        }

        var tokens = await AuthorizationCodeFlow.SignInAsync(factory, Attorney, CounselConnectFactory.DemoPassword);
        using var api = factory.CreateClient().WithBearer(tokens.AccessToken);
        foreach (var address in new[] { $"/api/v1/cases/{caseId}/deadlines", $"/api/v1/cases/{caseId}/reminders", $"/api/v1/cases/{caseId}/hearings" })
        {
            using var answer = await api.GetAsync(address);
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{address}: {(int)answer.StatusCode}");
        }

        // Entering another deadline on the case replans it, the far rows included.
        var due = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(20)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var entered = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines", new { dueDate = due, description = "Witness list" });
        Assert.True(entered.StatusCode == HttpStatusCode.Created, await entered.Content.ReadAsStringAsync());
        await ReminderMaterialisation.AllAsync(factory.Services);
        using var reminders = await api.GetAsync($"/api/v1/cases/{caseId}/reminders");
        Assert.Equal(HttpStatusCode.OK, reminders.StatusCode);
    }
}

public sealed class SqliteFarDeadlineTests(SqliteFactory factory) : FarDeadlineTests<SqliteFactory>(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresFarDeadlineTests(PostgresFactory factory) : FarDeadlineTests<PostgresFactory>(factory), IClassFixture<PostgresFactory>;
