using System.Net;
using System.Text;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.Infrastructure.Seeding;
using CounselConnect.IntegrationTests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CounselConnect.IntegrationTests.Security;

/// <summary>
/// Every API endpoint the app exposes × every caller (anonymous, each role, the integration client): refused
/// callers get 401/403 and change nothing in the database; allowed callers are never refused. The matrix is
/// declared here, apart from the policies it checks; an endpoint missing from it fails the test.
/// </summary>
public sealed class AuthorizationMatrixTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    private const string Intake = "IntakeStaff";
    private const string Attorney = "Attorney";
    private const string Manager = "ProgramManager";
    private const string Admin = "Administrator";
    private const string Client = "client";

    /// <summary>Method and route pattern → who may call it (besides nobody when anonymous).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Matrix = new Dictionary<string, string[]>
    {
        ["GET /api/v1/me"] = [Intake, Attorney, Manager, Admin, Client],
        ["POST /api/v1/intakes/"] = [Intake, Client],
        ["GET /api/v1/intakes/"] = [Intake, Client],
        ["GET /api/v1/intakes/{id:guid}"] = [Intake, Client],
        ["POST /api/v1/intakes/{id:guid}/conflict-matches/{matchId:guid}/decision"] = [Intake, Client],
        ["POST /api/v1/intakes/{id:guid}/accept"] = [Intake, Client],
        ["POST /api/v1/intakes/{id:guid}/decline"] = [Intake, Client],
        ["POST /api/v1/conflict-checks"] = [Intake, Client],
        ["POST /api/v1/imports/parties"] = [Intake, Manager, Client],
        ["GET /api/v1/imports/{id:guid}"] = [Intake, Manager, Client],
        ["GET /api/v1/admin/users/"] = [Admin, Client],
        ["POST /api/v1/admin/users/"] = [Admin, Client],
        ["PUT /api/v1/admin/users/{id:guid}/roles"] = [Admin, Client],
        ["POST /api/v1/admin/users/{id:guid}/disable"] = [Admin, Client],
        ["POST /api/v1/admin/users/{id:guid}/enable"] = [Admin, Client],
        ["GET /api/v1/representatives/me"] = [Attorney, Client],
        ["PUT /api/v1/representatives/me"] = [Attorney, Client],
        ["GET /api/v1/representatives/"] = [Manager, Client],
        ["GET /api/v1/opportunities/"] = [Attorney, Client],
        ["POST /api/v1/opportunities/{caseId:guid}/party-names"] = [Attorney, Client],
        ["POST /api/v1/opportunities/{caseId:guid}/accept"] = [Attorney, Client],
        ["GET /api/v1/cases/{caseId:guid}"] = [Attorney, Client],
        ["POST /api/v1/cases/{caseId:guid}/withdrawal"] = [Attorney, Client],
        ["POST /api/v1/cases/{caseId:guid}/assignment"] = [Manager, Client],
        ["POST /api/v1/cases/{caseId:guid}/assignment/withdrawal"] = [Manager, Client],
        ["GET /api/v1/cases/{caseId:guid}/assignments"] = [Manager, Client],
        ["GET /api/v1/cases/{caseId:guid}/attorney-matches"] = [Manager, Client],
        ["POST /api/v1/matching/proposals/"] = [Manager, Client],
        ["GET /api/v1/matching/proposals/{id:guid}"] = [Manager, Client],
        ["PUT /api/v1/matching/proposals/{id:guid}"] = [Manager, Client],
        ["POST /api/v1/matching/proposals/{id:guid}/confirm"] = [Manager, Client],
        ["GET /api/v1/me/inbox/"] = [Attorney, Client],
        ["POST /api/v1/me/inbox/{id:guid}/read"] = [Attorney, Client],
        ["POST /api/v1/cases/{caseId:guid}/closing"] = [Attorney, Manager, Client],
        ["GET /api/v1/reports/representation-rate"] = [Manager, Client],
        ["GET /api/v1/reports/time-to-counsel"] = [Manager, Client],
        ["GET /api/v1/reports/success-rate"] = [Manager, Client],
        ["GET /api/v1/reports/caseload"] = [Manager, Client],
        ["GET /api/v1/reports/funder-closing-codes"] = [Manager, Client],
        ["GET /api/v1/reports/settings/"] = [Manager, Admin, Client],
        ["PUT /api/v1/reports/settings/"] = [Manager, Admin, Client],
        ["POST /api/v1/cases/{caseId:guid}/hearings"] = [Intake, Attorney, Client],
        ["GET /api/v1/cases/{caseId:guid}/hearings"] = [Intake, Attorney, Client],
        ["POST /api/v1/cases/{caseId:guid}/hearings/{hearingId:guid}/reschedule"] = [Intake, Attorney, Client],
        ["DELETE /api/v1/cases/{caseId:guid}/hearings/{hearingId:guid}"] = [Intake, Attorney, Client],
        ["GET /api/v1/cases/{caseId:guid}/deadlines"] = [Intake, Attorney, Client],
        ["POST /api/v1/cases/{caseId:guid}/deadlines"] = [Intake, Attorney, Client],
        ["PUT /api/v1/cases/{caseId:guid}/client-contact"] = [Intake, Attorney, Client],
        ["GET /api/v1/cases/{caseId:guid}/reminders"] = [Intake, Attorney, Client],
        ["GET /api/v1/reminders/failed"] = [Manager, Client],
        ["GET /api/v1/reminders/schedule"] = [Manager, Admin, Client],
        ["PUT /api/v1/reminders/schedule"] = [Manager, Admin, Client],
        // A calendar link belongs to a person: the integration client passes the policy but is refused by the handler.
        ["POST /api/v1/calendar/feed-link/"] = [Attorney],
        ["DELETE /api/v1/calendar/feed-link/"] = [Attorney],
        // The audit trail is for people only: no integration client reads it.
        ["GET /api/v1/audit/"] = [Manager, Admin],
        ["GET /api/v1/audit/verification"] = [Manager, Admin],
        ["GET /api/v1/admin/retention"] = [Admin, Client],
        ["PUT /api/v1/admin/retention"] = [Admin, Client],
        ["PUT /api/v1/admin/cases/{caseId:guid}/legal-hold"] = [Admin, Client],
        ["DELETE /api/v1/admin/cases/{caseId:guid}/legal-hold"] = [Admin, Client],
        ["GET /api/v1/admin/keys/"] = [Admin, Client],
        ["POST /api/v1/admin/keys/rotation"] = [Admin, Client],
        // Break-glass access and 1367 flags are decisions of people: no integration client.
        ["POST /api/v1/break-glass/"] = [Admin],
        ["GET /api/v1/break-glass/"] = [Manager, Admin],
        ["GET /api/v1/break-glass/cases/{caseId:guid}"] = [Admin],
        ["PUT /api/v1/cases/{caseId:guid}/protection"] = [Intake, Manager],
    };

    private static readonly string[] Callers = ["anonymous", Intake, Attorney, Manager, Admin, Client];

    private IEnumerable<(string Key, string Method, string Route)> ApiEndpoints() =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => ($"{m} {e.RoutePattern.RawText}", m, e.RoutePattern.RawText!)));

    [Fact]
    public void Every_api_endpoint_is_in_the_matrix()
    {
        var missing = ApiEndpoints().Select(e => e.Key).Where(k => !Matrix.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, "Add these endpoints to the authorization matrix: " + string.Join(", ", missing));
        var stale = Matrix.Keys.Except(ApiEndpoints().Select(e => e.Key)).ToList();
        Assert.True(stale.Count == 0, "The matrix names endpoints that no longer exist: " + string.Join(", ", stale));
    }

    [Fact]
    public async Task Refused_callers_get_401_or_403_and_change_nothing_and_allowed_callers_are_never_refused()
    {
        var tokens = new Dictionary<string, string?> { ["anonymous"] = null };
        foreach (var (role, user) in new[] { (Intake, "intake"), (Attorney, "attorney"), (Manager, "manager"), (Admin, "admin") })
        {
            tokens[role] = (await AuthorizationCodeFlow.SignInAsync(factory, $"{user}@{Seeder.DemoEmailDomain}", CounselConnectFactory.DemoPassword)).AccessToken;
        }

        using (var c = factory.CreateClient())
        {
            tokens[Client] = await c.GetClientCredentialsTokenAsync();
        }

        var tried = 0;
        var leaks = new List<string>();
        foreach (var (key, method, route) in ApiEndpoints())
        {
            foreach (var caller in Callers)
            {
                tried++;
                var allowed = caller != "anonymous" && Matrix[key].Contains(caller);
                var before = await SnapshotAsync();
                using var client = factory.CreateClient();
                if (tokens[caller] is { } token)
                {
                    client.WithBearer(token);
                }

                using var request = new HttpRequestMessage(new HttpMethod(method), Concrete(route));
                if (method is "POST" or "PUT")
                {
                    request.Content = route.EndsWith("/parties", StringComparison.Ordinal)
                        ? new StringContent("not,a,header\n", Encoding.UTF8, "text/csv")
                        : new StringContent("{}", Encoding.UTF8, "application/json");
                }

                using var response = await client.SendAsync(request);
                var status = (int)response.StatusCode;
                if (allowed && status is 401 or 403)
                {
                    leaks.Add($"{key} refused {caller} ({status})");
                }
                else if (!allowed)
                {
                    var expected = caller == "anonymous" ? 401 : 403;
                    if (status != expected)
                    {
                        leaks.Add($"{key} gave {caller} {status}, expected {expected}");
                    }

                    if (await SnapshotAsync() != before)
                    {
                        leaks.Add($"{key} changed the database for refused {caller}");
                    }
                }

                if (status >= 500)
                {
                    var lastError = LogSink.Lines.LastOrDefault(l => l.StartsWith("Error", StringComparison.Ordinal));
                    Assert.Fail($"{key} as {caller}: {status}; last error logged: {lastError}");
                }
            }
        }

        Assert.True(tried >= Matrix.Count * Callers.Length, $"Only {tried} cases tried.");
        Assert.True(leaks.Count == 0, $"{leaks.Count} problems in {tried} cases: " + string.Join("; ", leaks));
    }

    private static string Concrete(string route) =>
        System.Text.RegularExpressions.Regex.Replace(route, @"\{[^}]+\}", Guid.NewGuid().ToString());

    /// <summary>Row counts of the tables a request could write to (audit entries of allowed reads excluded).</summary>
    private async Task<string> SnapshotAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var counts = new List<int>();
        foreach (var type in db.Model.GetEntityTypes().Where(t => t.GetTableName() is { } name && name != "AuditEntries" && !name.StartsWith("OpenIddict", StringComparison.Ordinal) && t.ClrType != typeof(Dictionary<string, object>) && !t.IsOwned()))
        {
            var set = (IQueryable<object>)typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!.MakeGenericMethod(type.ClrType).Invoke(db, null)!;
            counts.Add(await set.CountAsync());
        }

        return string.Join(",", counts);
    }
}
