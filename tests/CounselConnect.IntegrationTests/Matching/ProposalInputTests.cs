using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CounselConnect.Domain.Assignments;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.Infrastructure.Seeding;
using CounselConnect.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CounselConnect.IntegrationTests.Matching;

/// <summary>
/// Placement proposals refuse what they cannot do as asked: a 400 at the field for a missing or unknown input (and
/// nothing stored or changed), a 409 that says which case or representative broke the rule.
/// </summary>
public abstract class ProposalInputTests<TFactory>(TFactory factory) where TFactory : CounselConnectFactory
{
    private static string Name() => "Zy" + Guid.NewGuid().ToString("N")[..7];

    private static string ANumber() => $"A{Random.Shared.Next(100_000_000, 999_999_999)}";

    private async Task<HttpClient> ScriptClientAsync()
    {
        var client = factory.CreateClient();
        return client.WithBearer(await client.GetClientCredentialsTokenAsync());
    }

    private async Task<HttpClient> PersonAsync(string who)
    {
        var tokens = await AuthorizationCodeFlow.SignInAsync(factory, $"{who}@{Seeder.DemoEmailDomain}", CounselConnectFactory.DemoPassword);
        return factory.CreateClient().WithBearer(tokens.AccessToken);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static List<string> ErrorKeys(JsonElement problem) =>
        [.. problem.GetProperty("errors").EnumerateObject().Select(e => e.Name)];

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>The demo attorney's profile, able to take a detained NYC asylum case in Spanish.</summary>
    private async Task<Guid> RepresentativeAsync()
    {
        using var attorney = await PersonAsync("attorney");
        using (var saved = await attorney.PutAsJsonAsync("/api/v1/representatives/me", new
        {
            displayName = "Alex Attorney",
            kind = "attorney",
            barAdmissions = new[] { new { state = "NY", number = "1234567", goodStanding = true } },
            eoirId = "ab123456",
            languages = new[] { new { code = "spa", speaks = true, reads = true, proficiency = "professional" } },
            courts = new[] { "nyc" },
            remote = false,
            detainedDocket = true,
            nonDetainedDocket = true,
            reliefExperience = new[] { new { relief = "asylum", level = "experienced" } },
            maxActiveCases = 200,
            hoursPerMonth = 400,
            unavailability = Array.Empty<object>(),
        }))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        return (await attorney.GetFromJsonAsync<JsonElement>("/api/v1/representatives/me")).GetProperty("id").GetGuid();
    }

    /// <summary>An intake not yet accepted (status <c>intake</c>): its id and reference.</summary>
    private static async Task<(Guid Id, string Reference)> IntakeAsync(HttpClient script)
    {
        var view = await IntakeRequests.SubmitForViewAsync(script, Name(), Name(), "1984-02-03", ANumber());
        return (view.GetProperty("id").GetGuid(), view.GetProperty("reference").GetString()!);
    }

    /// <summary>An accepted intake: the case needs counsel.</summary>
    private static async Task<Guid> OpenCaseAsync(HttpClient script)
    {
        var view = await IntakeRequests.SubmitForViewAsync(script, Name(), Name(), "1986-03-04", ANumber());
        await IntakeRequests.AcceptAsync(script, view);
        return view.GetProperty("id").GetGuid();
    }

    /// <summary>A draft proposal placing <paramref name="caseId"/> with <paramref name="representativeId"/>.</summary>
    private static async Task<Guid> ProposalAsync(HttpClient manager, Guid caseId, Guid representativeId)
    {
        using var created = await manager.PostAsJsonAsync("/api/v1/matching/proposals",
            new { caseIds = new[] { caseId }, representativeIds = new[] { representativeId }, background = false });
        var text = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, text);
        var proposal = JsonDocument.Parse(text).RootElement;
        Assert.Equal(caseId, Assert.Single(proposal.GetProperty("placements").EnumerateArray()).GetProperty("caseId").GetGuid());
        return proposal.GetProperty("id").GetGuid();
    }

    [Theory]
    [InlineData("{}", "placements")]
    [InlineData("""{"placements":null}""", "placements")]
    [InlineData("""{"placements":[{"caseId":"{case}"}]}""", "placements[0].representativeId")]
    [InlineData("""{"placements":[{"representativeId":"{representative}"}]}""", "placements[0].caseId")]
    [InlineData("""{"placements":[{"caseId":"{case}","representativeId":"{representative}"},{"caseId":"{case}"}]}""", "placements[1].representativeId")]
    public async Task An_edit_without_placements_or_with_a_placement_missing_an_id_is_a_400_at_the_field_and_keeps_the_placements(string body, string field)
    {
        var representativeId = await RepresentativeAsync();
        using var script = await ScriptClientAsync();
        var caseId = await OpenCaseAsync(script);
        using var manager = await PersonAsync("manager");
        var proposalId = await ProposalAsync(manager, caseId, representativeId);

        using var refused = await manager.PutAsync($"/api/v1/matching/proposals/{proposalId}",
            Json(body.Replace("{case}", caseId.ToString(), StringComparison.Ordinal).Replace("{representative}", representativeId.ToString(), StringComparison.Ordinal)));

        var problem = await ProblemAsync(refused, HttpStatusCode.BadRequest);
        Assert.Contains(field, ErrorKeys(problem));
        var stored = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/matching/proposals/{proposalId}");
        Assert.Equal(caseId, Assert.Single(stored.GetProperty("placements").EnumerateArray()).GetProperty("caseId").GetGuid());
    }

    [Fact]
    public async Task An_edit_placing_a_case_that_does_not_need_counsel_is_a_409_naming_the_case_by_reference()
    {
        var representativeId = await RepresentativeAsync();
        using var script = await ScriptClientAsync();
        var caseId = await OpenCaseAsync(script);
        var (intakeId, reference) = await IntakeAsync(script);
        using var manager = await PersonAsync("manager");
        var proposalId = await ProposalAsync(manager, caseId, representativeId);

        using var refused = await manager.PutAsJsonAsync($"/api/v1/matching/proposals/{proposalId}",
            new { placements = new[] { new { caseId, representativeId }, new { caseId = intakeId, representativeId } } });

        var problem = await ProblemAsync(refused, HttpStatusCode.Conflict);
        Assert.Equal("CaseNotOpen", problem.GetProperty("rule").GetString());
        Assert.Contains(reference, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edit_placing_with_an_unknown_representative_is_a_409_naming_the_representative_id()
    {
        var representativeId = await RepresentativeAsync();
        using var script = await ScriptClientAsync();
        var caseId = await OpenCaseAsync(script);
        using var manager = await PersonAsync("manager");
        var proposalId = await ProposalAsync(manager, caseId, representativeId);
        var unknown = Guid.NewGuid();

        using var refused = await manager.PutAsJsonAsync($"/api/v1/matching/proposals/{proposalId}",
            new { placements = new[] { new { caseId, representativeId = unknown } } });

        var problem = await ProblemAsync(refused, HttpStatusCode.Conflict);
        Assert.Equal("UnknownRepresentative", problem.GetProperty("rule").GetString());
        Assert.Contains(unknown.ToString(), problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task<int> ProposalCountAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<PlacementProposal>().CountAsync();
    }

    [Theory]
    [InlineData("unknown", "caseIds[0]")]
    [InlineData("open,unknown", "caseIds[1]")]
    [InlineData("open,intake", "caseIds[1]")]
    public async Task A_proposal_naming_a_case_that_is_not_open_is_a_400_at_that_case_and_stores_nothing(string cases, string field)
    {
        using var script = await ScriptClientAsync();
        var open = await OpenCaseAsync(script);
        var (intake, reference) = await IntakeAsync(script);
        var caseIds = cases.Split(',').Select(c => c switch { "open" => open, "intake" => intake, _ => Guid.NewGuid() }).ToArray();
        using var manager = await PersonAsync("manager");
        var before = await ProposalCountAsync();

        using var refused = await manager.PostAsJsonAsync("/api/v1/matching/proposals", new { caseIds, background = false });

        var problem = await ProblemAsync(refused, HttpStatusCode.BadRequest);
        Assert.Equal([field], ErrorKeys(problem));
        Assert.DoesNotContain(reference, problem.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(before, await ProposalCountAsync());
    }

    [Fact]
    public async Task A_proposal_naming_an_unknown_representative_is_a_400_at_that_representative_and_stores_nothing()
    {
        var representativeId = await RepresentativeAsync();
        using var script = await ScriptClientAsync();
        var open = await OpenCaseAsync(script);
        using var manager = await PersonAsync("manager");
        var before = await ProposalCountAsync();

        using var refused = await manager.PostAsJsonAsync("/api/v1/matching/proposals",
            new { caseIds = new[] { open }, representativeIds = new[] { representativeId, Guid.NewGuid() }, background = true });

        var problem = await ProblemAsync(refused, HttpStatusCode.BadRequest);
        Assert.Equal(["representativeIds[1]"], ErrorKeys(problem));
        Assert.Equal(before, await ProposalCountAsync());
    }

    [Theory]
    [InlineData("""{"caseIds":[]}""", "caseIds")]
    [InlineData("""{"representativeIds":[]}""", "representativeIds")]
    public async Task A_proposal_with_an_empty_list_is_a_400_saying_to_name_one_or_omit_the_field(string body, string field)
    {
        using var manager = await PersonAsync("manager");
        var before = await ProposalCountAsync();

        using var refused = await manager.PostAsync("/api/v1/matching/proposals", Json(body));

        var problem = await ProblemAsync(refused, HttpStatusCode.BadRequest);
        Assert.Equal([field], ErrorKeys(problem));
        Assert.Contains("omit", problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await ProposalCountAsync());
    }
}

public sealed class SqliteProposalInputTests(SqliteFactory factory) : ProposalInputTests<SqliteFactory>(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresProposalInputTests(PostgresFactory factory) : ProposalInputTests<PostgresFactory>(factory), IClassFixture<PostgresFactory>;
