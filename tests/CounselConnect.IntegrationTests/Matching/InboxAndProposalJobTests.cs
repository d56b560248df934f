using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CounselConnect.Domain.Assignments;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Inbox;
using CounselConnect.Domain.Representatives;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.Infrastructure.Seeding;
using CounselConnect.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CounselConnect.IntegrationTests.Matching;

/// <summary>Placement proposals solved by a background job (progress, same result), and the attorney inbox filled by a job.</summary>
public abstract class InboxAndProposalJobTests<TFactory>(TFactory factory) where TFactory : CounselConnectFactory
{
    private static readonly TimeSpan JobWait = TimeSpan.FromSeconds(120);

    /// <summary>What the server logged about jobs, for a failure message (ids only; no personal data is logged).</summary>
    private static string JobLog() => string.Join("\n", LogSink.Lines.Where(l => l.Contains("Job", StringComparison.OrdinalIgnoreCase)
        || l.Contains("Hangfire", StringComparison.OrdinalIgnoreCase) || l.Contains("fail", StringComparison.OrdinalIgnoreCase)).TakeLast(15));

    private static string Name() => "Zy" + new string([.. Enumerable.Range(0, 7).Select(_ => (char)('a' + Random.Shared.Next(26)))]);

    private static string ANumber() => $"A{Random.Shared.Next(100_000_000, 999_999_999)}";

    private async Task<HttpClient> ScriptClientAsync()
    {
        var client = factory.CreateClient();
        client.WithBearer(await client.GetClientCredentialsTokenAsync());
        return client;
    }

    private async Task<HttpClient> PersonAsync(string who)
    {
        var tokens = await AuthorizationCodeFlow.SignInAsync(factory, $"{who}@{Seeder.DemoEmailDomain}", CounselConnectFactory.DemoPassword);
        return factory.CreateClient().WithBearer(tokens.AccessToken);
    }

    private static object Profile() => new
    {
        displayName = "Alex Attorney",
        kind = "attorney",
        barAdmissions = new[] { new { state = "NY", number = "1234567", goodStanding = true } },
        recognisedOrganisation = (string?)null,
        accreditationExpiresOn = (string?)null,
        eoirId = "ab123456",
        languages = new[] { new { code = "spa", speaks = true, reads = true, proficiency = "professional" } },
        courts = new[] { "nyc" },
        remote = false,
        detainedDocket = true,
        nonDetainedDocket = true,
        reliefExperience = new[] { new { relief = "asylum", level = "experienced" } },
        maxActiveCases = 200,
        hoursPerMonth = 40,
        unavailability = Array.Empty<object>(),
        mentorProfileId = (Guid?)null,
    };

    private static async Task<Guid> OpenCaseAsync(HttpClient script, string given, string family, string aNumber, string dob)
    {
        using var submitted = await script.PostAsJsonAsync("/api/v1/intakes", new
        {
            person = new { givenNames = given, familyNames = family, aliases = new[] { given + " Alias" }, dateOfBirth = dob, aNumber },
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
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var intake = await submitted.Content.ReadFromJsonAsync<JsonElement>();
        var id = intake.GetProperty("id").GetGuid();
        await IntakeRequests.AcceptAsync(script, intake);
        return id;
    }

    private static async Task<Guid> SaveProfileAsync(HttpClient attorney)
    {
        using var saved = await attorney.PutAsJsonAsync("/api/v1/representatives/me", Profile());
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        return (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Polls the inbox until an item for each case is there (the notification job runs in the background).</summary>
    private static async Task<(JsonElement Page, string Text)> InboxWithAsync(HttpClient attorney, params Guid[] caseIds)
    {
        var until = DateTime.UtcNow + JobWait;
        while (true)
        {
            using var response = await attorney.GetAsync("/api/v1/me/inbox?pageSize=100");
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, text);
            var page = JsonDocument.Parse(text).RootElement.Clone();
            var seen = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("caseId").GetGuid()).ToHashSet();
            if (caseIds.All(seen.Contains))
            {
                return (page, text);
            }

            Assert.True(DateTime.UtcNow < until, "The inbox notification job did not run in time.\n" + JobLog());
            await Task.Delay(250);
        }
    }

    [Fact]
    public async Task A_proposal_queued_in_the_background_reports_progress_and_equals_the_one_solved_in_the_request()
    {
        using var script = await ScriptClientAsync();
        using var attorney = await PersonAsync("attorney");
        var representativeId = await SaveProfileAsync(attorney);
        var cases = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            cases.Add(await OpenCaseAsync(script, Name(), Name(), ANumber(), "1985-01-0" + (i + 1)));
        }

        using var manager = await PersonAsync("manager");
        var body = new { caseIds = cases, representativeIds = new[] { representativeId } };
        using var sync = await manager.PostAsJsonAsync("/api/v1/matching/proposals", new { body.caseIds, body.representativeIds, background = false });
        Assert.Equal(HttpStatusCode.Created, sync.StatusCode);
        var solved = await sync.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("done", solved.GetProperty("runState").GetString());
        Assert.Equal(3, solved.GetProperty("placements").GetArrayLength());

        using var queued = await manager.PostAsJsonAsync("/api/v1/matching/proposals", new { body.caseIds, body.representativeIds, background = true });
        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        var first = await queued.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("queued", first.GetProperty("runState").GetString());
        Assert.Equal(0, first.GetProperty("progressPercent").GetInt32());
        Assert.Empty(first.GetProperty("placements").EnumerateArray());
        var location = queued.Headers.Location!.ToString();
        Assert.Equal($"/api/v1/matching/proposals/{first.GetProperty("id").GetGuid()}", location);

        // Queued → (running) → done, with the percentage never going down.
        var states = new List<string>();
        var percent = 0;
        JsonElement done;
        var until = DateTime.UtcNow + JobWait;
        while (true)
        {
            var current = await manager.GetFromJsonAsync<JsonElement>(location);
            var state = current.GetProperty("runState").GetString()!;
            states.Add(state);
            Assert.True(current.GetProperty("progressPercent").GetInt32() >= percent);
            percent = current.GetProperty("progressPercent").GetInt32();
            Assert.Contains(state, new[] { "queued", "running", "done" });
            if (state == "done")
            {
                done = current;
                break;
            }

            Assert.True(DateTime.UtcNow < until, "The placement job did not finish in time.\n" + JobLog());
            await Task.Delay(200);
        }

        Assert.Equal(100, percent);
        static string Pairs(JsonElement p) => string.Join(";", p.GetProperty("placements").EnumerateArray()
            .Select(x => $"{x.GetProperty("caseId").GetGuid()}>{x.GetProperty("representativeId").GetGuid()}:{x.GetProperty("score").GetInt32()}").Order());
        Assert.Equal(Pairs(solved), Pairs(done));
        Assert.Equal(solved.GetProperty("totalScore").GetInt64(), done.GetProperty("totalScore").GetInt64());
        Assert.Equal(solved.GetProperty("greedyTotalScore").GetInt64(), done.GetProperty("greedyTotalScore").GetInt64());
        Assert.Equal(solved.GetProperty("unplacedCaseIds").GetArrayLength(), done.GetProperty("unplacedCaseIds").GetArrayLength());

        await using var scope = factory.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<PlacementProposal>()
            .SingleAsync(p => p.Id == first.GetProperty("id").GetGuid());
        Assert.Equal(ProposalRunState.Done, stored.RunState);
        Assert.Equal(3, stored.Placements.Count);

        // The background result is a draft like any other: it can be confirmed.
        using var confirmed = await manager.PostAsync($"{location}/confirm", null);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
    }

    [Fact]
    public async Task Opening_a_case_notifies_matching_attorneys_only_anonymised_and_only_the_recipient_can_read_it()
    {
        using var script = await ScriptClientAsync();
        using var attorney = await PersonAsync("attorney");
        var representativeId = await SaveProfileAsync(attorney);

        var (given, family, aNumber) = (Name(), Name(), ANumber());
        var caseId = await OpenCaseAsync(script, given, family, aNumber, "1979-11-23");
        var second = await OpenCaseAsync(script, Name(), Name(), ANumber(), "1981-04-14");
        var (page, text) = await InboxWithAsync(attorney, caseId, second);

        var item = page.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("caseId").GetGuid() == caseId);
        Assert.Equal("NYC", item.GetProperty("courtCode").GetString());
        Assert.Equal("spa", item.GetProperty("primaryLanguage").GetString());
        Assert.True(item.GetProperty("estimatedHours").GetInt32() > 0);
        foreach (var secret in new[] { given, family, aNumber[1..], "1979" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
        }

        foreach (var forbidden in new[] { "reference", "givenNames", "familyNames", "aNumber", "dateOfBirth" })
        {
            Assert.False(item.TryGetProperty(forbidden, out _), forbidden);
        }

        Guid otherItemId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var @case = await db.Set<Case>().AsNoTracking().SingleAsync(c => c.Id == caseId);

            // One item per recipient, the attorney among them.
            var recipients = await db.Set<InboxItem>().Where(i => i.CaseId == caseId).Select(i => i.RepresentativeId).ToListAsync();
            Assert.Contains(representativeId, recipients);
            Assert.Equal(recipients.Count, recipients.Distinct().Count());

            // A second representative of the organisation whose profile matches nothing (no court, no docket, no bar admission).
            var other = new RepresentativeProfile(@case.OrganisationId, Guid.NewGuid().ToString(), DateTime.UtcNow);
            db.Add(other);
            await db.SaveChangesAsync();
            var third = await OpenCaseAsync(script, Name(), Name(), ANumber(), "1982-02-02");
            await InboxWithAsync(attorney, third);
            Assert.False(await db.Set<InboxItem>().AnyAsync(i => i.RepresentativeId == other.Id), "A profile that matches nothing got an inbox item.");

            // Someone else's item (as if a match of theirs): invisible to this attorney, and 404 when marked read.
            var foreign = new InboxItem(@case.OrganisationId, other.Id, caseId, @case.StatusChangedAtUtc, [ReliefType.Asylum], "NYC", null,
                CustodyStatus.Detained, "spa", true, null, null, 10, 10, 10, DateTime.UtcNow.AddMinutes(1));
            db.Add(foreign);
            await db.SaveChangesAsync();
            otherItemId = foreign.Id;
        }

        var (mine, _) = await InboxWithAsync(attorney, caseId);
        Assert.DoesNotContain(mine.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == otherItemId);
        using (var refused = await attorney.PostAsync($"/api/v1/me/inbox/{otherItemId}/read", null))
        {
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Null((await db.Set<InboxItem>().SingleAsync(i => i.Id == otherItemId)).ReadAtUtc);
        }

        // Marking one's own item read lowers the unread count by one and keeps the item.
        var ownId = item.GetProperty("id").GetGuid();
        var unreadBefore = mine.GetProperty("unreadCount").GetInt32();
        using (var read = await attorney.PostAsync($"/api/v1/me/inbox/{ownId}/read", null))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.NotEqual(JsonValueKind.Null, (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("readAtUtc").ValueKind);
        }

        var after = await attorney.GetFromJsonAsync<JsonElement>("/api/v1/me/inbox?pageSize=100");
        Assert.Equal(unreadBefore - 1, after.GetProperty("unreadCount").GetInt32());

        // Paging: newest first, pages do not overlap, the total is the same on every page.
        var total = after.GetProperty("totalCount").GetInt32();
        Assert.True(total >= 3);
        var p1 = await attorney.GetFromJsonAsync<JsonElement>("/api/v1/me/inbox?page=1&pageSize=2");
        var p2 = await attorney.GetFromJsonAsync<JsonElement>("/api/v1/me/inbox?page=2&pageSize=2");
        Assert.Equal(2, p1.GetProperty("items").GetArrayLength());
        Assert.Equal(total, p2.GetProperty("totalCount").GetInt32());
        var ids1 = p1.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
        var ids2 = p2.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
        Assert.Empty(ids1.Intersect(ids2));
        var times = p1.GetProperty("items").EnumerateArray().Concat(p2.GetProperty("items").EnumerateArray())
            .Select(i => i.GetProperty("createdAtUtc").GetDateTime()).ToList();
        Assert.Equal(times.OrderByDescending(t => t).ToList(), times);

        using var bad = await attorney.GetAsync("/api/v1/me/inbox?pageSize=0");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}

public sealed class SqliteInboxAndProposalJobTests(SqliteFactory factory) : InboxAndProposalJobTests<SqliteFactory>(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresInboxAndProposalJobTests(PostgresFactory factory) : InboxAndProposalJobTests<PostgresFactory>(factory), IClassFixture<PostgresFactory>;
