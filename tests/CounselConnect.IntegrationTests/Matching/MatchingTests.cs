using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CounselConnect.Application.Matching;
using CounselConnect.Domain.Assignments;
using CounselConnect.Domain.Auditing;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Representatives;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.Infrastructure.Seeding;
using CounselConnect.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CounselConnect.IntegrationTests.Matching;

/// <summary>Representative profiles, the three disclosure steps, assignments, ranking and batch placement through HTTP.</summary>
public abstract class MatchingTests<TFactory>(TFactory factory) where TFactory : CounselConnectFactory
{
    private static string Letters(int n) => new([.. Enumerable.Range(0, n).Select(_ => (char)('a' + Random.Shared.Next(26)))]);

    private static string Name() => "Zy" + Letters(7);

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
        maxActiveCases = 20,
        hoursPerMonth = 40,
        unavailability = Array.Empty<object>(),
        mentorProfileId = (Guid?)null,
    };

    /// <summary>Submits an intake, decides any matches as no conflict and accepts it: the case then needs counsel.</summary>
    private static async Task<Guid> OpenCaseAsync(HttpClient script, string given, string family, string aNumber, string dob, object[]? related = null)
    {
        using var submitted = await script.PostAsJsonAsync("/api/v1/intakes", new
        {
            person = new { givenNames = given, familyNames = family, aliases = new[] { given + " Alias" }, dateOfBirth = dob, aNumber },
            relatedParties = related ?? [],
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

    private async Task<List<string>> AuditActionsAsync(Guid caseId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<AuditEntry>()
            .Where(a => a.EntityId == caseId).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
    }

    [Fact]
    public async Task Attorney_sees_no_identity_in_the_listing_only_names_on_request_and_the_full_file_after_accepting()
    {
        using var script = await ScriptClientAsync();
        using var attorney = await PersonAsync("attorney");
        using (var saved = await attorney.PutAsJsonAsync("/api/v1/representatives/me", Profile()))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        var (given, family, relatedName) = (Name(), Name(), Name());
        var aNumber = $"A{Random.Shared.Next(100_000_000, 999_999_999)}";
        var caseId = await OpenCaseAsync(script, given, family, aNumber, "1984-07-23",
            [new { givenNames = relatedName, familyNames = family, aliases = Array.Empty<string>(), dateOfBirth = "1960-02-01", relationship = "alleged_abuser" }]);

        // Step 1: the listing shows the case, anonymised.
        using var listing = await attorney.GetAsync("/api/v1/opportunities?court=NYC&custody=detained&pageSize=200");
        var listingText = await listing.Content.ReadAsStringAsync();
        Assert.True(listing.StatusCode == HttpStatusCode.OK, listingText);
        var item = JsonDocument.Parse(listingText).RootElement.GetProperty("items").EnumerateArray().Single(o => o.GetProperty("caseId").GetGuid() == caseId);
        Assert.Equal("NYC", item.GetProperty("courtCode").GetString());
        Assert.True(item.GetProperty("estimatedHours").GetInt32() > 0);
        Assert.InRange(item.GetProperty("daysToNextHearing").GetInt32(), 18, 20);
        foreach (var secret in new[] { given, family, relatedName, aNumber[1..], "1984", "1960" })
        {
            Assert.DoesNotContain(secret, listingText, StringComparison.OrdinalIgnoreCase);
        }

        Assert.False(item.TryGetProperty("reference", out _));

        // No full file, and no acceptance before the names were reviewed.
        using (var early = await attorney.GetAsync($"/api/v1/cases/{caseId}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, early.StatusCode);
        }

        using (var tooSoon = await attorney.PostAsJsonAsync($"/api/v1/opportunities/{caseId}/accept", new { attestNoConflict = true }))
        {
            Assert.Equal(HttpStatusCode.Conflict, tooSoon.StatusCode);
        }

        // Step 2: the names only.
        using var names = await attorney.PostAsync($"/api/v1/opportunities/{caseId}/party-names", null);
        Assert.Equal(HttpStatusCode.OK, names.StatusCode);
        var namesText = await names.Content.ReadAsStringAsync();
        Assert.Contains(given, namesText, StringComparison.Ordinal);
        Assert.Contains(relatedName, namesText, StringComparison.Ordinal);
        Assert.Contains(given + " Alias", namesText, StringComparison.Ordinal);
        foreach (var secret in new[] { aNumber[1..], aNumber[^3..] + "\"", "1984", "1960", "dateOfBirth", "aNumber" })
        {
            Assert.DoesNotContain(secret, namesText, StringComparison.OrdinalIgnoreCase);
        }

        using (var stillHidden = await attorney.GetAsync($"/api/v1/cases/{caseId}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, stillHidden.StatusCode);
        }

        // Step 3: attest and accept; the file opens.
        using (var noAttestation = await attorney.PostAsJsonAsync($"/api/v1/opportunities/{caseId}/accept", new { attestNoConflict = false }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noAttestation.StatusCode);
        }

        using var accepted = await attorney.PostAsJsonAsync($"/api/v1/opportunities/{caseId}/accept", new { attestNoConflict = true });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var assignment = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("accepted_by_representative", assignment.GetProperty("method").GetString());

        using var file = await attorney.GetAsync($"/api/v1/cases/{caseId}");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        var fileBody = await file.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("assigned", fileBody.GetProperty("status").GetString());
        Assert.Equal(given, fileBody.GetProperty("client").GetProperty("givenNames").GetString());
        Assert.Contains(aNumber[1..], fileBody.GetProperty("client").GetProperty("aNumber").GetString()!.Replace("-", "", StringComparison.Ordinal), StringComparison.Ordinal);

        // The case is no longer offered, and the steps are on record.
        using var after = await attorney.GetAsync("/api/v1/opportunities?pageSize=200");
        Assert.DoesNotContain(caseId.ToString(), await after.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        var actions = await AuditActionsAsync(caseId);
        Assert.Contains("opportunity.party_names", actions);
        Assert.Contains("assignment.created", actions);
        Assert.Contains("case.read", actions);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Equal(1, await db.Set<PartyNameDisclosure>().CountAsync(d => d.CaseId == caseId));
            var stored = await db.Set<Assignment>().SingleAsync(a => a.CaseId == caseId);
            Assert.True(stored.AttestedNoConflict);
            Assert.Null(stored.EndedAtUtc);
        }

        // Withdrawal keeps history and closes the file again.
        using (var withdrawn = await attorney.PostAsJsonAsync($"/api/v1/cases/{caseId}/withdrawal", new { reason = "Scheduling conflict with trial" }))
        {
            Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        }

        using (var closed = await attorney.GetAsync($"/api/v1/cases/{caseId}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, closed.StatusCode);
        }

        using var manager = await PersonAsync("manager");
        var history = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}/assignments");
        var row = Assert.Single(history.EnumerateArray());
        Assert.Equal("withdrawn", row.GetProperty("endKind").GetString());
        Assert.Equal("Scheduling conflict with trial", row.GetProperty("endReason").GetString());
    }

    [Fact]
    public async Task Ranking_and_batch_placement_exclude_a_representative_with_a_conflict_and_confirmation_assigns()
    {
        using var script = await ScriptClientAsync();
        using var attorney = await PersonAsync("attorney");
        using (var saved = await attorney.PutAsJsonAsync("/api/v1/representatives/me", Profile()))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        var me = await attorney.GetFromJsonAsync<JsonElement>("/api/v1/representatives/me");
        var representativeId = me.GetProperty("id").GetGuid();
        using var manager = await PersonAsync("manager");
        var listed = await manager.GetFromJsonAsync<JsonElement>("/api/v1/representatives?pageSize=200");
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetGuid() == representativeId);

        // The attorney represents a client; a later case names that client as its alleged abuser.
        var (abuserGiven, abuserFamily) = (Name(), Name());
        var abuserANumber = $"A{Random.Shared.Next(100_000_000, 999_999_999)}";
        var first = await OpenCaseAsync(script, abuserGiven, abuserFamily, abuserANumber, "1970-03-03");
        using (var assigned = await manager.PostAsJsonAsync($"/api/v1/cases/{first}/assignment", new { representativeId }))
        {
            Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        }

        var conflicted = await OpenCaseAsync(script, Name(), Name(), $"A{Random.Shared.Next(100_000_000, 999_999_999)}", "1990-05-05",
            [new { givenNames = abuserGiven, familyNames = abuserFamily, aliases = Array.Empty<string>(), dateOfBirth = "1970-03-03", aNumber = abuserANumber, relationship = "alleged_abuser" }]);
        var clean = await OpenCaseAsync(script, Name(), Name(), $"A{Random.Shared.Next(100_000_000, 999_999_999)}", "1991-06-06");

        var ranking = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{conflicted}/attorney-matches?includeExcluded=true");
        Assert.DoesNotContain(ranking.GetProperty("matches").EnumerateArray(), m => m.GetProperty("representativeId").GetGuid() == representativeId);
        var excluded = ranking.GetProperty("excluded").EnumerateArray().Single(e => e.GetProperty("representativeId").GetGuid() == representativeId);
        Assert.Contains(excluded.GetProperty("why").EnumerateArray(), w => w.GetString()!.Contains("conflict", StringComparison.OrdinalIgnoreCase));

        var good = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{clean}/attorney-matches");
        Assert.Equal("needs_counsel", good.GetProperty("caseStatus").GetString());
        Assert.True(good.GetProperty("assignable").GetBoolean());
        Assert.Equal(JsonValueKind.Null, good.GetProperty("notice").ValueKind);
        // A ranking for a case that has counsel says that assigning from it reassigns the case.
        var reassign = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{first}/attorney-matches");
        Assert.Equal("assigned", reassign.GetProperty("caseStatus").GetString());
        Assert.True(reassign.GetProperty("assignable").GetBoolean());
        Assert.Contains("reassign", reassign.GetProperty("notice").GetString(), StringComparison.Ordinal);
        // One still at intake (not accepted) cannot be assigned, and the ranking says so.
        using (var pending = await script.PostAsJsonAsync("/api/v1/intakes", new
        {
            person = new { givenNames = Name(), familyNames = Name(), aliases = Array.Empty<string>() },
            relatedParties = Array.Empty<object>(),
            custody = "released",
            courtCode = "NYC",
            primaryLanguage = "spa",
            languages = Array.Empty<object>(),
            reliefSought = new[] { "asylum" },
        }))
        {
            Assert.Equal(HttpStatusCode.Created, pending.StatusCode);
            var pendingId = (await pending.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            var atIntake = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{pendingId}/attorney-matches");
            Assert.Equal("intake", atIntake.GetProperty("caseStatus").GetString());
            Assert.False(atIntake.GetProperty("assignable").GetBoolean());
            Assert.Contains("cannot be assigned", atIntake.GetProperty("notice").GetString(), StringComparison.Ordinal);
        }

        var match = good.GetProperty("matches").EnumerateArray().Single(m => m.GetProperty("representativeId").GetGuid() == representativeId);
        Assert.True(match.GetProperty("score").GetInt32() > 1);
        Assert.Contains(match.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("spa", StringComparison.Ordinal));

        // A manager cannot assign around the conflict either.
        using (var blocked = await manager.PostAsJsonAsync($"/api/v1/cases/{conflicted}/assignment", new { representativeId }))
        {
            Assert.Equal(HttpStatusCode.Conflict, blocked.StatusCode);
        }

        using var created = await manager.PostAsJsonAsync("/api/v1/matching/proposals",
            new { caseIds = new[] { conflicted, clean }, representativeIds = new[] { representativeId } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var proposal = await created.Content.ReadFromJsonAsync<JsonElement>();
        var placement = Assert.Single(proposal.GetProperty("placements").EnumerateArray());
        Assert.Equal(clean, placement.GetProperty("caseId").GetGuid());
        Assert.Equal(conflicted, Assert.Single(proposal.GetProperty("unplacedCaseIds").EnumerateArray()).GetGuid());
        var proposalId = proposal.GetProperty("id").GetGuid();

        // An edit that places the conflicted case is refused; the original is confirmed.
        using (var badEdit = await manager.PutAsJsonAsync($"/api/v1/matching/proposals/{proposalId}",
            new { placements = new[] { new { caseId = conflicted, representativeId } } }))
        {
            Assert.Equal(HttpStatusCode.Conflict, badEdit.StatusCode);
        }

        using var confirmed = await manager.PostAsync($"/api/v1/matching/proposals/{proposalId}/confirm", null);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal("confirmed", (await confirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        using (var file = await attorney.GetAsync($"/api/v1/cases/{clean}"))
        {
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        }

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stored = await db.Set<Assignment>().SingleAsync(a => a.CaseId == clean);
        Assert.Equal(AssignmentMethod.BatchProposal, stored.Method);
        Assert.Equal(representativeId, stored.RepresentativeId);
        Assert.False(await db.Set<Assignment>().AnyAsync(a => a.CaseId == conflicted));
    }

    [Fact]
    public async Task Reassignment_ends_the_first_assignment_and_keeps_it_in_the_history()
    {
        using var script = await ScriptClientAsync();
        using var attorney = await PersonAsync("attorney");
        using (var saved = await attorney.PutAsJsonAsync("/api/v1/representatives/me", Profile()))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        var representativeId = (await attorney.GetFromJsonAsync<JsonElement>("/api/v1/representatives/me")).GetProperty("id").GetGuid();
        Guid otherId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var mine = await db.Set<CounselConnect.Domain.Representatives.RepresentativeProfile>().SingleAsync(p => p.Id == representativeId);
            var other = new CounselConnect.Domain.Representatives.RepresentativeProfile(mine.OrganisationId, "other-" + Guid.NewGuid(), DateTime.UtcNow);
            other.Update(new CounselConnect.Domain.Representatives.RepresentativeDetails("Second Volunteer", CounselConnect.Domain.Representatives.RepresentativeKind.Attorney,
                [new("NJ", "99", true)], null, null, null, [], ["NYC"], false, true, true, [], 5, 10, [], representativeId), DateTime.UtcNow);
            db.Add(other);
            await db.SaveChangesAsync();
            otherId = other.Id;
        }

        var caseId = await OpenCaseAsync(script, Name(), Name(), $"A{Random.Shared.Next(100_000_000, 999_999_999)}", "1980-01-01");
        using var manager = await PersonAsync("manager");
        using (var first = await manager.PostAsJsonAsync($"/api/v1/cases/{caseId}/assignment", new { representativeId }))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using (var noReason = await manager.PostAsJsonAsync($"/api/v1/cases/{caseId}/assignment", new { representativeId = otherId }))
        {
            Assert.Equal(HttpStatusCode.Conflict, noReason.StatusCode);
        }

        using (var second = await manager.PostAsJsonAsync($"/api/v1/cases/{caseId}/assignment", new { representativeId = otherId, reason = "Needs a mentor's supervision" }))
        {
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        }

        var history = (await manager.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}/assignments")).EnumerateArray().ToList();
        Assert.Equal(2, history.Count);
        Assert.Equal("reassigned", history[0].GetProperty("endKind").GetString());
        Assert.True(history[1].GetProperty("active").GetBoolean());
        Assert.Equal(otherId, history[1].GetProperty("representativeId").GetGuid());
        using var gone = await attorney.GetAsync($"/api/v1/cases/{caseId}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    /// <summary>The ranking as the rules give it without any cache: every profile read afresh and scored with reasons.</summary>
    private async Task<List<(Guid Id, int Score, string Reasons)>> UncachedRankingAsync(Guid caseId, int limit)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var @case = await db.Set<Case>().AsNoTracking().SingleAsync(c => c.Id == caseId);
        var profiles = await db.Set<RepresentativeProfile>().AsNoTracking().Where(p => p.OrganisationId == @case.OrganisationId).ToListAsync();
        var loads = await db.Set<Assignment>().AsNoTracking().Where(a => a.OrganisationId == @case.OrganisationId && a.EndedAtUtc == null)
            .GroupBy(a => a.RepresentativeId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
        var data = new MatchingData(db, new RepresentativeFactsCache());
        using var conflicts = await data.ConflictsAsync(@case.OrganisationId, default);
        var parties = await data.PartiesOfAsync([caseId], default);
        var conflicted = conflicts.ConflictedRepresentatives(caseId, parties.GetValueOrDefault(caseId) ?? []);
        var facts = MatchingData.ToMatchCase(@case);
        return [.. profiles
            .Select(p => (p.Id, Fit: FitScorer.Evaluate(facts, MatchRepresentative.From(p, loads.GetValueOrDefault(p.Id), DateOnly.FromDateTime(now)), conflicted.Contains(p.Id), now)))
            .Where(x => x.Fit.Feasible)
            .OrderByDescending(x => x.Fit.Score).ThenBy(x => x.Id)
            .Take(limit)
            .Select(x => (x.Id, x.Fit.Score, string.Join("|", x.Fit.Reasons.Concat(x.Fit.Warnings))))];
    }

    private static List<(Guid Id, int Score, string Reasons)> Served(JsonElement ranking) =>
        [.. ranking.GetProperty("matches").EnumerateArray().Select(m => (m.GetProperty("representativeId").GetGuid(), m.GetProperty("score").GetInt32(),
            string.Join("|", m.GetProperty("reasons").EnumerateArray().Concat(m.GetProperty("warnings").EnumerateArray()).Select(x => x.GetString())))) ];

    [Fact]
    public async Task Ranking_through_the_facts_cache_equals_uncached_scoring_and_sees_a_profile_edit_made_by_another_server()
    {
        using var script = await ScriptClientAsync();
        using var attorney = await PersonAsync("attorney");
        using (var saved = await attorney.PutAsJsonAsync("/api/v1/representatives/me", Profile()))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        var representativeId = (await attorney.GetFromJsonAsync<JsonElement>("/api/v1/representatives/me")).GetProperty("id").GetGuid();
        using var manager = await PersonAsync("manager");
        var caseId = await OpenCaseAsync(script, Name(), Name(), $"A{Random.Shared.Next(100_000_000, 999_999_999)}", "1985-04-04");
        var url = $"/api/v1/cases/{caseId}/attorney-matches?limit=500";

        // Warm: the first ranking fills the cache; the second is served from it; both equal the uncached rules.
        var first = Served(await manager.GetFromJsonAsync<JsonElement>(url));
        var second = Served(await manager.GetFromJsonAsync<JsonElement>(url));
        var expected = await UncachedRankingAsync(caseId, 500);
        Assert.Contains(first, m => m.Id == representativeId);
        Assert.Equal(expected, first);
        Assert.Equal(expected, second);

        // A second "server": its own cache over the same database, warmed now.
        await using var otherScope = factory.Services.CreateAsyncScope();
        var otherDb = otherScope.ServiceProvider.GetRequiredService<AppDbContext>();
        var otherServer = new MatchingData(otherDb, new RepresentativeFactsCache());
        var organisationId = await otherDb.Set<Case>().Where(c => c.Id == caseId).Select(c => c.OrganisationId).SingleAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.Contains(await otherServer.RepresentativesAsync(organisationId, today, null, default), r => r.Profile.Id == representativeId && r.Facts.Courts.Contains("NYC"));

        // The profile is edited outside both caches (a third DbContext): it no longer serves NYC and does not work remotely.
        await using (var writerScope = factory.Services.CreateAsyncScope())
        {
            var writer = writerScope.ServiceProvider.GetRequiredService<AppDbContext>();
            var profile = await writer.Set<RepresentativeProfile>().SingleAsync(p => p.Id == representativeId);
            profile.Update(new RepresentativeDetails(profile.DisplayName, profile.Kind, profile.BarAdmissions, null, null, profile.EoirId,
                profile.Languages, ["ZZZ"], false, true, true, profile.ReliefExperience, profile.MaxActiveCases, profile.HoursPerMonth, [], null), DateTime.UtcNow);
            await writer.SaveChangesAsync();
        }

        var after = Served(await manager.GetFromJsonAsync<JsonElement>(url));
        Assert.DoesNotContain(after, m => m.Id == representativeId);
        Assert.Equal(await UncachedRankingAsync(caseId, 500), after);
        var seenByOther = await otherServer.RepresentativesAsync(organisationId, today, null, default);
        Assert.Equal(["ZZZ"], seenByOther.Single(r => r.Profile.Id == representativeId).Facts.Courts);

        using (var restored = await attorney.PutAsJsonAsync("/api/v1/representatives/me", Profile()))
        {
            Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        }

        Assert.Contains(Served(await manager.GetFromJsonAsync<JsonElement>(url)), m => m.Id == representativeId);
    }

    [Fact]
    public async Task Saving_a_profile_with_a_stale_revision_is_refused_with_409_and_changes_nothing()
    {
        using var attorney = await PersonAsync("attorney");
        using (var saved = await attorney.PutAsJsonAsync("/api/v1/representatives/me", Profile()))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        var read = await attorney.GetFromJsonAsync<JsonElement>("/api/v1/representatives/me");
        var revision = read.GetProperty("revision").GetInt32();
        var representativeId = read.GetProperty("id").GetGuid();

        // Tab A saves against the revision it read: accepted, the revision moves on.
        using var tabA = new HttpRequestMessage(HttpMethod.Put, "/api/v1/representatives/me") { Content = JsonContent.Create(Profile()) };
        tabA.Headers.TryAddWithoutValidation("If-Match", $"\"{revision}\"");
        using (var first = await attorney.SendAsync(tabA))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal(revision + 1, (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revision").GetInt32());
        }

        // Tab B still holds the old revision: 409 ProblemDetails, nothing stored.
        var changed = JsonSerializer.SerializeToElement(Profile());
        var body = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(changed.GetRawText())!;
        body["displayName"] = JsonSerializer.SerializeToElement("Stale Tab Name");
        using var tabB = new HttpRequestMessage(HttpMethod.Put, "/api/v1/representatives/me") { Content = JsonContent.Create(body) };
        tabB.Headers.TryAddWithoutValidation("If-Match", $"\"{revision}\"");
        using (var stale = await attorney.SendAsync(tabB))
        {
            Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
            var problem = await stale.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("StaleRevision", problem.GetProperty("rule").GetString());
        }

        using var bad = new HttpRequestMessage(HttpMethod.Put, "/api/v1/representatives/me") { Content = JsonContent.Create(body) };
        bad.Headers.TryAddWithoutValidation("If-Match", "\"not-a-number\"");
        using (var invalid = await attorney.SendAsync(bad))
        {
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
            Assert.True((await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("ifMatch", out _));
        }

        await using var scope = factory.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<RepresentativeProfile>().AsNoTracking().SingleAsync(p => p.Id == representativeId);
        Assert.Equal("Alex Attorney", stored.DisplayName);
        Assert.Equal(revision + 1, stored.Revision);
    }
}

public sealed class SqliteMatchingTests(SqliteFactory factory) : MatchingTests<SqliteFactory>(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresMatchingTests(PostgresFactory factory) : MatchingTests<PostgresFactory>(factory), IClassFixture<PostgresFactory>;
