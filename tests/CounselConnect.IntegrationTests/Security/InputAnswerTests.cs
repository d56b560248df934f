using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CounselConnect.Application.Hearings;
using CounselConnect.Application.Hearings.EnterJudgeSetDeadline;
using CounselConnect.Domain.Auditing;
using CounselConnect.Domain.Deadlines;
using CounselConnect.Domain.Representatives;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.Infrastructure.Seeding;
using CounselConnect.IntegrationTests.Reminders;
using CounselConnect.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CounselConnect.IntegrationTests.Security;

/// <summary>
/// Bad input gets a clear answer and changes nothing: a 400 ProblemDetails whose <c>errors</c> name the field (or a 409
/// for a duplicate), on each database engine; and the times the API names <c>…Utc</c> carry their offset.
/// </summary>
public abstract class InputAnswerTests<TFactory>(TFactory factory) where TFactory : CounselConnectFactory
{
    private async Task<HttpClient> ClientAsync()
    {
        var client = factory.CreateClient();
        return client.WithBearer(await client.GetClientCredentialsTokenAsync());
    }

    private async Task<HttpClient> PersonAsync(string user)
    {
        var tokens = await AuthorizationCodeFlow.SignInAsync(factory, $"{user}@{Seeder.DemoEmailDomain}", CounselConnectFactory.DemoPassword);
        return factory.CreateClient().WithBearer(tokens.AccessToken);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The keys of the problem's <c>errors</c>.</summary>
    private static List<string> ErrorKeys(JsonElement problem) =>
        [.. problem.GetProperty("errors").EnumerateObject().Select(e => e.Name)];

    private static Dictionary<string, object?> Profile(string displayName = "Input Rules Attorney") => new()
    {
        ["displayName"] = displayName,
        ["kind"] = "attorney",
        ["barAdmissions"] = new[] { new { state = "NY", number = "1234567", goodStanding = true } },
        ["eoirId"] = "AB123456",
        ["languages"] = new[] { new { code = "spa", speaks = true, reads = true, proficiency = "professional" } },
        ["courts"] = new[] { "NYC", "NWK" },
        ["remote"] = false,
        ["detainedDocket"] = true,
        ["nonDetainedDocket"] = true,
        ["reliefExperience"] = Array.Empty<object>(),
        ["maxActiveCases"] = 5,
        ["hoursPerMonth"] = 20,
        ["unavailability"] = Array.Empty<object>(),
    };

    private async Task<RepresentativeProfile?> StoredProfileAsync(Guid id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<RepresentativeProfile>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id);
    }

    [Theory]
    [InlineData("barAdmissions", """[{"state":"N1","number":"1234567","goodStanding":true}]""", "barAdmissions[0].state")]
    [InlineData("barAdmissions", """[{"state":"XX","number":"1234567","goodStanding":true}]""", "barAdmissions[0].state")]
    [InlineData("courts", """["N","Y","C!"]""", "courts[0]")]
    [InlineData("courts", """["NYC","C!"]""", "courts[1]")]
    [InlineData("eoirId", "\"<script>\"", "eoirId")]
    [InlineData("eoirId", "\"AB 123\"", "eoirId")]
    public async Task A_profile_with_a_bad_bar_state_court_code_or_EOIR_id_is_a_400_naming_the_field_and_changes_nothing(string field, string json, string errorKey)
    {
        using var attorney = await PersonAsync("attorney");
        using (var saved = await attorney.PutAsJsonAsync("/api/v1/representatives/me", Profile()))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        var id = (await attorney.GetFromJsonAsync<JsonElement>("/api/v1/representatives/me")).GetProperty("id").GetGuid();
        var before = await StoredProfileAsync(id);

        var body = Profile("Changed By Bad Request");
        body[field] = JsonSerializer.Deserialize<JsonElement>(json);
        using var refused = await attorney.PutAsJsonAsync("/api/v1/representatives/me", body);

        var problem = await ProblemAsync(refused, HttpStatusCode.BadRequest);
        Assert.Contains(ErrorKeys(problem), k => k.EndsWith(errorKey, StringComparison.Ordinal));
        var after = await StoredProfileAsync(id);
        Assert.Equal(before!.Revision, after!.Revision);
        Assert.Equal("Input Rules Attorney", after.DisplayName);
        Assert.Equal(["NYC", "NWK"], after.Courts);
        Assert.Equal("AB123456", after.EoirId);
    }

    [Fact]
    public async Task A_profile_with_a_territory_bar_and_lower_case_codes_is_saved()
    {
        using var attorney = await PersonAsync("attorney");
        var body = Profile();
        body["barAdmissions"] = new[] { new { state = "pr", number = "998877", goodStanding = true }, new { state = "DC", number = "1", goodStanding = true } };
        body["courts"] = new[] { "nyc" };
        body["eoirId"] = "ab123456";
        using var saved = await attorney.PutAsJsonAsync("/api/v1/representatives/me", body);
        Assert.True(saved.StatusCode == HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
    }

    private async Task<string> AssignedCaseAsync()
    {
        using var client = await ClientAsync();
        var caseId = await IntakeRequests.SubmitAsync(client, "Plazo", "Prueba" + Guid.NewGuid().ToString("N")[..6], "1990-02-03");
        await CaseAssignments.AssignAsync(factory.Services, caseId, await CaseAssignments.UserIdAsync(factory.Services, $"attorney@{Seeder.DemoEmailDomain}"));
        return caseId.ToString();
    }

    private async Task<int> DeadlinesAsync(string caseId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var id = Guid.Parse(caseId);
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<JudgeSetDeadline>().CountAsync(d => d.CaseId == id);
    }

    [Fact]
    public async Task A_deadline_due_in_the_past_is_a_400_on_dueDate_and_is_not_stored()
    {
        var caseId = await AssignedCaseAsync();
        using var attorney = await PersonAsync("attorney");

        using var refused = await attorney.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines", new { dueDate = "2020-03-02", description = "Brief per order" });

        var problem = await ProblemAsync(refused, HttpStatusCode.BadRequest);
        Assert.Contains("dueDate", ErrorKeys(problem));
        Assert.Equal(0, await DeadlinesAsync(caseId));
    }

    [Theory]
    [InlineData("9999-12-31", null)]
    [InlineData("3000-01-01", null)]
    [InlineData(null, "9999-12-31")]
    public async Task A_deadline_or_its_hearing_date_beyond_the_horizon_is_a_400_on_that_field_and_nothing_is_stored(string? dueDate, string? hearingDate)
    {
        var caseId = await AssignedCaseAsync();
        using var attorney = await PersonAsync("attorney");
        var beyond = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(HearingInputRules.HorizonYears).AddDays(1);
        var body = new
        {
            dueDate = dueDate ?? beyond.AddYears(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            description = "Brief per order",
            hearingDate,
        };

        using var refused = await attorney.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines", body);

        var problem = await ProblemAsync(refused, HttpStatusCode.BadRequest);
        var field = dueDate is null ? "hearingDate" : "dueDate";
        Assert.Equal([field], ErrorKeys(problem));
        Assert.Equal(field == "dueDate" ? EnterJudgeSetDeadlineValidator.TooFarMessage : HearingInputRules.TooFarMessage,
            problem.GetProperty("errors").GetProperty(field)[0].GetString());
        Assert.Equal(0, await DeadlinesAsync(caseId));
        Assert.Equal(0, await DeadlineAuditEntriesAsync(caseId));

        // The last day within the horizon is accepted.
        using var accepted = await attorney.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines",
            new { dueDate = beyond.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), description = "Brief per order" });
        Assert.True(accepted.StatusCode == HttpStatusCode.Created, await accepted.Content.ReadAsStringAsync());
    }

    private async Task<int> DeadlineAuditEntriesAsync(string caseId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var id = Guid.Parse(caseId);
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<AuditEntry>()
            .CountAsync(e => e.EntityId == id && e.Action == "deadline.enter");
    }

    [Fact]
    public async Task The_same_deadline_posted_twice_is_a_409_and_stored_once()
    {
        var caseId = await AssignedCaseAsync();
        using var attorney = await PersonAsync("attorney");
        var due = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(25)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        using (var first = await attorney.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines", new { dueDate = due, description = "Evidence per scheduling order" }))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        using var again = await attorney.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines", new { dueDate = due, description = " Evidence per scheduling order " });
        var problem = await ProblemAsync(again, HttpStatusCode.Conflict);
        Assert.Equal("JudgeSetDeadlineDuplicate", problem.GetProperty("rule").GetString());
        Assert.Equal(1, await DeadlinesAsync(caseId));

        // Another deadline the same day is a different deadline.
        using (var other = await attorney.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines", new { dueDate = due, description = "Witness list" }))
        {
            Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        }

        Assert.Equal(2, await DeadlinesAsync(caseId));
    }

    [Theory]
    [InlineData("/api/v1/opportunities/{0}/accept")]
    [InlineData("/api/v1/cases/{0}/deadlines")]
    [InlineData("/api/v1/admin/cases/{0}/legal-hold")]
    public async Task A_request_without_its_body_is_a_400_saying_the_body_is_required(string route)
    {
        using var http = await ClientAsync();
        var uri = string.Format(CultureInfo.InvariantCulture, route, Guid.NewGuid());
        using var request = new HttpRequestMessage(route.EndsWith("legal-hold", StringComparison.Ordinal) ? HttpMethod.Put : HttpMethod.Post, uri);

        using var response = await http.SendAsync(request);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("body", ErrorKeys(problem));
        Assert.Contains("required", problem.GetProperty("errors").GetProperty("body")[0].GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("manager", "/api/v1/audit?from=bad", "from")]
    [InlineData("manager", "/api/v1/audit?to=2026-13-45", "to")]
    [InlineData("manager", "/api/v1/audit?page=first", "page")]
    [InlineData("manager", "/api/v1/reports/caseload?from=bad", "from")]
    [InlineData("manager", "/api/v1/reports/representation-rate?to=yesterday", "to")]
    public async Task A_query_value_that_cannot_be_read_is_a_400_naming_the_parameter(string user, string uri, string parameter)
    {
        using var http = await PersonAsync(user);

        using var response = await http.GetAsync(uri);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal([parameter], ErrorKeys(problem));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.DoesNotContain("bad", problem.GetProperty("errors").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_report_format_is_a_400_with_a_detail_and_the_format_field()
    {
        using var http = await PersonAsync("manager");

        using var response = await http.GetAsync("/api/v1/reports/caseload?format=xml");

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["format"], ErrorKeys(problem));
        Assert.False(string.IsNullOrWhiteSpace(problem.TryGetProperty("detail", out var detail) ? detail.GetString() : null));
    }

    [Fact]
    public async Task Audit_entry_times_carry_the_UTC_offset()
    {
        // An audited action in the organisation the manager reads, so that the trail has an entry.
        using (var client = await ClientAsync())
        {
            var caseId = await IntakeRequests.SubmitAsync(client, "Auditoría", "Prueba" + Guid.NewGuid().ToString("N")[..6], "1979-07-08");
            using var hold = await client.PutAsJsonAsync($"/api/v1/admin/cases/{caseId}/legal-hold", new { reason = "Audit time check" });
            Assert.Equal(HttpStatusCode.OK, hold.StatusCode);
        }

        using var http = await PersonAsync("manager");

        var page = await http.GetFromJsonAsync<JsonElement>("/api/v1/audit?pageSize=5");

        var entries = page.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.EndsWith("Z", e.GetProperty("atUtc").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_legal_hold_placed_and_released_answers_both_times_with_the_UTC_offset()
    {
        using var http = await ClientAsync();
        var caseId = await IntakeRequests.SubmitAsync(http, "Retención", "Prueba" + Guid.NewGuid().ToString("N")[..6], "1985-05-06");

        using var placed = await http.PutAsJsonAsync($"/api/v1/admin/cases/{caseId}/legal-hold", new { reason = "Subpoena challenge, matter 2026-99" });
        Assert.Equal(HttpStatusCode.OK, placed.StatusCode);
        var placedBody = await placed.Content.ReadFromJsonAsync<JsonElement>();
        using var released = await http.DeleteAsync($"/api/v1/admin/cases/{caseId}/legal-hold");
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
        var releasedBody = await released.Content.ReadFromJsonAsync<JsonElement>();

        Assert.EndsWith("Z", placedBody.GetProperty("placedAtUtc").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("Z", releasedBody.GetProperty("placedAtUtc").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("Z", releasedBody.GetProperty("releasedAtUtc").GetString(), StringComparison.Ordinal);
        // The same instant both times (PostgreSQL keeps microseconds, so the answer read back may be shorter by a tick or so).
        var difference = placedBody.GetProperty("placedAtUtc").GetDateTime() - releasedBody.GetProperty("placedAtUtc").GetDateTime();
        Assert.True(difference.Duration() < TimeSpan.FromMilliseconds(1), difference.ToString());
    }
}

public sealed class SqliteInputAnswerTests(SqliteFactory factory) : InputAnswerTests<SqliteFactory>(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresInputAnswerTests(PostgresFactory factory) : InputAnswerTests<PostgresFactory>(factory), IClassFixture<PostgresFactory>;
