using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Hearings;
using CounselConnect.Domain.Organisations;
using CounselConnect.Domain.Representatives;
using CounselConnect.Domain.Retention;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.Infrastructure.Seeding;
using CounselConnect.IntegrationTests.Reminders;
using CounselConnect.IntegrationTests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CounselConnect.IntegrationTests.Security;

/// <summary>
/// The object-level half of the authorization matrix: every API endpoint that names a case (built from the app's own
/// endpoint list) × every caller the role matrix admits × three cases: one assigned to the demo attorney, one of the
/// same organisation and office assigned to nobody, and one of another organisation. A caller who may not see the case
/// gets 404 (the same answer as for an id that does not exist) and the database is unchanged; a caller who may see it
/// is never answered 401, 403 or 404. The requests carry valid bodies, so validation cannot answer first.
/// </summary>
public abstract class ObjectAuthorizationTests<TFactory>(TFactory factory, ITestOutputHelper output) where TFactory : CounselConnectFactory
{
    private const string Intake = "IntakeStaff";
    private const string Attorney = "Attorney";
    private const string Manager = "ProgramManager";
    private const string Admin = "Administrator";
    private const string Client = "client";

    private enum Target { Assigned, Unassigned, OtherOrganisation }

    /// <summary>What a caller gets for one of the three cases on one endpoint.</summary>
    private enum Expect
    {
        /// <summary>Anything but 401, 403 or 404.</summary>
        Reach,

        /// <summary>404 and the database unchanged.</summary>
        Hidden,

        /// <summary>403 and the database unchanged: the endpoint takes a person's word, not an integration's.</summary>
        PeopleOnly,

        /// <summary>The case is visible but has nothing to act on (no assignment to end): 404 is a fair answer.</summary>
        NothingToActOn,
    }

    private static Expect Expected(string caller, Target target, string key) => (caller, target, key) switch
    {
        (_, Target.OtherOrganisation, _) => Expect.Hidden,

        // Break-glass reads need a live grant, which nobody holds here.
        (Admin, _, _) when key.Contains("/break-glass/", StringComparison.Ordinal) => Expect.Hidden,

        // Endpoints that act as the calling representative: an integration client has no representative profile.
        (Client, _, "GET /api/v1/cases/{caseId:guid}" or "POST /api/v1/cases/{caseId:guid}/withdrawal") => Expect.Hidden,
        (Client, _, _) when key.Contains("/opportunities/", StringComparison.Ordinal) => Expect.Hidden,

        // A judge-set deadline is entered by a person (docs/reminders.md).
        (Client, _, "POST /api/v1/cases/{caseId:guid}/deadlines") => Expect.PeopleOnly,

        // An attorney works only on cases assigned to them now; opportunities are unassigned cases by design.
        (Attorney, Target.Unassigned, _) => key.Contains("/opportunities/", StringComparison.Ordinal) ? Expect.Reach : Expect.Hidden,
        (_, Target.Unassigned, "POST /api/v1/cases/{caseId:guid}/assignment/withdrawal") => Expect.NothingToActOn,
        _ => Expect.Reach,
    };

    private static int MethodOrder(string method) => method switch { "GET" => 0, "POST" => 1, "PUT" => 2, _ => 3 };

    private static readonly Dictionary<string, string> Bodies = new()
    {
        ["POST /api/v1/intakes/{id:guid}/decline"] = """{"reason":"Outside the program's service area"}""",
        ["POST /api/v1/intakes/{id:guid}/conflict-matches/{matchId:guid}/decision"] = """{"decision":"no_conflict"}""",
        ["POST /api/v1/opportunities/{caseId:guid}/accept"] = """{"attestNoConflict":true}""",
        ["POST /api/v1/cases/{caseId:guid}/withdrawal"] = """{"reason":"Conflict found after review"}""",
        ["POST /api/v1/cases/{caseId:guid}/assignment/withdrawal"] = """{"reason":"Attorney on leave"}""",
        ["POST /api/v1/cases/{caseId:guid}/closing"] = """{"outcome":"pending"}""",
        ["POST /api/v1/cases/{caseId:guid}/hearings"] = """
            {"type":"master_calendar","localDateTime":"2031-03-04T09:00:00","timeZone":"America/New_York","courtCode":"NYC",
             "location":"26 Federal Plaza","appearance":"in_person","interpreterLanguage":"spa"}
            """,
        ["POST /api/v1/cases/{caseId:guid}/hearings/{hearingId:guid}/reschedule"] = """{"localDateTime":"2031-03-05T10:00:00","reason":"Court closure"}""",
        ["POST /api/v1/cases/{caseId:guid}/deadlines"] = """{"dueDate":"2031-02-01","description":"Brief due"}""",
        ["PUT /api/v1/cases/{caseId:guid}/client-contact"] = """
            {"email":"client@example.test","phone":null,"preferredLanguage":"spa","timeZone":"America/New_York","emailConsent":true,"smsConsent":false}
            """,
        ["PUT /api/v1/admin/cases/{caseId:guid}/legal-hold"] = """{"reason":"Litigation hold requested by counsel"}""",
        ["PUT /api/v1/cases/{caseId:guid}/protection"] = """{"protection":"vawa"}""",
    };

    private readonly Dictionary<Target, (Guid CaseId, Guid HearingId)> _cases = [];
    private Guid _attorneyUser;
    private Guid _attorneyProfile;

    [Fact]
    public async Task Callers_reach_only_the_cases_they_may_see_and_other_cases_answer_404_and_change_nothing()
    {
        var tokens = await TokensAsync();
        await ArrangeAsync(tokens[Intake]);
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.StartsWith("/api/", StringComparison.Ordinal)
                && (raw.Contains("{caseId", StringComparison.Ordinal) || raw.StartsWith("/api/v1/intakes/{id", StringComparison.Ordinal)))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Route: e.RoutePattern.RawText!)))
            .OrderBy(e => e.Route, StringComparer.Ordinal).ThenBy(e => MethodOrder(e.Method))
            .ToList();
        Assert.True(endpoints.Count >= 20, $"Only {endpoints.Count} case endpoints found.");

        var tried = 0;
        var problems = new List<string>();
        foreach (var (method, route) in endpoints)
        {
            var key = $"{method} {route}";
            foreach (var caller in AuthorizationMatrixTests.Matrix[key].Where(tokens.ContainsKey))
            {
                foreach (var target in Enum.GetValues<Target>())
                {
                    await EnsureAssignedAsync();
                    var expect = Expected(caller, target, key);
                    if (key == "DELETE /api/v1/admin/cases/{caseId:guid}/legal-hold")
                    {
                        await EnsureHeldAsync(_cases[target].CaseId);
                    }

                    var before = expect is Expect.Hidden or Expect.PeopleOnly ? await SettledSnapshotAsync() : null;
                    var status = await SendAsync(tokens[caller], method, route, key, target);
                    tried++;
                    var wrong = expect switch
                    {
                        Expect.Reach => status is 401 or 403 || (status == 404 && !HasOtherId(route)),
                        Expect.NothingToActOn => status is 401 or 403,
                        Expect.Hidden => status != 404,
                        _ => status != 403,
                    };
                    if (wrong)
                    {
                        problems.Add($"{key} gave {caller} {status} for the {target} case, expected {expect}");
                    }

                    if (before is not null)
                    {
                        var after = await DatabaseSnapshot.TablesAsync(factory.Services);
                        var changed = before.Keys.Where(t => after.GetValueOrDefault(t) != before[t]).ToList();
                        if (changed.Count > 0)
                        {
                            problems.Add($"{key} by {caller} on the {target} case changed {string.Join(", ", changed)}");
                        }
                    }

                    Assert.True(status < 500, $"{key} as {caller} on the {target} case: {status}");
                }
            }
        }

        output.WriteLine($"{tried} requests over {endpoints.Count} case endpoints; {problems.Count} problems.");
        Assert.True(problems.Count == 0, $"{problems.Count} problems in {tried} requests: " + string.Join("; ", problems));
    }

    /// <summary>A route naming a second object besides the case that the test does not create (a conflict match).</summary>
    private static bool HasOtherId(string route) => route.Contains("{matchId", StringComparison.Ordinal);

    private async Task<int> SendAsync(string token, string method, string route, string key, Target target)
    {
        var (caseId, hearingId) = _cases[target];
        var path = route.Replace("{caseId:guid}", caseId.ToString(), StringComparison.Ordinal)
            .Replace("{id:guid}", caseId.ToString(), StringComparison.Ordinal)
            .Replace("{hearingId:guid}", hearingId.ToString(), StringComparison.Ordinal)
            .Replace("{matchId:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal);
        if (method == "DELETE" && route.Contains("{hearingId", StringComparison.Ordinal))
        {
            path += "?reason=Hearing%20vacated";
        }
        else if (method == "DELETE")
        {
            path += "?reason=Hold%20lifted%20by%20counsel";
        }

        using var client = factory.CreateClient().WithBearer(token);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT")
        {
            var body = key == "POST /api/v1/cases/{caseId:guid}/assignment"
                ? JsonSerializer.Serialize(new { representativeId = _attorneyProfile, reason = "Reassigned for capacity" })
                : Bodies.GetValueOrDefault(key, "{}");
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        return (int)response.StatusCode;
    }

    private async Task<Dictionary<string, string>> TokensAsync()
    {
        var tokens = new Dictionary<string, string>();
        foreach (var (role, user) in new[] { (Intake, "intake"), (Attorney, "attorney"), (Manager, "manager"), (Admin, "admin") })
        {
            tokens[role] = (await AuthorizationCodeFlow.SignInAsync(factory, $"{user}@{Seeder.DemoEmailDomain}", CounselConnectFactory.DemoPassword)).AccessToken;
        }

        using var c = factory.CreateClient();
        tokens[Client] = await c.GetClientCredentialsTokenAsync();
        return tokens;
    }

    /// <summary>
    /// The organisation's two cases are taken through the intake endpoint by the demo intake worker (their office, a client
    /// party, a conflict check); the other organisation's case is stored directly, since nobody here may reach it anyway.
    /// </summary>
    private async Task ArrangeAsync(string intakeToken)
    {
        _attorneyUser = await CaseAssignments.UserIdAsync(factory.Services, $"attorney@{Seeder.DemoEmailDomain}");
        var other = new Organisation($"Other program {Guid.NewGuid():N}");
        await DbAsync(async db =>
        {
            db.Set<Organisation>().Add(other);
            await db.SaveChangesAsync();
            return 0;
        });

        _cases[Target.Assigned] = await WithHearingAsync(await SubmitIntakeAsync(intakeToken));
        _cases[Target.Unassigned] = await WithHearingAsync(await SubmitIntakeAsync(intakeToken));
        _cases[Target.OtherOrganisation] = await WithHearingAsync(await DbAsync(async db =>
        {
            var @case = new Case(other.Id, null, $"CC-OBJ-{Guid.NewGuid():N}"[..20], CustodyStatus.Detained, "NYC", null, null, null,
                [ReliefType.Asylum], "spa", [], false, "tests", DateTime.UtcNow);
            db.Set<Case>().Add(@case);
            await db.SaveChangesAsync();
            return @case;
        }));
        await CaseAssignments.AssignAsync(factory.Services, _cases[Target.Assigned].CaseId, _attorneyUser);
        var subject = _attorneyUser.ToString();
        _attorneyProfile = await DbAsync(db => db.Set<RepresentativeProfile>().Where(p => p.UserSubject == subject).Select(p => p.Id).SingleAsync());
    }

    /// <summary>
    /// The content of the database once the reminder sweep has caught up with every hearing (it stamps
    /// <c>Hearings.RemindersPlannedVersion</c> in the background after a hearing changes), so that only the request
    /// under test can change it.
    /// </summary>
    private async Task<SortedDictionary<string, string>> SettledSnapshotAsync()
    {
        for (var i = 0; i < 300 && await DbAsync(db => db.Set<Hearing>().AnyAsync(h => h.RemindersPlannedVersion != h.Version)); i++)
        {
            await Task.Delay(100);
        }

        return await DatabaseSnapshot.TablesAsync(factory.Services);
    }

    /// <summary>A hold in force on the case, so that lifting it has something to act on (for the other organisation too).</summary>
    private Task<int> EnsureHeldAsync(Guid caseId) => DbAsync(async db =>
    {
        var @case = await db.Set<Case>().AsNoTracking().SingleAsync(c => c.Id == caseId);
        if (!await db.Set<LegalHold>().AnyAsync(h => h.CaseId == caseId && h.ReleasedAtUtc == null))
        {
            db.Set<LegalHold>().Add(new LegalHold(caseId, @case.OrganisationId, "Held by the authorization test", "tests", DateTime.UtcNow));
            await db.SaveChangesAsync();
        }

        return 0;
    });

    /// <summary>Requests before this one may have ended the assignment (a withdrawal): assign the case again.</summary>
    private async Task EnsureAssignedAsync()
    {
        var caseId = _cases[Target.Assigned].CaseId;
        var assigned = await DbAsync(db => db.Set<Domain.Assignments.Assignment>()
            .AnyAsync(a => a.CaseId == caseId && a.EndedAtUtc == null && a.RepresentativeId == _attorneyProfile));
        if (!assigned)
        {
            await CaseAssignments.AssignAsync(factory.Services, caseId, _attorneyUser);
        }
    }

    private async Task<Case> SubmitIntakeAsync(string intakeToken)
    {
        using var http = factory.CreateClient().WithBearer(intakeToken);
        var letters = new string([.. Enumerable.Range(0, 8).Select(_ => (char)('a' + Random.Shared.Next(26)))]);
        var id = await IntakeRequests.SubmitAsync(http, "Qo" + letters, "Zu" + letters, "1983-04-05");
        return await DbAsync(db => db.Set<Case>().AsNoTracking().SingleAsync(c => c.Id == id));
    }

    private Task<(Guid, Guid)> WithHearingAsync(Case @case) => DbAsync(async db =>
    {
        var now = DateTime.UtcNow;
        var hearing = Hearing.Schedule(@case.Id, @case.OrganisationId, HearingType.MasterCalendar, now.AddDays(60), "America/New_York", "NYC",
            "26 Federal Plaza", AppearanceMode.InPerson, "spa", "tests", now);
        db.Set<Hearing>().Add(hearing);
        await db.SaveChangesAsync();
        return (@case.Id, hearing.Id);
    });

    private async Task<T> DbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}

public sealed class SqliteObjectAuthorizationTests(SqliteFactory factory, ITestOutputHelper output)
    : ObjectAuthorizationTests<SqliteFactory>(factory, output), IClassFixture<SqliteFactory>;

public sealed class PostgresObjectAuthorizationTests(PostgresFactory factory, ITestOutputHelper output)
    : ObjectAuthorizationTests<PostgresFactory>(factory, output), IClassFixture<PostgresFactory>;
