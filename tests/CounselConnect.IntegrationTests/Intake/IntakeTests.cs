using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CounselConnect.Domain.Auditing;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Deadlines;
using CounselConnect.Domain.Hearings;
using CounselConnect.Domain.People;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.IntegrationTests.Reminders;
using CounselConnect.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CounselConnect.IntegrationTests.Intake;

/// <summary>Intake, conflict checks and imports through HTTP, on each database engine.</summary>
public abstract class IntakeTests<TFactory>(TFactory factory) where TFactory : CounselConnectFactory
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private async Task<HttpClient> ClientAsync()
    {
        var client = factory.CreateClient();
        client.WithBearer(await client.GetClientCredentialsTokenAsync());
        return client;
    }

    private static object NewIntake(string given, string family, string? aNumber = null, string? dob = null, object[]? related = null) => new
    {
        person = new { givenNames = given, familyNames = family, aliases = Array.Empty<string>(), dateOfBirth = dob, aNumber },
        relatedParties = related ?? [],
        custody = "detained",
        courtCode = "NYC",
        hearingLocation = "Varick Street",
        nextHearing = new { at = DateTimeOffset.UtcNow.AddDays(20), type = "master_calendar" },
        primaryLanguage = "spa",
        languages = new[] { new { code = "spa", speaks = true, reads = true } },
        interpreterNeeded = true,
        reliefSought = new[] { "asylum", "withholding_of_removal" },
    };

    private async Task<(int Cases, int Parties)> CountsAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return (await db.Set<Case>().CountAsync(), await db.Set<Party>().CountAsync());
    }

    private static string Unique() => Guid.NewGuid().ToString("N")[..6];

    [Fact]
    public async Task Submitting_intake_with_known_A_number_reports_conflict_and_blocks_acceptance_until_decided()
    {
        using var client = await ClientAsync();
        var aNumber = $"A{Random.Shared.Next(100_000_000, 999_999_999)}";
        using var first = await client.PostAsJsonAsync("/api/v1/intakes", NewIntake("José Luis", "García López", aNumber, "1988-04-12"));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var firstBody = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("intake", firstBody.GetProperty("status").GetString());
        Assert.Equal(first.Headers.Location!.ToString(), $"/api/v1/intakes/{firstBody.GetProperty("id").GetString()}");

        // Same person, A-number spelled differently, accents dropped, second surname dropped, day and month swapped.
        var dashed = $"{aNumber[1..4]}-{aNumber[4..7]}-{aNumber[7..]}";
        using var second = await client.PostAsJsonAsync("/api/v1/intakes", NewIntake("Jose", "Garcia", dashed, "1988-12-04"));
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var intake = await second.Content.ReadFromJsonAsync<JsonElement>();
        var check = intake.GetProperty("conflictCheck");
        Assert.Equal("likely", check.GetProperty("outcome").GetString());
        var clientPartyId = firstBody.GetProperty("person").GetProperty("id").GetString();
        var match = check.GetProperty("matches").EnumerateArray().First(m => m.GetProperty("partyId").GetString() == clientPartyId);
        Assert.Equal("person", match.GetProperty("matchedFor").GetString());
        Assert.Equal("pending", match.GetProperty("decision").GetString());
        Assert.Contains(match.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("A-number", StringComparison.Ordinal));
        Assert.False(intake.GetProperty("canAccept").GetBoolean());

        var id = intake.GetProperty("id").GetString();
        using var early = await client.PostAsync($"/api/v1/intakes/{id}/accept", null);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);

        using var noReason = await client.PostAsJsonAsync($"/api/v1/intakes/{id}/conflict-matches/{match.GetProperty("id").GetString()}/decision",
            new { decision = "waived" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);

        foreach (var m in check.GetProperty("matches").EnumerateArray())
        {
            using var decided = await client.PostAsJsonAsync($"/api/v1/intakes/{id}/conflict-matches/{m.GetProperty("id").GetString()}/decision",
                new { decision = "waived", reason = "Former client; informed consent in writing" });
            Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        }

        using var accepted = await client.PostAsync($"/api/v1/intakes/{id}/accept", null);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var acceptedBody = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("needs_counsel", acceptedBody.GetProperty("status").GetString());
        var decidedMatch = acceptedBody.GetProperty("conflictCheck").GetProperty("matches")[0];
        Assert.Equal("waived", decidedMatch.GetProperty("decision").GetString());
        Assert.Equal("counselconnect-cli", decidedMatch.GetProperty("decidedBy").GetString());
        Assert.Equal("no-store", accepted.Headers.CacheControl?.ToString());
    }

    private static string Letters(int n) => new([.. Enumerable.Range(0, n).Select(_ => (char)('a' + Random.Shared.Next(26)))]);

    /// <summary>A released client with fresh random names (nothing matches, so it can be accepted at once) and the given next hearing.</summary>
    private static object IntakeWithHearing(object? nextHearing) => new
    {
        person = new { givenNames = "Zy" + Letters(7), familyNames = "Qx" + Letters(7), aliases = Array.Empty<string>(), dateOfBirth = "1991" },
        relatedParties = Array.Empty<object>(),
        custody = "released",
        courtCode = "NYC",
        hearingLocation = "26 Federal Plaza, 12th floor",
        nextHearing,
        primaryLanguage = "spa",
        languages = new[] { new { code = "spa", speaks = true, reads = true } },
        interpreterNeeded = true,
        reliefSought = new[] { "asylum" },
    };

    /// <summary>09:00 at the court <paramref name="daysAhead"/> days from now, with the zone's offset on that day.</summary>
    private static (DateTime Local, DateTimeOffset At) CourtNine(int daysAhead, string zone)
    {
        var local = DateTime.SpecifyKind(DateTime.UtcNow.Date.AddDays(daysAhead).AddHours(9), DateTimeKind.Unspecified);
        return (local, new DateTimeOffset(local, TimeZoneInfo.FindSystemTimeZoneById(zone).GetUtcOffset(local)));
    }

    private static string Iso(DateTime local) => local.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    private async Task<(int Cases, int Hearings)> CaseAndHearingCountsAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return (await db.Set<Case>().CountAsync(), await db.Set<Hearing>().CountAsync());
    }

    [Fact]
    public async Task The_next_hearing_given_at_intake_is_the_case_hearing_with_its_deadlines_once_accepted_and_assigned()
    {
        using var client = await ClientAsync();
        var (local, at) = CourtNine(60, "America/New_York");
        using var created = await client.PostAsJsonAsync("/api/v1/intakes", IntakeWithHearing(new { at, type = "individual" }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var intake = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = intake.GetProperty("id").GetString()!;
        Assert.True(intake.GetProperty("canAccept").GetBoolean(), intake.ToString());
        using (var accepted = await client.PostAsync($"/api/v1/intakes/{id}/accept", null))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        await CaseAssignments.AssignAsync(factory.Services, Guid.Parse(id),
            await CaseAssignments.UserIdAsync(factory.Services, $"attorney@{CounselConnect.Infrastructure.Seeding.Seeder.DemoEmailDomain}"));

        // The assigned attorney sees the hearing on the case: the intake's time, type, court and location, in the court's zone.
        var tokens = await AuthorizationCodeFlow.SignInAsync(factory, $"attorney@{CounselConnect.Infrastructure.Seeding.Seeder.DemoEmailDomain}",
            CounselConnectFactory.DemoPassword);
        using var attorney = factory.CreateClient();
        attorney.WithBearer(tokens.AccessToken);
        var hearings = await attorney.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}/hearings");
        var hearing = Assert.Single(hearings.EnumerateArray());
        Assert.Equal(at.UtcDateTime, hearing.GetProperty("scheduledAtUtc").GetDateTime());
        Assert.Equal(Iso(local), hearing.GetProperty("localDateTime").GetString());
        Assert.Equal("America/New_York", hearing.GetProperty("timeZone").GetString()); // none given: the default zone (the client has no office)
        Assert.Equal("individual", hearing.GetProperty("type").GetString());
        Assert.Equal("NYC", hearing.GetProperty("courtCode").GetString());
        Assert.Equal("26 Federal Plaza, 12th floor", hearing.GetProperty("location").GetString());
        Assert.Equal("spa", hearing.GetProperty("interpreterLanguage").GetString());
        Assert.Equal(("scheduled", 1), (hearing.GetProperty("status").GetString(), hearing.GetProperty("version").GetInt32()));
        Assert.Empty(hearing.GetProperty("changes").EnumerateArray());

        // Its filing deadline, 30 days before an individual hearing (non-detained), as for any hearing.
        var deadlines = await attorney.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}/deadlines");
        var filing = Assert.Single(deadlines.GetProperty("deadlines").EnumerateArray(),
            d => d.GetProperty("deadline").GetProperty("ruleId").GetString() == EoirDeadlineRules.IndividualHearingFilingId);
        Assert.Equal(hearing.GetProperty("id").GetString(), filing.GetProperty("hearingId").GetString());
        Assert.Equal(DateOnly.FromDateTime(local).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            filing.GetProperty("deadline").GetProperty("triggerDate").GetString());

        // The case's next hearing fields say the same.
        await using var scope = factory.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Case>().AsNoTracking().SingleAsync(c => c.Id == Guid.Parse(id));
        Assert.Equal((at.UtcDateTime, HearingType.Individual), (stored.NextHearingUtc!.Value, stored.NextHearingType!.Value));
    }

    [Fact]
    public async Task The_next_hearing_keeps_the_court_time_zone_given_at_intake()
    {
        using var client = await ClientAsync();
        var (local, at) = CourtNine(45, "America/Chicago");
        using var created = await client.PostAsJsonAsync("/api/v1/intakes",
            IntakeWithHearing(new { at, type = "master_calendar", timeZone = "America/Chicago" }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetString();
        var hearing = Assert.Single((await client.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}/hearings")).EnumerateArray());
        Assert.Equal("America/Chicago", hearing.GetProperty("timeZone").GetString());
        Assert.Equal(Iso(local), hearing.GetProperty("localDateTime").GetString());
        Assert.Equal(at.UtcDateTime, hearing.GetProperty("scheduledAtUtc").GetDateTime());
        Assert.Equal("master_calendar", hearing.GetProperty("type").GetString());

        // The intake, as answered, as read and in the queue, names the zone beside the UTC time it always had.
        var read = await client.GetFromJsonAsync<JsonElement>($"/api/v1/intakes/{id}");
        var reference = body.GetProperty("reference").GetString()!;
        var listed = Assert.Single((await client.GetFromJsonAsync<JsonElement>($"/api/v1/intakes?reference={reference}")).GetProperty("items").EnumerateArray());
        foreach (var intake in new[] { body, read, listed })
        {
            Assert.Equal(at.UtcDateTime, intake.GetProperty("nextHearingAtUtc").GetDateTime());
            Assert.Equal("America/Chicago", intake.GetProperty("nextHearingTimeZone").GetString());
        }
    }

    [Fact]
    public async Task An_intake_without_a_next_hearing_has_no_hearing_and_no_computed_deadline()
    {
        using var client = await ClientAsync();
        using var created = await client.PostAsJsonAsync("/api/v1/intakes", IntakeWithHearing(null));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}/hearings")).EnumerateArray());
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}/deadlines")).GetProperty("deadlines").EnumerateArray());
    }

    [Fact]
    public async Task A_past_next_hearing_or_an_unknown_court_time_zone_gets_a_field_error_and_stores_nothing()
    {
        using var client = await ClientAsync();
        var before = await CaseAndHearingCountsAsync();

        // Earlier today: a hearing must be in the future, as the hearings endpoint's rule says.
        using var past = await client.PostAsJsonAsync("/api/v1/intakes",
            IntakeWithHearing(new { at = DateTimeOffset.UtcNow.AddHours(-2), type = "master_calendar" }));
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        var pastErrors = (await past.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(pastErrors.TryGetProperty("nextHearing.at", out _), pastErrors.ToString());

        using var badZone = await client.PostAsJsonAsync("/api/v1/intakes",
            IntakeWithHearing(new { at = DateTimeOffset.UtcNow.AddDays(30), type = "master_calendar", timeZone = "Eastern" }));
        Assert.Equal(HttpStatusCode.BadRequest, badZone.StatusCode);
        var zoneErrors = (await badZone.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(zoneErrors.TryGetProperty("nextHearing.timeZone", out _), zoneErrors.ToString());

        Assert.Equal(before, await CaseAndHearingCountsAsync());
    }

    [Fact]
    public async Task A_conflict_decision_means_the_intake_must_be_declined()
    {
        using var client = await ClientAsync();
        var family = "Okonkwo" + Unique();
        using var first = await client.PostAsJsonAsync("/api/v1/intakes", NewIntake("Chidi", family, dob: "1990"));
        first.EnsureSuccessStatusCode();
        // The new person's related party is the earlier client (an alleged abuser in a VAWA matter).
        using var second = await client.PostAsJsonAsync("/api/v1/intakes", NewIntake("Ada", "Eze" + Unique(),
            related: [new { givenNames = "Chidi", familyNames = family, aliases = Array.Empty<string>(), dateOfBirth = "1990", relationship = "alleged_abuser" }]));
        var intake = await second.Content.ReadFromJsonAsync<JsonElement>();
        var matches = intake.GetProperty("conflictCheck").GetProperty("matches");
        var match = Assert.Single(matches.EnumerateArray(), m => m.GetProperty("matchedFor").GetString() == "relatedParties[0]");
        var id = intake.GetProperty("id").GetString();
        using var decided = await client.PostAsJsonAsync($"/api/v1/intakes/{id}/conflict-matches/{match.GetProperty("id").GetString()}/decision",
            new { decision = "conflict", reason = "We represent the alleged abuser" });
        decided.EnsureSuccessStatusCode();
        using var accept = await client.PostAsync($"/api/v1/intakes/{id}/accept", null);
        Assert.Equal(HttpStatusCode.Conflict, accept.StatusCode);
        var problem = await accept.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ConflictFound", problem.GetProperty("rule").GetString());
        using var decline = await client.PostAsJsonAsync($"/api/v1/intakes/{id}/decline", new { reason = "Conflict of interest" });
        Assert.Equal("declined", (await decline.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Invalid_intake_gets_field_errors_and_stores_nothing()
    {
        using var client = await ClientAsync();
        var before = await CountsAsync();
        using var response = await client.PostAsJsonAsync("/api/v1/intakes", new
        {
            person = new { givenNames = "Ana", familyNames = "", aliases = Array.Empty<string>(), dateOfBirth = "1990-02-30", aNumber = "A12" },
            relatedParties = Array.Empty<object>(),
            courtCode = "",
            primaryLanguage = "spanish",
            languages = Array.Empty<object>(),
            reliefSought = Array.Empty<string>(),
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "custody", "courtCode", "primaryLanguage", "person.dateOfBirth", "person.aNumber" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"No error for {field}: {errors}");
        }

        Assert.Equal(before, await CountsAsync());
    }

    [Theory]
    [InlineData("/api/v1/intakes", "relatedParties")]
    [InlineData("/api/v1/intakes", "languages")]
    [InlineData("/api/v1/intakes", "reliefSought")]
    [InlineData("/api/v1/intakes", "person.aliases")]
    [InlineData("/api/v1/intakes", "person.givenNames")]
    [InlineData("/api/v1/intakes", "person.familyNames")]
    [InlineData("/api/v1/intakes", "relatedParties[0]")]
    [InlineData("/api/v1/intakes", "languages[0]")]
    [InlineData("/api/v1/conflict-checks", "aliases")]
    [InlineData("/api/v1/conflict-checks", "relatedParties")]
    [InlineData("/api/v1/conflict-checks", "givenNames")]
    [InlineData("/api/v1/conflict-checks", "relatedParties[0]")]
    public async Task A_list_or_list_item_sent_as_null_gets_a_field_error_and_stores_nothing(string path, string nulled)
    {
        using var client = await ClientAsync();
        var related = new object[] { new { givenNames = "Luis", familyNames = "Gomez" + Unique(), aliases = Array.Empty<string>(), relationship = "spouse_or_partner" } };
        var body = JsonSerializer.SerializeToNode(path.EndsWith("intakes", StringComparison.Ordinal)
            ? NewIntake("Nulla", "Lista" + Unique(), related: related)
            : new { givenNames = new[] { "Nulla" }, familyNames = new[] { "Lista" }, aliases = Array.Empty<string>(), relatedParties = related }, Json)!;
        // Walk to the parent of the nulled field ("person.aliases", "languages[0]") and set it to JSON null.
        var parts = nulled.Split('.');
        var parent = body;
        foreach (var part in parts[..^1])
        {
            parent = parent[part]!;
        }

        var last = parts[^1];
        if (last.EndsWith(']'))
        {
            parent[last[..last.IndexOf('[', StringComparison.Ordinal)]]!.AsArray()[0] = null;
        }
        else
        {
            parent[last] = null;
        }

        var before = await CountsAsync();
        using var response = await client.PostAsync(path, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(nulled, out _), $"No error for {nulled}: {errors}");
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_date_of_birth_after_today_is_refused_at_its_field()
    {
        using var client = await ClientAsync();
        var before = await CountsAsync();
        var tomorrow = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using var response = await client.PostAsJsonAsync("/api/v1/intakes", NewIntake("Futura", "Nacida" + Unique(), dob: tomorrow));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("person.dateOfBirth", out _), errors.ToString());
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Unknown_fields_and_malformed_json_are_rejected_without_storing()
    {
        using var client = await ClientAsync();
        var before = await CountsAsync();
        using var unknown = await client.PostAsync("/api/v1/intakes", new StringContent(
            """{"person":{"givenNames":"A","familyNames":"B"},"custody":"detained","courtCode":"NYC","primaryLanguage":"spa","isAdmin":true}""",
            Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.True((await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("isAdmin", out _));

        using var malformed = await client.PostAsync("/api/v1/intakes", new StringContent("{\"person\": [", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", await malformed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Ad_hoc_check_finds_nickname_and_stores_only_an_audit_entry()
    {
        using var client = await ClientAsync();
        var family = "Brown" + Unique();
        (await client.PostAsJsonAsync("/api/v1/intakes", NewIntake("Michael", family, dob: "1975-06-01"))).EnsureSuccessStatusCode();
        var before = await CountsAsync();
        int auditsBefore;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            auditsBefore = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<AuditEntry>().CountAsync();
        }

        using var response = await client.PostAsJsonAsync("/api/v1/conflict-checks",
            new { givenNames = "Mike", familyNames = new[] { family + "e" }, aliases = Array.Empty<string>(), dateOfBirth = "1975" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEqual("no_match", body.GetProperty("outcome").GetString());
        var top = body.GetProperty("matches")[0];
        Assert.Equal("client", top.GetProperty("role").GetString());
        Assert.StartsWith("CC-", top.GetProperty("caseReference").GetString(), StringComparison.Ordinal);
        Assert.InRange(top.GetProperty("score").GetDouble(), 0, 1);
        Assert.Equal(before, await CountsAsync());
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var audits = scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<AuditEntry>();
            Assert.Equal(auditsBefore + 1, await audits.CountAsync());
            Assert.Equal("conflict_check.adhoc", (await audits.OrderByDescending(a => a.Id).FirstAsync()).Action);
        }
    }

    [Fact]
    public async Task Ad_hoc_check_for_nobody_known_is_no_match()
    {
        using var client = await ClientAsync();
        using var response = await client.PostAsJsonAsync("/api/v1/conflict-checks",
            new { givenNames = "Zebulon", familyNames = "Quixwellington" + Unique(), aliases = Array.Empty<string>() });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("no_match", body.GetProperty("outcome").GetString());
        Assert.Equal(0, body.GetProperty("matches").GetArrayLength());
    }

    [Fact]
    public async Task Ad_hoc_check_for_the_same_common_full_name_is_a_potential_match_explained_as_weak()
    {
        using var client = await ClientAsync();
        using var created = await client.PostAsJsonAsync("/api/v1/intakes", NewIntake("Maria", "Garcia"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var partyId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("person").GetProperty("id").GetString();

        using var response = await client.PostAsJsonAsync("/api/v1/conflict-checks",
            new { givenNames = "Maria", familyNames = new[] { "Garcia" }, aliases = Array.Empty<string>() });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("potential", body.GetProperty("outcome").GetString());
        // Earlier runs against the same database may hold other Maria Garcias: each is an equal candidate.
        var matches = body.GetProperty("matches").EnumerateArray().ToList();
        Assert.All(matches, m => Assert.InRange(m.GetProperty("score").GetDouble(), 0.4, 0.8 - 1e-9));
        var reasons = matches[0].GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Contains("full name identical", reasons);
        Assert.Contains("common name: an identical name alone is weak evidence", reasons);
        if (matches.Count < 10)
        {
            Assert.Contains(matches, m => m.GetProperty("partyId").GetString() == partyId);
        }
    }

    [Fact]
    public async Task Attorney_cannot_use_intake_endpoints()
    {
        var tokens = await AuthorizationCodeFlow.SignInAsync(factory, $"attorney@{CounselConnect.Infrastructure.Seeding.Seeder.DemoEmailDomain}", CounselConnectFactory.DemoPassword);
        using var client = factory.CreateClient();
        client.WithBearer(tokens.AccessToken);
        using var list = await client.GetAsync("/api/v1/intakes");
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        using var check = await client.PostAsJsonAsync("/api/v1/conflict-checks", new { givenNames = "A", familyNames = "B" });
        Assert.Equal(HttpStatusCode.Forbidden, check.StatusCode);
    }

    [Fact]
    public async Task Intake_queue_pages_and_sorts()
    {
        using var client = await ClientAsync();
        for (var i = 0; i < 3; i++)
        {
            (await client.PostAsJsonAsync("/api/v1/intakes", NewIntake("Lin", "Wei" + Unique()))).EnsureSuccessStatusCode();
        }

        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/intakes?pageSize=2&sort=-createdAt");
        Assert.Equal(2, page.GetProperty("items").GetArrayLength());
        Assert.True(page.GetProperty("totalCount").GetInt32() >= 3);
        var items = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("createdAtUtc").GetDateTime()).ToList();
        Assert.True(items[0] >= items[1]);
        Assert.False(page.GetProperty("items")[0].TryGetProperty("person", out _));
        using var badSort = await client.GetAsync("/api/v1/intakes?sort=name");
        Assert.Equal(HttpStatusCode.BadRequest, badSort.StatusCode);
        Assert.Equal("application/problem+json", badSort.Content.Headers.ContentType?.MediaType);
        // A field error on sort that lists the orders there are (as the opportunities list does), not the value sent.
        var errors = (await badSort.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(new[] { "sort" }, errors.EnumerateObject().Select(e => e.Name));
        var message = Assert.Single(errors.GetProperty("sort").EnumerateArray()).GetString()!;
        Assert.All(new[] { "createdAt", "-createdAt", "nextHearing", "-nextHearing", "reference", "-reference" },
            order => Assert.Contains(order, message, StringComparison.Ordinal));
        Assert.DoesNotContain("name", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_queue_searches_by_part_of_a_case_reference_and_refuses_anything_else()
    {
        using var client = await ClientAsync();
        using var created = await client.PostAsJsonAsync("/api/v1/intakes", NewIntake("Ana", "Search" + Unique()));
        created.EnsureSuccessStatusCode();
        var reference = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;

        var part = reference[^5..].ToLowerInvariant();
        var found = await client.GetFromJsonAsync<JsonElement>($"/api/v1/intakes?reference={part}&pageSize=200");
        var references = found.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("reference").GetString()).ToList();
        Assert.Contains(reference, references);
        Assert.All(references, r => Assert.Contains(part.ToUpperInvariant(), r!, StringComparison.Ordinal));

        var none = await client.GetFromJsonAsync<JsonElement>("/api/v1/intakes?reference=ZZZZZZZZZZ");
        Assert.Equal(0, none.GetProperty("totalCount").GetInt32());
        using var hostile = await client.GetAsync("/api/v1/intakes?reference=%27%20OR%201%3D1--");
        Assert.Equal(HttpStatusCode.BadRequest, hostile.StatusCode);
        Assert.Contains("reference", await hostile.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Import_validates_rows_reports_progress_and_is_idempotent()
    {
        using var client = await ClientAsync();
        var tag = Unique();
        var csv = new StringBuilder("external_id,role,given_names,family_names,aliases,date_of_birth,a_number,case_reference\n");
        csv.Append($"legacy-{tag}-1,client,Muhammad,Al-Rashid{tag},Mohamed Rashid|Abu Karim,1979-03-15,A012345678,OLD-1\n");
        csv.Append($"legacy-{tag}-2,adverse_party,Oleksandr,Shevchenko{tag},,1985,,OLD-2\n");
        csv.Append($",client,No,Identifier,,,,\n");
        csv.Append($"legacy-{tag}-4,client,Bad,Date,,1985-13-01,,\n");
        csv.Append($"legacy-{tag}-5,client,Too,Few\n");
        var before = await CountsAsync();

        var first = await ImportAsync(client, csv.ToString());
        Assert.Equal("completed", first.GetProperty("status").GetString());
        Assert.Equal(2, first.GetProperty("rowsAccepted").GetInt64());
        Assert.Equal(3, first.GetProperty("rowsRejected").GetInt64());
        var lines = first.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("line").GetInt64()).ToArray();
        Assert.Equal(new long[] { 4, 5, 6 }, lines);
        Assert.DoesNotContain("1985-13-01", first.GetProperty("errors").ToString(), StringComparison.Ordinal);
        Assert.Equal(before.Parties + 2, (await CountsAsync()).Parties);

        var again = await ImportAsync(client, csv.ToString());
        Assert.Equal(2, again.GetProperty("rowsAccepted").GetInt64());
        Assert.Equal(before.Parties + 2, (await CountsAsync()).Parties);

        using var check = await client.PostAsJsonAsync("/api/v1/conflict-checks",
            new { givenNames = "Mohammed", familyNames = "Rashid" + tag, aliases = Array.Empty<string>(), aNumber = "12345678" });
        var result = await check.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("likely", result.GetProperty("outcome").GetString());
        Assert.Equal($"legacy-{tag}-1", result.GetProperty("matches")[0].GetProperty("externalId").GetString());
        Assert.Equal("OLD-1", result.GetProperty("matches")[0].GetProperty("caseReference").GetString());
    }

    [Fact]
    public async Task Import_as_a_multipart_form_file_is_accepted_like_a_csv_body()
    {
        using var client = await ClientAsync();
        var tag = Unique();
        var csv = $"external_id,role,given_names,family_names,aliases,date_of_birth,a_number,case_reference\nform-{tag},client,Thi,Nguyen{tag},,1992,,\n";
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "parties.csv");
        using var response = await client.PostAsync("/api/v1/imports/parties", form);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var status = await WaitForImportAsync(client, response.Headers.Location!);
        Assert.Equal("completed", status.GetProperty("status").GetString());
        Assert.Equal(1, status.GetProperty("rowsAccepted").GetInt64());
    }

    [Fact]
    public async Task Import_with_a_wrong_header_is_refused_at_once()
    {
        using var client = await ClientAsync();
        using var response = await client.PostAsync("/api/v1/imports/parties",
            new StringContent("id,name\n1,Someone\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("file", out _));
    }

    [Fact]
    public async Task A_stalled_import_is_queued_again_from_its_stored_file()
    {
        using var client = await ClientAsync();
        var tag = Unique();
        var csv = $"external_id,role,given_names,family_names,aliases,date_of_birth,a_number,case_reference\nstalled-{tag},client,Thi,Nguyen{tag},,1992,,\n";
        Guid importId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            // As if the server died between storing the upload and queueing its job ten minutes ago.
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var organisationId = await db.Set<CounselConnect.Domain.Organisations.Organisation>().Select(o => o.Id).FirstAsync();
            var import = new CounselConnect.Domain.Imports.PartyImport(organisationId, "stalled.csv", "test", DateTime.UtcNow.AddMinutes(-10));
            db.Add(import);
            db.Add(new CounselConnect.Domain.Imports.ImportFile(import.Id, Encoding.UTF8.GetBytes(csv)));
            await db.SaveChangesAsync();
            importId = import.Id;
            var resumed = await scope.ServiceProvider.GetRequiredService<Mediator.ISender>()
                .Send(new CounselConnect.Application.Imports.ResumeStalledImports.ResumeStalledImportsCommand());
            Assert.True(resumed >= 1);
        }

        var status = await WaitForImportAsync(client, new Uri($"/api/v1/imports/{importId}", UriKind.Relative));
        Assert.Equal("completed", status.GetProperty("status").GetString());
        Assert.Equal(1, status.GetProperty("rowsAccepted").GetInt64());
    }

    private static async Task<JsonElement> ImportAsync(HttpClient client, string csv)
    {
        using var response = await client.PostAsync("/api/v1/imports/parties", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await WaitForImportAsync(client, response.Headers.Location!);
    }

    private static async Task<JsonElement> WaitForImportAsync(HttpClient client, Uri location)
    {
        for (var attempt = 0; attempt < 120; attempt++)
        {
            var status = await client.GetFromJsonAsync<JsonElement>(location);
            if (status.GetProperty("status").GetString() is "completed" or "failed")
            {
                return status;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("The import did not finish within 30 seconds.");
    }
}

public sealed class SqliteIntakeTests(SqliteFactory factory) : IntakeTests<SqliteFactory>(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresIntakeTests(PostgresFactory factory) : IntakeTests<PostgresFactory>(factory), IClassFixture<PostgresFactory>;
