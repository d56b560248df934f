using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CounselConnect.Domain.Auditing;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Conflicts;
using CounselConnect.Domain.Organisations;
using CounselConnect.Domain.Outcomes;
using CounselConnect.Infrastructure.Identity;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.Infrastructure.Seeding;
using CounselConnect.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CounselConnect.IntegrationTests.Outcomes;

/// <summary>Recording a case's closing through HTTP, on each database engine.</summary>
public abstract class OutcomeTests<TFactory>(TFactory factory) where TFactory : CounselConnectFactory
{
    private static readonly DateTime IntakeAt = new(2025, 4, 1, 13, 0, 0, DateTimeKind.Utc);

    private async Task<Guid> NewCaseAsync(bool accepted = true)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var org = await db.Set<Organisation>().SingleAsync(o => o.Name == Seeder.DemoOrganisationName);
        var c = new Case(org.Id, null, $"CC-OUT-{Guid.NewGuid():N}"[..20], CustodyStatus.Detained, "NYC", null, null, null,
            [ReliefType.Asylum], "spa", [], false, "test", IntakeAt);
        if (accepted)
        {
            c.AcceptIntake(new ConflictCheck(org.Id, c.Id, MatchLevel.NoMatch, "system", IntakeAt), IntakeAt);
        }

        db.Set<Case>().Add(c);
        await db.SaveChangesAsync();
        return c.Id;
    }

    private async Task<HttpClient> ClientAsync()
    {
        var client = factory.CreateClient();
        client.WithBearer(await client.GetClientCredentialsTokenAsync());
        return client;
    }

    private async Task<Guid> UserIdAsync(string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<ApplicationUser>()
            .Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    private Task<Guid> DemoAttorneyAsync() => UserIdAsync($"attorney@{Seeder.DemoEmailDomain}");

    private static object Granted(Guid attorneyId, string decisionDate = "2025-10-01") => new
    {
        outcome = "relief_granted",
        reliefGranted = "asylum",
        closingCode = "IB",
        fundingSources = new[] { "city", "LSC" },
        representativeType = "pro_bono",
        attorneyId,
        nationality = "gtm",
        counselAssignedDate = "2025-04-11",
        firstHearingWithCounselDate = "2025-05-02",
        decisionDate = decisionDate,
    };

    [Fact]
    public async Task Recording_a_closing_stores_the_outcome_dates_and_tags_and_is_audited()
    {
        var caseId = await NewCaseAsync();
        using var client = await ClientAsync();

        using var response = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/closing", Granted(await DemoAttorneyAsync()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("allowed_to_stay", body.GetProperty("outcomeGroup").GetString());
        Assert.Equal(10, body.GetProperty("daysToCounsel").GetInt32());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stored = await db.Set<CaseClosing>().Include(c => c.FundingSources).SingleAsync(c => c.CaseId == caseId);
        Assert.Equal(CourtOutcome.ReliefGranted, stored.Outcome);
        Assert.Equal(ReliefType.Asylum, stored.ReliefGranted);
        Assert.Equal(LscClosingCode.IB, stored.ClosingCode);
        Assert.Equal(RepresentativeType.ProBono, stored.RepresentativeType);
        Assert.Equal("GTM", stored.Nationality);
        Assert.Equal(new DateOnly(2025, 4, 1), stored.IntakeDate);
        Assert.Equal(new DateOnly(2025, 5, 2), stored.FirstHearingWithCounselDate);
        Assert.Equal(new DateOnly(2025, 10, 1), stored.DecisionDate);
        Assert.Equal(["city", "lsc"], stored.FundingSources.Select(f => f.Tag).Order(StringComparer.Ordinal));
        Assert.True(await db.Set<AuditEntry>().AnyAsync(a => a.Action == "case.closing.record" && a.EntityId == caseId));
    }

    [Fact]
    public async Task Recording_again_updates_the_one_closing_of_the_case()
    {
        var caseId = await NewCaseAsync();
        using var client = await ClientAsync();
        using var pending = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/closing",
            new { outcome = "pending", fundingSources = new[] { "city", "vera" } });
        Assert.Equal(HttpStatusCode.OK, pending.StatusCode);

        using var decided = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/closing",
            new { outcome = "removal_ordered", inAbsentia = true, closingCode = "H", decisionDate = "2025-06-30", fundingSources = new[] { "vera" } });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stored = await db.Set<CaseClosing>().Include(c => c.FundingSources).SingleAsync(c => c.CaseId == caseId);
        Assert.Equal(OutcomeGroup.OrderedToLeave, stored.OutcomeGroup);
        Assert.True(stored.InAbsentia);

        // The kept tag row follows the closing: its copies of the code and decision date are the new ones.
        var tag = Assert.Single(await db.Set<ClosingFundingSource>().AsNoTracking().Where(f => f.CaseId == caseId).ToListAsync());
        Assert.Equal("vera", tag.Tag);
        Assert.Equal(stored.OrganisationId, tag.OrganisationId);
        Assert.Equal(LscClosingCode.H, tag.ClosingCode);
        Assert.Equal(new DateOnly(2025, 6, 30), tag.DecisionDate);
    }

    [Theory]
    [InlineData("{\"outcome\":\"relief_granted\",\"reliefGranted\":\"asylum\",\"inAbsentia\":true,\"decisionDate\":\"2025-06-01\"}", "InAbsentiaOnlyWithRemoval")]
    [InlineData("{\"outcome\":\"relief_granted\",\"decisionDate\":\"2025-06-01\"}", "ReliefTypeRequired")]
    [InlineData("{\"outcome\":\"terminated\",\"decisionDate\":\"2025-03-31\"}", "DecisionNotBeforeIntake")]
    [InlineData("{\"outcome\":\"dismissed\"}", "DecisionDateRequired")]
    [InlineData("{\"outcome\":\"dismissed\",\"decisionDate\":\"2025-06-01\",\"representativeType\":\"staff\"}", "RepresentationNeedsTypeAndDate")]
    public async Task Business_rules_answer_409_with_the_rule(string json, string rule)
    {
        var caseId = await NewCaseAsync();
        using var client = await ClientAsync();

        using var response = await client.PostAsync($"/api/v1/cases/{caseId}/closing",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(rule, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rule").GetString());
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<CaseClosing>().AnyAsync(c => c.CaseId == caseId));
    }

    [Fact]
    public async Task Invalid_input_is_400_an_unknown_case_404_and_an_unaccepted_intake_409()
    {
        using var client = await ClientAsync();
        var caseId = await NewCaseAsync();
        using var noOutcome = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/closing", new { decisionDate = "2025-06-01" });
        Assert.Equal(HttpStatusCode.BadRequest, noOutcome.StatusCode);
        Assert.True((await noOutcome.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("outcome", out _));
        using var badNationality = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/closing",
            new { outcome = "dismissed", decisionDate = "2025-06-01", nationality = "Guatemala" });
        Assert.Equal(HttpStatusCode.BadRequest, badNationality.StatusCode);
        using var future = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/closing",
            new { outcome = "dismissed", decisionDate = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd") });
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);

        using var unknown = await client.PostAsJsonAsync($"/api/v1/cases/{Guid.NewGuid()}/closing", new { outcome = "pending" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        var atIntake = await NewCaseAsync(accepted: false);
        using var notAccepted = await client.PostAsJsonAsync($"/api/v1/cases/{atIntake}/closing", new { outcome = "pending" });
        Assert.Equal(HttpStatusCode.Conflict, notAccepted.StatusCode);
    }

    [Fact]
    public async Task An_attorney_who_is_not_a_user_of_the_organisation_is_a_field_error_and_nothing_is_stored()
    {
        var otherUser = Guid.NewGuid();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var other = new Organisation($"Other program {Guid.NewGuid():N}");
            db.Set<Organisation>().Add(other);
            db.Set<ApplicationUser>().Add(new ApplicationUser
            {
                Id = otherUser, UserName = $"{otherUser:N}@other.test", NormalizedUserName = $"{otherUser:N}@OTHER.TEST",
                Email = $"{otherUser:N}@other.test", DisplayName = "Other", OrganisationId = other.Id,
            });
            await db.SaveChangesAsync();
        }

        var caseId = await NewCaseAsync();
        using var client = await ClientAsync();
        foreach (var attorneyId in new[] { otherUser, Guid.NewGuid() })
        {
            using var response = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/closing", Granted(attorneyId));

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
            Assert.Contains("not a user of your organisation", errors.GetProperty("attorneyId")[0].GetString(), StringComparison.Ordinal);
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.False(await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<CaseClosing>().AnyAsync(c => c.CaseId == caseId));
        }

        // A user of the same organisation is accepted.
        using var ok = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/closing", Granted(await DemoAttorneyAsync()));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task Attorneys_may_record_closings_on_cases_assigned_to_them_and_intake_staff_may_not()
    {
        var caseId = await NewCaseAsync();
        using var client = factory.CreateClient();
        var intake = await AuthorizationCodeFlow.SignInAsync(factory, "intake@demo.counselconnect.test", CounselConnectFactory.DemoPassword);
        client.WithBearer(intake.AccessToken);
        using var denied = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/closing", Granted(await DemoAttorneyAsync()));
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);

        var attorney = await AuthorizationCodeFlow.SignInAsync(factory, "attorney@demo.counselconnect.test", CounselConnectFactory.DemoPassword);
        client.WithBearer(attorney.AccessToken);
        using (var notTheirs = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/closing", Granted(await DemoAttorneyAsync())))
        {
            Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.False(await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<CaseClosing>().AnyAsync(c => c.CaseId == caseId));
        }

        await Reminders.CaseAssignments.AssignAsync(factory.Services, caseId, await DemoAttorneyAsync());
        using var allowed = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/closing", Granted(await DemoAttorneyAsync()));
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }
}

public sealed class SqliteOutcomeTests(SqliteFactory factory) : OutcomeTests<SqliteFactory>(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresOutcomeTests(PostgresFactory factory) : OutcomeTests<PostgresFactory>(factory), IClassFixture<PostgresFactory>;
