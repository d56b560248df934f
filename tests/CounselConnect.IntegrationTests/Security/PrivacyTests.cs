using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CounselConnect.Domain.Auditing;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Conflicts;
using CounselConnect.Domain.Organisations;
using CounselConnect.Domain.Outcomes;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.Infrastructure.Seeding;
using CounselConnect.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CounselConnect.IntegrationTests.Security;

/// <summary>
/// Break-glass access for administrators, 8 U.S.C. 1367 protection, and intake staff limited to their own office.
/// Each test works through HTTP with real tokens and checks what is stored.
/// </summary>
public abstract class PrivacyTests<TFactory>(TFactory factory) where TFactory : CounselConnectFactory
{
    private static string Letters(int n) => new([.. Enumerable.Range(0, n).Select(_ => (char)('a' + Random.Shared.Next(26)))]);

    private static string Name() => "Qv" + Letters(8);

    private async Task<HttpClient> ScriptAsync()
    {
        var client = factory.CreateClient();
        return client.WithBearer(await client.GetClientCredentialsTokenAsync());
    }

    private async Task<HttpClient> PersonAsync(string email)
    {
        var tokens = await AuthorizationCodeFlow.SignInAsync(factory, email, CounselConnectFactory.DemoPassword);
        return factory.CreateClient().WithBearer(tokens.AccessToken);
    }

    private Task<HttpClient> DemoAsync(string who) => PersonAsync($"{who}@{Seeder.DemoEmailDomain}");

    private static Task<JsonElement> SubmitAsync(HttpClient http, string given, string family, string? aNumber = null) =>
        IntakeRequests.SubmitForViewAsync(http, given, family, "1983-04-05", aNumber);

    private static Task AcceptAsync(HttpClient http, JsonElement intake) => IntakeRequests.AcceptAsync(http, intake);

    private async Task<T> DbAsync<T>(Func<AppDbContext, Task<T>> read)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private Task<List<AuditEntry>> AuditOfAsync(Guid caseId) =>
        DbAsync(db => db.Set<AuditEntry>().AsNoTracking().Where(a => a.EntityId == caseId).OrderBy(a => a.Id).ToListAsync());

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task An_intake_view_showing_another_clients_identifiers_is_audited_against_that_clients_case()
    {
        using var script = await ScriptAsync();
        using var manager = await DemoAsync("manager");
        var (given, family) = (Name(), Name());
        var aNumber = $"A{Random.Shared.Next(100_000_000, 999_999_999)}";
        var earlier = (await SubmitAsync(script, given, family, aNumber)).GetProperty("id").GetGuid();
        var disclosures = () => DbAsync(db => db.Set<AuditEntry>().AsNoTracking()
            .CountAsync(a => a.EntityId == earlier && a.EntityType == "Case" && a.Action == "intake.matched_party"));
        Assert.Equal(0, await disclosures());

        // Staff deciding the conflict see the earlier client's birth date and A-number: that is a read of the earlier
        // client's file, recorded against its case (on submitting, and on every later read of the new intake).
        var view = await SubmitAsync(script, given, family, aNumber);
        var later = view.GetProperty("id").GetGuid();
        var match = Assert.Single(view.GetProperty("conflictCheck").GetProperty("matches").EnumerateArray());
        Assert.Equal("1983-04-05", match.GetProperty("matchedParty").GetProperty("dateOfBirth").GetString());
        Assert.Equal(1, await disclosures());
        var read = await script.GetFromJsonAsync<JsonElement>($"/api/v1/intakes/{later}");
        Assert.Equal(JsonValueKind.Object, Assert.Single(read.GetProperty("conflictCheck").GetProperty("matches").EnumerateArray())
            .GetProperty("matchedParty").ValueKind);
        Assert.Equal(2, await disclosures());

        // A protected (8 U.S.C. 1367) client's match shows nothing about them, so nothing of their file is read.
        using (var set = await manager.PutAsJsonAsync($"/api/v1/cases/{earlier}/protection", new { protection = "vawa" }))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        }

        var text = await script.GetStringAsync($"/api/v1/intakes/{later}");
        var withheld = Assert.Single(JsonDocument.Parse(text).RootElement.GetProperty("conflictCheck").GetProperty("matches").EnumerateArray());
        Assert.Equal("protected", withheld.GetProperty("role").GetString());
        Assert.Equal(JsonValueKind.Null, withheld.GetProperty("matchedParty").ValueKind);
        Assert.Equal(2, await disclosures());
    }

    [Fact]
    public async Task Administrator_opens_a_client_file_only_through_a_live_break_glass_grant_and_every_use_is_audited()
    {
        using var script = await ScriptAsync();
        var given = Name();
        var intake = await SubmitAsync(script, given, Name());
        var caseId = intake.GetProperty("id").GetGuid();
        using var admin = await DemoAsync("admin");

        // No grant: the file is not there for the administrator, and the intake API is not theirs at all.
        using (var noGrant = await admin.GetAsync($"/api/v1/break-glass/cases/{caseId}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, noGrant.StatusCode);
        }

        using (var intakeApi = await admin.GetAsync($"/api/v1/intakes/{caseId}"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, intakeApi.StatusCode);
        }

        // A reason is required and must say something: a short one is a field error and stores nothing.
        using (var shortReason = await admin.PostAsJsonAsync("/api/v1/break-glass", new { caseId, reason = "need it" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, shortReason.StatusCode);
            Assert.True((await ProblemAsync(shortReason)).GetProperty("errors").TryGetProperty("reason", out _));
        }

        Assert.Equal(0, await DbAsync(db => db.Set<BreakGlassGrant>().CountAsync(g => g.CaseId == caseId)));

        using (var granted = await admin.PostAsJsonAsync("/api/v1/break-glass",
                   new { caseId, reason = "Client asked for a copy of the file; assigned attorney unreachable", minutes = 30 }))
        {
            Assert.Equal(HttpStatusCode.Created, granted.StatusCode);
            var grant = await granted.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(grant.GetProperty("live").GetBoolean());
            var span = grant.GetProperty("expiresAtUtc").GetDateTime() - grant.GetProperty("grantedAtUtc").GetDateTime();
            Assert.Equal(TimeSpan.FromMinutes(30), span);
        }

        using (var open = await admin.GetAsync($"/api/v1/break-glass/cases/{caseId}"))
        {
            Assert.Equal(HttpStatusCode.OK, open.StatusCode);
            Assert.Equal("no-store", open.Headers.CacheControl?.ToString());
            Assert.Equal(given, (await open.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("person").GetProperty("givenNames").GetString());
        }

        // A grant covers one case only.
        var other = (await SubmitAsync(script, Name(), Name())).GetProperty("id").GetGuid();
        using (var otherCase = await admin.GetAsync($"/api/v1/break-glass/cases/{other}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, otherCase.StatusCode);
        }

        var actions = (await AuditOfAsync(caseId)).Where(a => a.Action.StartsWith("break_glass.", StringComparison.Ordinal)).ToList();
        Assert.Equal(["break_glass.grant", "break_glass.read"], actions.Select(a => a.Action));
        Assert.All(actions, a => Assert.NotEqual("system", a.Actor));

        // Program managers see the grant; the integration client and attorneys do not.
        using var manager = await DemoAsync("manager");
        var grants = await manager.GetFromJsonAsync<JsonElement>("/api/v1/break-glass");
        Assert.Contains(grants.GetProperty("items").EnumerateArray(), g => g.GetProperty("caseId").GetGuid() == caseId);
        using (var notForScripts = await script.GetAsync("/api/v1/break-glass"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, notForScripts.StatusCode);
        }

        // Once the grant expires, the file closes again.
        await DbAsync(db => db.Set<BreakGlassGrant>().Where(g => g.CaseId == caseId)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.ExpiresAtUtc, DateTime.UtcNow.AddMinutes(-1))));
        using (var expired = await admin.GetAsync($"/api/v1/break-glass/cases/{caseId}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
        }
    }

    [Fact]
    public async Task Protected_client_names_are_withheld_from_attorneys_conflict_match_details_and_exports_and_audited_apart()
    {
        using var script = await ScriptAsync();
        using var manager = await DemoAsync("manager");
        var (given, family) = (Name(), Name());
        var intake = await SubmitAsync(script, given, family, $"A{Random.Shared.Next(100_000_000, 999_999_999)}");
        var caseId = intake.GetProperty("id").GetGuid();
        await AcceptAsync(script, intake);

        // Bad values are field errors; the integration client may not set protection; a manager may.
        using (var bad = await manager.PutAsJsonAsync($"/api/v1/cases/{caseId}/protection", new { protection = "x_visa" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        using (var byScript = await script.PutAsJsonAsync($"/api/v1/cases/{caseId}/protection", new { protection = "vawa" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, byScript.StatusCode);
        }

        Assert.Equal(CaseProtection.None, await DbAsync(db => db.Set<Case>().Where(c => c.Id == caseId).Select(c => c.Protection).SingleAsync()));
        using (var set = await manager.PutAsJsonAsync($"/api/v1/cases/{caseId}/protection", new { protection = "u_visa" }))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
            Assert.Equal("u_visa", (await set.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("protection").GetString());
        }

        Assert.Equal(CaseProtection.UVisa, await DbAsync(db => db.Set<Case>().Where(c => c.Id == caseId).Select(c => c.Protection).SingleAsync()));

        // Step 2 for an attorney: a notice, no names, and no disclosure recorded (so no pick-up without a manager).
        using var attorney = await DemoAsync("attorney");
        using (var profile = await attorney.PutAsJsonAsync("/api/v1/representatives/me", AttorneyProfile()))
        {
            Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        }

        using (var names = await attorney.PostAsync($"/api/v1/opportunities/{caseId}/party-names", null))
        {
            var text = await names.Content.ReadAsStringAsync();
            Assert.True(names.StatusCode == HttpStatusCode.OK, text);
            Assert.DoesNotContain(given, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(family, text, StringComparison.OrdinalIgnoreCase);
            var body = JsonDocument.Parse(text).RootElement;
            Assert.Equal(0, body.GetProperty("parties").GetArrayLength());
            Assert.Contains("1367", body.GetProperty("notice").GetString(), StringComparison.Ordinal);
        }

        using (var pickUp = await attorney.PostAsJsonAsync($"/api/v1/opportunities/{caseId}/accept", new { attestNoConflict = true }))
        {
            Assert.Equal(HttpStatusCode.Conflict, pickUp.StatusCode);
        }

        // Ad-hoc conflict check: the match counts for the outcome, but shows nothing about the protected party.
        using (var check = await script.PostAsJsonAsync("/api/v1/conflict-checks",
                   new { givenNames = given, familyNames = new[] { family }, aliases = Array.Empty<string>(), dateOfBirth = "1983-04-05" }))
        {
            var text = await check.Content.ReadAsStringAsync();
            Assert.True(check.StatusCode == HttpStatusCode.OK, text);
            var body = JsonDocument.Parse(text).RootElement;
            Assert.NotEqual("no_match", body.GetProperty("outcome").GetString());
            var match = Assert.Single(body.GetProperty("matches").EnumerateArray());
            Assert.Equal("protected", match.GetProperty("role").GetString());
            Assert.Equal(Guid.Empty, match.GetProperty("partyId").GetGuid());
            Assert.Equal(JsonValueKind.Null, match.GetProperty("caseReference").ValueKind);
            Assert.Contains("contact a program manager", match.GetProperty("reasons")[0].GetString(), StringComparison.Ordinal);
            Assert.DoesNotContain(intake.GetProperty("reference").GetString()!, text, StringComparison.Ordinal);
        }

        // Every audit entry about the case from the flag on carries the 1367 category.
        var entries = await AuditOfAsync(caseId);
        var from = entries.FindIndex(a => a.Action == "case.protection.set");
        Assert.True(from >= 0);
        Assert.All(entries.Skip(from), a => Assert.StartsWith("1367:", a.FieldCategory, StringComparison.Ordinal));
        Assert.All(entries.Take(from), a => Assert.DoesNotContain("1367", a.FieldCategory, StringComparison.Ordinal));
        Assert.Contains(entries, a => a.Action == "opportunity.party_names_withheld");
        using (var read = await script.GetAsync($"/api/v1/intakes/{caseId}"))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        Assert.Equal("1367:identity", (await AuditOfAsync(caseId)).Last(a => a.Action == "intake.read").FieldCategory);
    }

    [Fact]
    public async Task Protected_cases_are_left_out_of_report_exports()
    {
        var intakeDate = new DateOnly(2018, 3, 3);
        await DbAsync(async db =>
        {
            var org = await db.Set<Organisation>().SingleAsync(o => o.Name == Seeder.DemoOrganisationName);
            var at = intakeDate.ToDateTime(new TimeOnly(14, 0), DateTimeKind.Utc);
            for (var i = 0; i < 12; i++)
            {
                var c = new Case(org.Id, null, $"CC-PRV-{Letters(8).ToUpperInvariant()}", CustodyStatus.Detained, "NYC", null, null, null, [ReliefType.Asylum],
                    "spa", [], false, "test", at);
                c.AcceptIntake(new ConflictCheck(org.Id, c.Id, MatchLevel.NoMatch, "system", at), at);
                if (i % 2 == 0)
                {
                    c.SetProtection(i % 4 == 0 ? CaseProtection.Vawa : CaseProtection.TVisa);
                }

                db.Set<Case>().Add(c);
                db.Set<CaseClosing>().Add(new CaseClosing(c, new ClosingDetails(CourtOutcome.Pending, null, false, null, [], null, null, null, null, null, null),
                    "test", at));
            }

            return await db.SaveChangesAsync();
        });

        using var manager = await DemoAsync("manager");
        var report = await manager.GetFromJsonAsync<JsonElement>("/api/v1/reports/representation-rate?from=2018-03-01&to=2018-03-31");
        Assert.Equal(6, report.GetProperty("totals").GetProperty("total").GetInt64());
        var csv = await manager.GetStringAsync("/api/v1/reports/representation-rate?from=2018-03-01&to=2018-03-31&format=csv");
        Assert.Contains(",6", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",12", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Intake_staff_see_only_their_own_offices_records()
    {
        // A second office with its own intake worker.
        var officeId = await DbAsync(async db =>
        {
            var org = await db.Set<Organisation>().Include(o => o.Offices).SingleAsync(o => o.Name == Seeder.DemoOrganisationName);
            var office = org.AddOffice("Office " + Letters(6), "America/Chicago");
            await db.SaveChangesAsync();
            return office.Id;
        });
        using var admin = await DemoAsync("admin");
        var email = $"intake-{Letters(6)}@example.test";
        using (var created = await admin.PostAsJsonAsync("/api/v1/admin/users",
                   new { email, displayName = "Second Office Intake", role = "IntakeStaff", officeId, password = CounselConnectFactory.DemoPassword }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using var first = await DemoAsync("intake");
        using var second = await PersonAsync(email);
        var firstCase = (await SubmitAsync(first, Name(), Name())).GetProperty("id").GetGuid();
        var secondCase = (await SubmitAsync(second, Name(), Name())).GetProperty("id").GetGuid();
        Assert.Equal(officeId, await DbAsync(db => db.Set<Case>().Where(c => c.Id == secondCase).Select(c => c.OfficeId).SingleAsync()));
        Assert.NotEqual(officeId, await DbAsync(db => db.Set<Case>().Where(c => c.Id == firstCase).Select(c => c.OfficeId).SingleAsync()));

        foreach (var (who, own, foreign) in new[] { (first, firstCase, secondCase), (second, secondCase, firstCase) })
        {
            using (var mine = await who.GetAsync($"/api/v1/intakes/{own}"))
            {
                Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
            }

            using (var theirs = await who.GetAsync($"/api/v1/intakes/{foreign}"))
            {
                Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
            }

            var list = await who.GetFromJsonAsync<JsonElement>("/api/v1/intakes?pageSize=200");
            var ids = list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
            Assert.Contains(own, ids);
            Assert.DoesNotContain(foreign, ids);

            // Writes to the other office's record are refused as not found and change nothing.
            using (var decline = await who.PostAsJsonAsync($"/api/v1/intakes/{foreign}/decline", new { reason = "Not ours to decline" }))
            {
                Assert.Equal(HttpStatusCode.NotFound, decline.StatusCode);
            }

            using (var protect = await who.PutAsJsonAsync($"/api/v1/cases/{foreign}/protection", new { protection = "vawa" }))
            {
                Assert.Equal(HttpStatusCode.NotFound, protect.StatusCode);
            }

            using (var hearings = await who.GetAsync($"/api/v1/cases/{foreign}/hearings"))
            {
                Assert.Equal(HttpStatusCode.NotFound, hearings.StatusCode);
            }

            var stored = await DbAsync(db => db.Set<Case>().AsNoTracking().SingleAsync(c => c.Id == foreign));
            Assert.Equal(CaseStatus.Intake, stored.Status);
            Assert.Equal(CaseProtection.None, stored.Protection);
        }

        // Intake staff may flag their own office's case.
        using var flag = await second.PutAsJsonAsync($"/api/v1/cases/{secondCase}/protection", new { protection = "t_visa" });
        Assert.Equal(HttpStatusCode.OK, flag.StatusCode);
    }

    private static object AttorneyProfile() => new
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
}

public sealed class SqlitePrivacyTests(SqliteFactory factory) : PrivacyTests<SqliteFactory>(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresPrivacyTests(PostgresFactory factory) : PrivacyTests<PostgresFactory>(factory), IClassFixture<PostgresFactory>;
