using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Representatives;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.UnitTests.Matching;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.MatchingBench;

/// <summary>
/// <c>ranking BASEURL PROVIDER CONNECTION [PROFILES] [REQUESTS]</c>: opens one case that needs counsel through the
/// intake API (client-credentials token of counselconnect-cli), writes representative profiles straight into the
/// service's database until its organisation has PROFILES of them (random courts, languages, dockets, relief and
/// capacity, as in the property tests), then times REQUESTS sequential GET /api/v1/cases/{id}/attorney-matches and,
/// interleaved in the same run, GET /health/live as the baseline.
/// </summary>
internal static class RankingLoad
{
    public static async Task RunAsync(string[] args)
    {
        var baseUrl = args[1];
        var provider = Enum.Parse<DatabaseProvider>(args[2], ignoreCase: true);
        var connection = args[3];
        var profiles = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 5000;
        var requests = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 500;
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(2) };
        using var token = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "counselconnect-cli",
            ["client_secret"] = Environment.GetEnvironmentVariable("CLI_SECRET") ?? "dev-cli-secret-change-me",
        }));
        token.EnsureSuccessStatusCode();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString());

        var caseId = await OpenCaseAsync(http);
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseCounselConnectDatabase(provider, connection);
        await using (var db = new AppDbContext(options.Options))
        {
            var organisationId = await db.Set<Case>().Where(c => c.Id == caseId).Select(c => c.OrganisationId).SingleAsync();
            var existing = await db.Set<RepresentativeProfile>().CountAsync(p => p.OrganisationId == organisationId);
            var random = new Random(5000);
            var now = DateTime.UtcNow;
            for (var k = existing; k < profiles; k++)
            {
                var r = RandomInstances.Representative(random, maxCapacity: 6);
                var profile = new RepresentativeProfile(organisationId, $"bench-representative-{k}", now);
                profile.Update(new RepresentativeDetails($"Bench Representative {k}", RepresentativeKind.Attorney,
                    [new BarAdmission("NY", k.ToString(CultureInfo.InvariantCulture), r.MayPractise)], null, null, null,
                    [.. r.Languages.Values], [.. r.Courts], r.Remote, r.DetainedDocket || !r.NonDetainedDocket, r.NonDetainedDocket,
                    [.. r.Relief.Select(x => new ReliefExperience(x.Key, x.Value))], r.MaxActiveCases, 20, [.. r.Unavailability], null), now);
                db.Add(profile);
            }

            await db.SaveChangesAsync();
            Console.WriteLine($"organisation has {await db.Set<RepresentativeProfile>().CountAsync(p => p.OrganisationId == organisationId)} representative profiles; case {caseId}");
            await ProfileStepsAsync(db, organisationId, caseId);
        }

        var ranking = await http.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}/attorney-matches?limit=50");
        Console.WriteLine($"ranking: considered {ranking.GetProperty("considered").GetInt32()}, returned {ranking.GetProperty("matches").GetArrayLength()} matches");
        var matches = new List<double>();
        var live = new List<double>();
        for (var k = 0; k < 20; k++)
        {
            await TimeAsync(http, $"/api/v1/cases/{caseId}/attorney-matches", []);
            await TimeAsync(http, "/health/live", []);
        }

        Console.WriteLine($"load average before: {File.ReadAllText("/proc/loadavg").Trim()}");
        for (var k = 0; k < requests; k++)
        {
            await TimeAsync(http, $"/api/v1/cases/{caseId}/attorney-matches", matches);
            await TimeAsync(http, "/health/live", live);
        }

        Console.WriteLine($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine("| Endpoint | Requests | p50 ms | p95 ms | p99 ms | max ms |");
        Console.WriteLine("|---|---|---|---|---|---|");
        Row("GET /api/v1/cases/{id}/attorney-matches", matches);
        Row("GET /health/live (baseline)", live);
    }

    /// <summary>In process, against the same database: the time of the ranking's steps (loading profiles, scoring them).</summary>
    private static async Task ProfileStepsAsync(AppDbContext db, Guid organisationId, Guid caseId)
    {
        var @case = await db.Set<Case>().AsNoTracking().SingleAsync(c => c.Id == caseId);
        var facts = CounselConnect.Application.Matching.MatchingData.ToMatchCase(@case);
        for (var run = 0; run < 5; run++)
        {
            var watch = Stopwatch.StartNew();
            var list = await db.Set<RepresentativeProfile>().AsNoTracking().Where(p => p.OrganisationId == organisationId).OrderBy(p => p.Id).ToListAsync();
            var loaded = watch.Elapsed.TotalMilliseconds;
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var reps = list.Select(p => CounselConnect.Application.Matching.MatchRepresentative.From(p, 0, today)).ToList();
            var converted = watch.Elapsed.TotalMilliseconds;
            var feasible = reps.Count(r => CounselConnect.Application.Matching.FitScorer.Evaluate(facts, r, false, DateTime.UtcNow).Feasible);
            var scored = watch.Elapsed.TotalMilliseconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"in process: load {list.Count} profiles {loaded:F0} ms, to match facts {converted - loaded:F0} ms, Evaluate all {scored - converted:F0} ms ({feasible} feasible)"));
        }
    }

    private static void Row(string name, List<double> xs)
    {
        xs.Sort();
        double P(double q) => xs[Math.Min(xs.Count - 1, (int)Math.Ceiling(q * xs.Count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {xs.Count} | {P(0.50):F1} | {P(0.95):F1} | {P(0.99):F1} | {xs[^1]:F1} |"));
    }

    private static async Task TimeAsync(HttpClient http, string path, List<double> into)
    {
        var t = Stopwatch.GetTimestamp();
        using var response = await http.GetAsync(path);
        await response.Content.ReadAsByteArrayAsync();
        into.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        response.EnsureSuccessStatusCode();
    }

    private static async Task<Guid> OpenCaseAsync(HttpClient http)
    {
        using var submitted = await http.PostAsJsonAsync("/api/v1/intakes", new
        {
            person = new { givenNames = "Bench", familyNames = "Ranking", aliases = Array.Empty<string>(), dateOfBirth = "1990-01-01", aNumber = (string?)null },
            relatedParties = Array.Empty<object>(),
            custody = "detained",
            courtCode = "NYC",
            hearingLocation = "Varick Street",
            nextHearing = new { at = DateTimeOffset.UtcNow.AddDays(20), type = "master_calendar" },
            primaryLanguage = "spa",
            languages = new[] { new { code = "spa", speaks = true, reads = true } },
            interpreterNeeded = true,
            reliefSought = new[] { "asylum" },
        });
        submitted.EnsureSuccessStatusCode();
        var intake = await submitted.Content.ReadFromJsonAsync<JsonElement>();
        var id = intake.GetProperty("id").GetGuid();
        if (intake.TryGetProperty("conflictCheck", out var check) && check.ValueKind == JsonValueKind.Object)
        {
            foreach (var m in check.GetProperty("matches").EnumerateArray())
            {
                using var decided = await http.PostAsJsonAsync($"/api/v1/intakes/{id}/conflict-matches/{m.GetProperty("id").GetString()}/decision",
                    new { decision = "no_conflict" });
                decided.EnsureSuccessStatusCode();
            }
        }

        using var accepted = await http.PostAsync($"/api/v1/intakes/{id}/accept", null);
        accepted.EnsureSuccessStatusCode();
        return id;
    }
}
