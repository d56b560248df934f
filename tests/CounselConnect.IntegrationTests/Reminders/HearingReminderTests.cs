using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CounselConnect.Application.Hearings;
using CounselConnect.Application.Reminders.Delivery;
using CounselConnect.Domain.Reminders;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.Infrastructure.Reminders.Channels;
using CounselConnect.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CounselConnect.IntegrationTests.Reminders;

/// <summary>Hearings, deadlines, client contact and reminders through HTTP, on each database engine.</summary>
public abstract class HearingReminderTests<TFactory>(TFactory factory) where TFactory : CounselConnectFactory
{
    private async Task<HttpClient> ClientAsync()
    {
        var client = factory.CreateClient();
        client.WithBearer(await client.GetClientCredentialsTokenAsync());
        return client;
    }

    private async Task<HttpClient> PersonAsync(string email)
    {
        var client = factory.CreateClient();
        var tokens = await AuthorizationCodeFlow.SignInAsync(factory, email, CounselConnectFactory.DemoPassword);
        client.WithBearer(tokens.AccessToken);
        return client;
    }

    private static string Local(int daysAhead, int hour = 9) =>
        DateTime.UtcNow.Date.AddDays(daysAhead).AddHours(hour).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    private static async Task<string> NewCaseAsync(HttpClient client, string custody = "released", object? nextHearing = null)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/intakes", new
        {
            person = new { givenNames = "Ana María", familyNames = $"Reminder{Guid.NewGuid():N}"[..16], aliases = Array.Empty<string>(), aNumber = "A098765432" },
            relatedParties = Array.Empty<object>(),
            custody,
            courtCode = "NYC",
            nextHearing,
            primaryLanguage = "spa",
            languages = new[] { new { code = "spa", speaks = true, reads = true } },
            interpreterNeeded = true,
            reliefSought = new[] { "asylum" },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> ScheduleAsync(HttpClient client, string caseId, string type = "individual", int daysAhead = 40)
    {
        using var response = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/hearings", new
        {
            type,
            localDateTime = Local(daysAhead),
            timeZone = "America/New_York",
            courtCode = "NYC",
            location = "26 Federal Plaza",
            appearance = "in_person",
            interpreterLanguage = "spa",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Assigns the case to the seeded attorney: attorney reminders go to the case's current assignment.</summary>
    private async Task AssignToDemoAttorneyAsync(string caseId) =>
        await CaseAssignments.AssignAsync(factory.Services, Guid.Parse(caseId),
            await CaseAssignments.UserIdAsync(factory.Services, "attorney@demo.counselconnect.test"));

    /// <summary>The case's reminder rows, once every planned row has been materialised (see <see cref="ReminderMaterialisation"/>).</summary>
    private async Task<List<JsonElement>> RemindersAsync(HttpClient client, string caseId)
    {
        await ReminderMaterialisation.AllAsync(factory.Services);
        return [.. (await client.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}/reminders")).EnumerateArray()];
    }

    [Fact]
    public async Task Scheduling_a_hearing_plans_attorney_and_consented_client_reminders_and_reschedule_then_cancel_replaces_them()
    {
        using var client = await ClientAsync();
        var caseId = await NewCaseAsync(client);
        await AssignToDemoAttorneyAsync(caseId);
        var hearing = await ScheduleAsync(client, caseId);
        var hearingId = hearing.GetProperty("id").GetString();
        Assert.Equal(Local(40), hearing.GetProperty("localDateTime").GetString());
        Assert.Equal("America/New_York", hearing.GetProperty("timeZone").GetString());
        Assert.Equal("in_person", hearing.GetProperty("appearance").GetString());

        // No consent yet: attorney reminders only (hearing 14/7/2/1 and the filing deadlines).
        var planned = await RemindersAsync(client, caseId);
        var hearingRows = planned.Where(r => r.GetProperty("targetKind").GetString() == "hearing").ToList();
        Assert.Equal([1, 2, 7, 14], hearingRows.Select(r => r.GetProperty("offsetDays").GetInt32()).Order());
        Assert.All(planned, r => Assert.Equal("attorney", r.GetProperty("recipientKind").GetString()));
        Assert.Contains(planned, r => r.GetProperty("targetKind").GetString() == "deadline");

        using var contact = await client.PutAsJsonAsync($"/api/v1/cases/{caseId}/client-contact", new
        {
            email = "ana@example.test", phone = "+12125550100", preferredLanguage = "hat", emailConsent = false, smsConsent = true,
        });
        Assert.Equal(HttpStatusCode.OK, contact.StatusCode);
        var contactBody = await contact.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(contactBody.GetProperty("smsConsent").GetBoolean());
        Assert.False(string.IsNullOrEmpty(contactBody.GetProperty("smsConsentRecordedBy").GetString()));

        var withClient = await RemindersAsync(client, caseId);
        var clientRows = withClient.Where(r => r.GetProperty("recipientKind").GetString() == "client").ToList();
        Assert.Equal([1, 7], clientRows.Select(r => r.GetProperty("offsetDays").GetInt32()).Order());
        Assert.All(clientRows, r => Assert.Equal("sms", r.GetProperty("channel").GetString()));
        Assert.All(clientRows, r => Assert.Equal("hat", r.GetProperty("language").GetString()));

        using var moved = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/hearings/{hearingId}/reschedule",
            new { localDateTime = Local(50, 13), reason = "Continued by the court" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var movedBody = await moved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, movedBody.GetProperty("version").GetInt32());
        var change = Assert.Single(movedBody.GetProperty("changes").EnumerateArray());
        Assert.Equal("rescheduled", change.GetProperty("kind").GetString());
        Assert.Equal(hearing.GetProperty("scheduledAtUtc").GetDateTime(), change.GetProperty("previousAtUtc").GetDateTime());

        var afterMove = await RemindersAsync(client, caseId);
        var v1 = afterMove.Where(r => r.GetProperty("targetKey").GetString()!.EndsWith($"{hearingId}:v1", StringComparison.Ordinal)).ToList();
        var v2 = afterMove.Where(r => r.GetProperty("targetKey").GetString()!.EndsWith($"{hearingId}:v2", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(v1);
        Assert.All(v1, r => Assert.Equal("cancelled", r.GetProperty("status").GetString()));
        bool IsHearing(JsonElement r) => r.GetProperty("targetKind").GetString() == "hearing";
        Assert.Equal(v1.Count(IsHearing), v2.Count(IsHearing));
        Assert.Contains(v2, r => !IsHearing(r));
        Assert.All(v2, r => Assert.Equal("pending", r.GetProperty("status").GetString()));

        using var cancelled = await client.DeleteAsync($"/api/v1/cases/{caseId}/hearings/{hearingId}?reason=Terminated");
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("cancelled", (await cancelled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.DoesNotContain(await RemindersAsync(client, caseId), r => r.GetProperty("status").GetString() == "pending");

        var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}/hearings");
        var only = Assert.Single(list.EnumerateArray());
        Assert.Equal(2, only.GetProperty("changes").GetArrayLength());
    }

    [Fact]
    public async Task A_replan_waits_for_one_under_way_so_that_it_plans_from_the_rescheduled_hearing_and_leaves_no_old_reminder()
    {
        using var client = await ClientAsync();
        var caseId = await NewCaseAsync(client);
        await AssignToDemoAttorneyAsync(caseId);
        var hearingId = Guid.Parse((await ScheduleAsync(client, caseId)).GetProperty("id").GetString()!);
        Assert.Contains(await RemindersAsync(client, caseId), r => r.GetProperty("status").GetString() == "pending");
        var caseGuid = Guid.Parse(caseId);

        // Another replan of the case is under way (here the test's own transaction, holding the case's plan as a replan
        // does), and the hearing is rescheduled inside it. A replan started meanwhile (a background job, say) must wait
        // for it and then plan from the rescheduled hearing; one that read the hearing before the reschedule would keep
        // the old time's reminders pending.
        await using var holder = factory.Services.CreateAsyncScope();
        var db = holder.ServiceProvider.GetRequiredService<AppDbContext>();
        Task? replan = null;
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            Assert.Equal(1, await db.Set<CaseReminderPlan>().Where(p => p.CaseId == caseGuid)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Version, p => p.Version)));
            replan = Task.Run(async () =>
            {
                await using var scope = factory.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<CounselConnect.Application.Reminders.ReminderPlanner>()
                    .ReplanCaseAsync(caseGuid, CancellationToken.None);
            });
            await Task.Delay(500);
            Assert.False(replan.IsCompleted, "The replan finished while another replan of the case held its plan.");
            var hearing = await db.Set<CounselConnect.Domain.Hearings.Hearing>().SingleAsync(h => h.Id == hearingId);
            db.Add(hearing.Reschedule(hearing.ScheduledAtUtc.AddDays(10), null, null, null, "Continued by the court", "test", DateTime.UtcNow));
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        });

        await replan!.WaitAsync(TimeSpan.FromSeconds(30));
        var rows = await RemindersAsync(client, caseId);
        var v1 = rows.Where(r => r.GetProperty("targetKey").GetString()!.EndsWith($"{hearingId}:v1", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(v1);
        Assert.All(v1, r => Assert.Equal("cancelled", r.GetProperty("status").GetString()));
        Assert.Contains(rows, r => r.GetProperty("targetKey").GetString()!.EndsWith($"{hearingId}:v2", StringComparison.Ordinal)
            && r.GetProperty("status").GetString() == "pending");
    }

    [Fact]
    public async Task The_case_reminder_list_shows_reminders_beyond_the_horizon_as_planned_and_the_same_ones_as_rows_once_materialised()
    {
        using var client = await ClientAsync();
        var caseId = await NewCaseAsync(client);
        await AssignToDemoAttorneyAsync(caseId);
        using var contact = await client.PutAsJsonAsync($"/api/v1/cases/{caseId}/client-contact", new
        {
            email = "planned@example.test", phone = "+12125550123", preferredLanguage = "spa", emailConsent = true, smsConsent = true,
        });
        Assert.Equal(HttpStatusCode.OK, contact.StatusCode);
        await ScheduleAsync(client, caseId, daysAhead: 60);

        // Nothing is due within 48 h, so no row exists yet: every reminder of the plan is listed as planned, without an id.
        using var response = await client.GetAsync($"/api/v1/cases/{caseId}/reminders");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("planned@example.test", text, StringComparison.Ordinal);
        Assert.DoesNotContain("5550123", text, StringComparison.Ordinal);
        var planned = JsonDocument.Parse(text).RootElement.EnumerateArray().ToList();
        Assert.All(planned, r => Assert.Equal(("planned", false, JsonValueKind.Null), (r.GetProperty("status").GetString(),
            r.GetProperty("materialised").GetBoolean(), r.GetProperty("id").ValueKind)));
        static string Key(JsonElement r) => $"{r.GetProperty("targetKey").GetString()}|{r.GetProperty("offsetDays").GetInt32()}|"
            + $"{r.GetProperty("recipientKind").GetString()}|{r.GetProperty("channel").GetString()}";
        var hearingKeys = planned.Where(r => r.GetProperty("targetKind").GetString() == "hearing").Select(Key).ToList();
        Assert.Equal(4 + (2 * 2), hearingKeys.Count);
        Assert.Equal([1, 1, 7, 7], planned.Where(r => r.GetProperty("recipientKind").GetString() == "client").Select(r => r.GetProperty("offsetDays").GetInt32()).Order());
        Assert.Contains(planned, r => r.GetProperty("targetKind").GetString() == "deadline");
        Assert.Equal(planned.Select(r => r.GetProperty("scheduledForUtc").GetDateTime()).Order(), planned.Select(r => r.GetProperty("scheduledForUtc").GetDateTime()));

        // Once materialised, the same reminders are rows (pending, with ids), and none is listed twice.
        var rows = await RemindersAsync(client, caseId);
        Assert.Equal(planned.Select(Key).Order(), rows.Select(Key).Order());
        Assert.All(rows, r => Assert.Equal(("pending", true, JsonValueKind.String), (r.GetProperty("status").GetString(),
            r.GetProperty("materialised").GetBoolean(), r.GetProperty("id").ValueKind)));
    }

    [Fact]
    public async Task Case_deadlines_show_the_rule_source_and_explanation_from_the_engine()
    {
        using var client = await ClientAsync();
        var caseId = await NewCaseAsync(client);
        await ScheduleAsync(client, caseId, "individual", 60);
        var body = await client.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}/deadlines");
        var deadline = body.GetProperty("deadlines").EnumerateArray()
            .Single(d => d.GetProperty("deadline").GetProperty("ruleId").GetString() == Domain.Deadlines.EoirDeadlineRules.IndividualHearingFilingId)
            .GetProperty("deadline");
        Assert.Contains("Policy Manual", deadline.GetProperty("source").GetString(), StringComparison.Ordinal);
        Assert.Contains("calendar days before the individual hearing", deadline.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        Assert.Equal(30, deadline.GetProperty("amount").GetInt32());
        Assert.Empty(body.GetProperty("hearingsWithJudgeSetDeadlines").EnumerateArray());
    }

    [Fact]
    public async Task Detained_case_deadlines_are_entered_by_an_attorney_and_get_reminders()
    {
        using var client = await ClientAsync();
        var caseId = await NewCaseAsync(client, "detained");
        await AssignToDemoAttorneyAsync(caseId);
        var hearing = await ScheduleAsync(client, caseId, "individual", 30);
        var before = await client.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}/deadlines");
        Assert.Empty(before.GetProperty("deadlines").EnumerateArray());
        Assert.Equal(hearing.GetProperty("id").GetString(), Assert.Single(before.GetProperty("hearingsWithJudgeSetDeadlines").EnumerateArray()).GetString());

        var due = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(20)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var byClient = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines", new { dueDate = due, description = "Brief" });
        Assert.Equal(HttpStatusCode.Forbidden, byClient.StatusCode);

        using var attorney = await PersonAsync("attorney@demo.counselconnect.test");
        using var entered = await attorney.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines",
            new { dueDate = due, description = "Pre-hearing brief and evidence per scheduling order" });
        Assert.Equal(HttpStatusCode.Created, entered.StatusCode);
        var after = await attorney.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}/deadlines");
        var judge = Assert.Single(after.GetProperty("deadlines").EnumerateArray()).GetProperty("deadline");
        Assert.Equal("judge-set", judge.GetProperty("ruleId").GetString());
        var reminders = await RemindersAsync(attorney, caseId);
        Assert.Contains(reminders, r => r.GetProperty("targetKey").GetString()!.StartsWith("deadline:judge-set:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_due_client_reminder_is_delivered_once_to_the_outbox_in_the_client_language_without_the_A_number()
    {
        using var client = await ClientAsync();
        var caseId = await NewCaseAsync(client);
        using (await client.PutAsJsonAsync($"/api/v1/cases/{caseId}/client-contact",
            new { phone = "+12125550100", preferredLanguage = "spa", smsConsent = true }))
        {
        }

        await ScheduleAsync(client, caseId, "master_calendar", 20);
        await ReminderMaterialisation.AllAsync(factory.Services);
        Guid reminderId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var row = await db.Set<Reminder>().AsNoTracking()
                .FirstAsync(r => r.CaseId == Guid.Parse(caseId) && r.RecipientKind == RecipientKind.Client && r.OffsetDays == 7);
            reminderId = row.Id;
            var past = DateTime.UtcNow.AddMinutes(-1);
            await db.Set<Reminder>().Where(r => r.Id == reminderId).ExecuteUpdateAsync(s => s.SetProperty(r => r.NextAttemptAtUtc, past));
            await scope.ServiceProvider.GetRequiredService<ReminderDispatcher>().RunAsync("test", CancellationToken.None);
        }

        Reminder? sent = null;
        for (var i = 0; i < 40 && sent?.Status != ReminderStatus.Sent; i++)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            sent = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Reminder>().AsNoTracking().FirstAsync(r => r.Id == reminderId);
            if (sent.Status != ReminderStatus.Sent)
            {
                await Task.Delay(250);
            }
        }

        Assert.Equal(ReminderStatus.Sent, sent!.Status);
        Assert.StartsWith("outbox:", sent.ProviderMessageId, StringComparison.Ordinal);
        var outbox = factory.Services.GetServices<INotificationChannel>().OfType<OutboxChannel>().Single(c => c.Channel == ReminderChannel.Sms);
        var text = await File.ReadAllTextAsync(Path.Combine(outbox.Folder, $"{reminderId:N}.sms.txt"));
        Assert.Contains("Hola Ana:", text, StringComparison.Ordinal);
        Assert.Contains("en 7 días", text, StringComparison.Ordinal);
        Assert.DoesNotContain("098765432", text, StringComparison.Ordinal);
        Assert.DoesNotContain("María", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_language_without_templates_is_accepted_with_the_reminder_language_said_and_an_unknown_code_asked_to_be_checked()
    {
        using var client = await ClientAsync();
        var caseId = await NewCaseAsync(client);
        await ScheduleAsync(client, caseId, "master_calendar", 20);

        using var notCode = await client.PutAsJsonAsync($"/api/v1/cases/{caseId}/client-contact",
            new { phone = "+12125550100", preferredLanguage = "x1z", smsConsent = true });
        Assert.Equal(HttpStatusCode.BadRequest, notCode.StatusCode);
        var errors = (await notCode.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("preferredLanguage", out _), $"No error for preferredLanguage: {errors}");
        Assert.DoesNotContain(await RemindersAsync(client, caseId), r => r.GetProperty("recipientKind").GetString() == "client");

        // Three letters this service does not know: kept (a real language may be missing from its list, as Ixil is
        // below), reminders in English, and the notice asks to check the code.
        using var unknown = await client.PutAsJsonAsync($"/api/v1/cases/{caseId}/client-contact",
            new { phone = "+12125550100", preferredLanguage = "xyz", smsConsent = true });
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        var unknownBody = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("eng", unknownBody.GetProperty("reminderLanguage").GetString());
        Assert.Contains("'xyz' is not a language code this service knows", unknownBody.GetProperty("notice").GetString(), StringComparison.Ordinal);
        using var ixil = await client.PutAsJsonAsync($"/api/v1/cases/{caseId}/client-contact",
            new { phone = "+12125550100", preferredLanguage = "ixl", smsConsent = true });
        Assert.Equal(HttpStatusCode.OK, ixil.StatusCode);

        using var arabic = await client.PutAsJsonAsync($"/api/v1/cases/{caseId}/client-contact",
            new { phone = "+12125550100", preferredLanguage = "ara", smsConsent = true });
        Assert.Equal(HttpStatusCode.OK, arabic.StatusCode);
        var body = await arabic.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ara", body.GetProperty("preferredLanguage").GetString());
        Assert.Equal("eng", body.GetProperty("reminderLanguage").GetString());
        var notice = body.GetProperty("notice").GetString();
        Assert.Contains("ara", notice, StringComparison.Ordinal);
        Assert.Contains("English", notice, StringComparison.Ordinal);
        Assert.DoesNotContain("check it", notice, StringComparison.Ordinal);
        var clientRows = (await RemindersAsync(client, caseId)).Where(r => r.GetProperty("recipientKind").GetString() == "client").ToList();
        Assert.NotEmpty(clientRows);
        Assert.All(clientRows, r => Assert.Equal("eng", r.GetProperty("language").GetString()));

        // A language with templates, and one the domain lists that the platform's cultures do not (Q'anjob'al).
        using var spanish = await client.PutAsJsonAsync($"/api/v1/cases/{caseId}/client-contact",
            new { phone = "+12125550100", preferredLanguage = "SPA", smsConsent = true });
        Assert.Equal(HttpStatusCode.OK, spanish.StatusCode);
        var spanishBody = await spanish.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("spa", spanishBody.GetProperty("reminderLanguage").GetString());
        Assert.Equal(JsonValueKind.Null, spanishBody.GetProperty("notice").ValueKind);
        using var kanjobal = await client.PutAsJsonAsync($"/api/v1/cases/{caseId}/client-contact",
            new { phone = "+12125550100", preferredLanguage = "kjb", smsConsent = true });
        Assert.Equal(HttpStatusCode.OK, kanjobal.StatusCode);
        Assert.Equal("eng", (await kanjobal.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reminderLanguage").GetString());
    }

    [Fact]
    public async Task Failed_reminders_are_listed_for_managers_only()
    {
        using var client = await ClientAsync();
        var caseId = await NewCaseAsync(client);
        await AssignToDemoAttorneyAsync(caseId);
        await ScheduleAsync(client, caseId);
        await ReminderMaterialisation.AllAsync(factory.Services);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var id = await db.Set<Reminder>().Where(r => r.CaseId == Guid.Parse(caseId)).Select(r => r.Id).FirstAsync();
            await db.Set<Reminder>().Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReminderStatus.Failed)
                .SetProperty(r => r.Attempts, 5).SetProperty(r => r.LastError, "smtp-550"));
        }

        using var manager = await PersonAsync("manager@demo.counselconnect.test");
        var failed = await manager.GetFromJsonAsync<JsonElement>("/api/v1/reminders/failed");
        var row = Assert.Single(failed.EnumerateArray(), r => r.GetProperty("caseId").GetString() == caseId);
        Assert.Equal("smtp-550", row.GetProperty("lastError").GetString());
        Assert.Equal(5, row.GetProperty("attempts").GetInt32());

        using var attorney = await PersonAsync("attorney@demo.counselconnect.test");
        using var denied = await attorney.GetAsync("/api/v1/reminders/failed");
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        using var managerSchedules = await manager.PostAsJsonAsync($"/api/v1/cases/{caseId}/hearings", new { type = "bond" });
        Assert.Equal(HttpStatusCode.Forbidden, managerSchedules.StatusCode);
    }

    [Fact]
    public async Task Attorney_reminders_follow_the_current_assignment_and_a_reassignment_replans_them()
    {
        using var client = await ClientAsync();
        var caseId = await NewCaseAsync(client);
        await ScheduleAsync(client, caseId, "individual", 45);
        Assert.DoesNotContain(await RemindersAsync(client, caseId), r => r.GetProperty("recipientKind").GetString() == "attorney");

        var first = await CaseAssignments.UserIdAsync(factory.Services, "attorney@demo.counselconnect.test");
        await CaseAssignments.AssignAsync(factory.Services, Guid.Parse(caseId), first);
        var toFirst = await WaitForPendingAttorneysAsync(caseId, [first]);
        Assert.Contains(toFirst, r => r.TargetKind == ReminderTargetKind.Hearing);
        Assert.Contains(toFirst, r => r.TargetKind == ReminderTargetKind.Deadline);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var organisationId = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Domain.Cases.Case>()
                .Where(c => c.Id == Guid.Parse(caseId)).Select(c => c.OrganisationId).SingleAsync();
            var second = await CaseAssignments.NewStaffAsync(factory.Services, organisationId);
            await CaseAssignments.AssignAsync(factory.Services, Guid.Parse(caseId), second);
            var toSecond = await WaitForPendingAttorneysAsync(caseId, [second]);
            Assert.Equal(toFirst.Select(r => (r.TargetKey, r.OffsetDays)).Order(), toSecond.Select(r => (r.TargetKey, r.OffsetDays)).Order());
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var rows = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Reminder>().AsNoTracking()
                .Where(r => r.CaseId == Guid.Parse(caseId) && r.RecipientId == first).ToListAsync();
            Assert.Equal(toFirst.Count, rows.Count);
            Assert.All(rows, r => Assert.Equal(ReminderStatus.Cancelled, r.Status));
        }
    }

    [Fact]
    public async Task A_hearing_given_at_intake_gets_its_attorney_reminders_once_the_case_is_assigned()
    {
        using var client = await ClientAsync();
        var local = DateTime.SpecifyKind(DateTime.UtcNow.Date.AddDays(45).AddHours(9), DateTimeKind.Unspecified);
        var at = new DateTimeOffset(local, TimeZoneInfo.FindSystemTimeZoneById("America/New_York").GetUtcOffset(local));
        var caseId = await NewCaseAsync(client, nextHearing: new { at, type = "individual" });
        var hearing = Assert.Single((await client.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}/hearings")).EnumerateArray());
        var hearingId = hearing.GetProperty("id").GetString();
        Assert.Equal(at.UtcDateTime, hearing.GetProperty("scheduledAtUtc").GetDateTime());
        Assert.DoesNotContain(await RemindersAsync(client, caseId), r => r.GetProperty("recipientKind").GetString() == "attorney");

        // Picking the case up (an assignment saved through the app's DbContext) plans them, as for a hearing added later.
        var attorney = await CaseAssignments.UserIdAsync(factory.Services, "attorney@demo.counselconnect.test");
        await CaseAssignments.AssignAsync(factory.Services, Guid.Parse(caseId), attorney);
        var pending = await WaitForPendingAttorneysAsync(caseId, [attorney]);
        Assert.Equal([1, 2, 7, 14], pending.Where(r => r.TargetKey == $"hearing:{hearingId}:v1").Select(r => r.OffsetDays).Order());
        Assert.Contains(pending, r => r.TargetKind == ReminderTargetKind.Deadline
            && r.TargetKey == $"deadline:{Domain.Deadlines.EoirDeadlineRules.IndividualHearingFilingId}:{hearingId}:v1");
    }

    /// <summary>Waits (the replan runs as a background job) until the case's pending attorney reminders go to exactly <paramref name="attorneys"/>.</summary>
    private async Task<List<Reminder>> WaitForPendingAttorneysAsync(string caseId, Guid[] attorneys)
    {
        List<Reminder> pending = [];
        var previousCount = -1;
        for (var i = 0; i < 360; i++)
        {
            await ReminderMaterialisation.AllAsync(factory.Services);
            await using var scope = factory.Services.CreateAsyncScope();
            pending = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Reminder>().AsNoTracking()
                .Where(r => r.CaseId == Guid.Parse(caseId) && r.RecipientKind == RecipientKind.Attorney && r.Status == ReminderStatus.Pending)
                .ToListAsync();
            // The replan runs as a job and the materialisation may be part-way through a case when the rows are read, so
            // wait for the hearing's and the filing deadline's rows alike; a reminder that is really lost times out below.
            if (pending.Count > 0 && pending.Select(r => r.RecipientId).Distinct().Order().SequenceEqual(attorneys.Order())
                && pending.Any(r => r.TargetKind == ReminderTargetKind.Hearing) && pending.Any(r => r.TargetKind == ReminderTargetKind.Deadline))
            {
                if (pending.Count == previousCount)
                {
                    return pending; // two reads in a row agree: the replan and materialisation have settled
                }

                previousCount = pending.Count;
                continue;
            }

            previousCount = -1;

            await Task.Delay(250);
        }

        Assert.Fail($"The pending attorney reminders never went to exactly {string.Join(", ", attorneys)} for both the hearing and the deadline; now: "
            + string.Join(", ", pending.Select(r => $"{r.RecipientId} {r.TargetKind} {r.OffsetDays}")));
        return pending;
    }

    [Fact]
    public async Task Concurrent_changes_of_one_hearing_get_409_problem_details_never_500()
    {
        using var client = await ClientAsync();
        var caseId = await NewCaseAsync(client);
        var hearingId = (await ScheduleAsync(client, caseId, "individual", 40)).GetProperty("id").GetString();

        // A change based on a version that is no longer current.
        using var moved = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/hearings/{hearingId}/reschedule",
            new { localDateTime = Local(41), reason = "Moved", version = 1 });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        using var stale = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/hearings/{hearingId}/reschedule",
            new { localDateTime = Local(42), reason = "Moved again from an old screen", version = 1 });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HearingConcurrency.Rule, (await stale.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rule").GetString());
        using var staleCancel = await client.DeleteAsync($"/api/v1/cases/{caseId}/hearings/{hearingId}?reason=x&version=1");
        Assert.Equal(HttpStatusCode.Conflict, staleCancel.StatusCode);

        // Several changes at the same moment: each is saved or refused with a 409, none fails, and the version counts the saved ones.
        var attempts = Enumerable.Range(0, 6).Select(async i =>
        {
            using var c = await ClientAsync();
            using var response = await c.PostAsJsonAsync($"/api/v1/cases/{caseId}/hearings/{hearingId}/reschedule",
                new { localDateTime = Local(43 + i), reason = $"Race {i}" });
            return response.StatusCode;
        });
        var statuses = await Task.WhenAll(attempts);
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.Conflict, $"got {(int)s}"));
        Assert.Contains(HttpStatusCode.OK, statuses);
        var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}/hearings");
        var hearing = Assert.Single(list.EnumerateArray());
        var saved = statuses.Count(s => s == HttpStatusCode.OK);
        Assert.Equal(2 + saved, hearing.GetProperty("version").GetInt32());
        Assert.Equal(1 + saved, hearing.GetProperty("changes").GetArrayLength());
    }

    [Fact]
    public async Task The_cases_next_hearing_follows_its_hearings_as_they_are_added_rescheduled_and_cancelled()
    {
        using var client = await ClientAsync();
        var at20 = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(20).AddHours(14), TimeSpan.Zero);
        var caseId = await NewCaseAsync(client, nextHearing: new { at = at20, type = "master_calendar", timeZone = "America/New_York" });
        async Task<(DateTime? At, string? Type)> NextAsync()
        {
            var intake = await client.GetFromJsonAsync<JsonElement>($"/api/v1/intakes/{caseId}");
            var at = intake.GetProperty("nextHearingAtUtc");
            return (at.ValueKind == JsonValueKind.Null ? null : at.GetDateTime(), intake.GetProperty("nextHearingType").GetString());
        }

        Assert.Equal((at20.UtcDateTime, "master_calendar"), await NextAsync());
        var sooner = await ScheduleAsync(client, caseId, "individual", daysAhead: 10);
        Assert.Equal((sooner.GetProperty("scheduledAtUtc").GetDateTime(), "individual"), await NextAsync());

        using (var cancelled = await client.DeleteAsync($"/api/v1/cases/{caseId}/hearings/{sooner.GetProperty("id").GetString()}?reason=adjourned"))
        {
            Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        }

        Assert.Equal((at20.UtcDateTime, "master_calendar"), await NextAsync());
        var first = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}/hearings")).EnumerateArray()
            .Single(h => h.GetProperty("status").GetString() == "scheduled");
        using (var moved = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/hearings/{first.GetProperty("id").GetString()}/reschedule",
            new { localDateTime = Local(30), reason = "court's notice" }))
        {
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
            Assert.Equal((( await moved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("scheduledAtUtc").GetDateTime(), "master_calendar"), await NextAsync());
        }

        using (var cancelled = await client.DeleteAsync($"/api/v1/cases/{caseId}/hearings/{first.GetProperty("id").GetString()}?reason=terminated"))
        {
            Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        }

        Assert.Equal(((DateTime?)null, (string?)null), await NextAsync());
    }

    [Fact]
    public async Task Invalid_hearing_input_is_rejected()
    {
        using var client = await ClientAsync();
        var caseId = await NewCaseAsync(client);
        using var noType = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/hearings",
            new { localDateTime = Local(10), timeZone = "America/New_York", courtCode = "NYC", appearance = "remote" });
        Assert.Equal(HttpStatusCode.BadRequest, noType.StatusCode);
        // Each of these is a 400 naming its field, and stores nothing.
        foreach (var (body, field) in new (object Body, string Field)[]
        {
            (new { type = "bond", localDateTime = Local(10), timeZone = "Eastern", courtCode = "NYC", appearance = "remote" }, "timeZone"),
            (new { type = "bond", localDateTime = Local(10), timeZone = "Mars/Base", courtCode = "NYC", appearance = "remote" }, "timeZone"),
            (new { type = "bond", localDateTime = Local(-2), timeZone = "America/New_York", courtCode = "NYC", appearance = "remote" }, "localDateTime"),
            (new { type = "bond", localDateTime = "2030-03-10T02:30:00", timeZone = "America/New_York", courtCode = "NYC", appearance = "remote" }, "localDateTime"),
            (new { type = "bond", localDateTime = Local(10), timeZone = "America/New_York", courtCode = "N!", appearance = "remote" }, "courtCode"),
        })
        {
            using var refused = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/hearings", body);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out _), $"No error for {field}: {errors}");
        }

        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}/hearings")).GetArrayLength());
        using var unknownCase = await client.GetAsync($"/api/v1/cases/{Guid.NewGuid()}/hearings");
        Assert.Equal(HttpStatusCode.NotFound, unknownCase.StatusCode);
        using var noConsentAddress = await client.PutAsJsonAsync($"/api/v1/cases/{caseId}/client-contact",
            new { preferredLanguage = "spa", smsConsent = true });
        Assert.Equal(HttpStatusCode.Conflict, noConsentAddress.StatusCode);
    }

    [Fact]
    public async Task A_hearing_beyond_the_horizon_is_a_400_at_localDateTime_when_scheduled_or_rescheduled_and_nothing_is_stored()
    {
        using var client = await ClientAsync();
        var caseId = await NewCaseAsync(client);
        await AssignToDemoAttorneyAsync(caseId);
        var beyond = DateTime.UtcNow.Date.AddYears(HearingInputRules.HorizonYears).AddDays(1).AddHours(9)
            .ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

        async Task AssertRefusedAsync(HttpResponseMessage refused, object body)
        {
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"{(int)refused.StatusCode} for {JsonSerializer.Serialize(body)}: {problem}");
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            var errors = problem.GetProperty("errors");
            Assert.Equal(new[] { "localDateTime" }, errors.EnumerateObject().Select(e => e.Name));
            Assert.Equal(HearingInputRules.TooFarMessage, Assert.Single(errors.GetProperty("localDateTime").EnumerateArray()).GetString());
        }

        foreach (var (local, zone) in new[] { ("9999-12-31T23:30:00", "America/New_York"), ("9999-12-31T23:30:00", "Asia/Tokyo"), (beyond, "America/New_York") })
        {
            var body = new { type = "individual", localDateTime = local, timeZone = zone, courtCode = "NYC", appearance = "in_person" };
            using var refused = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/hearings", body);
            await AssertRefusedAsync(refused, body);
        }

        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}/hearings")).GetArrayLength());

        var hearing = await ScheduleAsync(client, caseId, "individual", 40);
        var reschedule = $"/api/v1/cases/{caseId}/hearings/{hearing.GetProperty("id").GetString()}/reschedule";
        foreach (var body in new object[]
        {
            new { localDateTime = "9999-12-31T23:30:00", timeZone = "America/New_York", reason = "Typo" },
            new { localDateTime = "9999-12-31T23:30:00", reason = "Typo" },
            new { localDateTime = beyond, reason = "Typo" },
        })
        {
            using var refused = await client.PostAsJsonAsync(reschedule, body);
            await AssertRefusedAsync(refused, body);
        }

        var stored = Assert.Single((await client.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}/hearings")).EnumerateArray());
        Assert.Equal(1, stored.GetProperty("version").GetInt32());
        Assert.Equal(hearing.GetProperty("scheduledAtUtc").GetDateTime(), stored.GetProperty("scheduledAtUtc").GetDateTime());
        using var deadlines = await client.GetAsync($"/api/v1/cases/{caseId}/deadlines");
        Assert.Equal(HttpStatusCode.OK, deadlines.StatusCode);
    }

    [Fact]
    public async Task An_intake_hearing_beyond_the_horizon_is_a_400_at_nextHearing_at()
    {
        using var client = await ClientAsync();
        var at = new DateTimeOffset(DateTime.UtcNow.Date.AddYears(HearingInputRules.HorizonYears).AddDays(2), TimeSpan.Zero);

        using var response = await client.PostAsJsonAsync("/api/v1/intakes", new
        {
            person = new { givenNames = "Ana María", familyNames = $"Horizon{Guid.NewGuid():N}"[..16], aliases = Array.Empty<string>() },
            relatedParties = Array.Empty<object>(),
            custody = "released",
            courtCode = "NYC",
            nextHearing = new { at, type = "individual", timeZone = "America/New_York" },
            primaryLanguage = "spa",
            languages = new[] { new { code = "spa", speaks = true, reads = true } },
            reliefSought = new[] { "asylum" },
        });

        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {problem}");
        var error = Assert.Single(problem.GetProperty("errors").EnumerateObject());
        Assert.Equal("nextHearing.at", error.Name, ignoreCase: true);
        Assert.Equal(HearingInputRules.TooFarMessage, Assert.Single(error.Value.EnumerateArray()).GetString());
    }

    [Fact]
    public async Task Rescheduling_to_a_past_or_skipped_time_is_a_field_error_with_or_without_a_zone_and_a_cancelled_hearing_stays_409()
    {
        using var client = await ClientAsync();
        var caseId = await NewCaseAsync(client);
        var hearing = await ScheduleAsync(client, caseId, "individual", 40);
        var hearingPath = $"/api/v1/cases/{caseId}/hearings/{hearing.GetProperty("id").GetString()}";
        var reschedule = hearingPath + "/reschedule";

        // Without a zone the hearing's own (America/New_York) is used: the same 400 at localDateTime as with the zone named.
        foreach (var (body, message) in new (object Body, string Message)[]
        {
            (new { localDateTime = Local(-2), timeZone = "America/New_York", reason = "Typo" }, HearingInputRules.PastMessage),
            (new { localDateTime = Local(-2), reason = "Typo" }, HearingInputRules.PastMessage),
            (new { localDateTime = "2030-03-10T02:30:00", timeZone = "America/New_York", reason = "Typo" }, HearingInputRules.SkippedTimeMessage),
            (new { localDateTime = "2030-03-10T02:30:00", reason = "Typo" }, HearingInputRules.SkippedTimeMessage),
        })
        {
            using var refused = await client.PostAsJsonAsync(reschedule, body);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"{(int)refused.StatusCode} for {JsonSerializer.Serialize(body)}: {problem}");
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            var errors = problem.GetProperty("errors");
            Assert.Equal(new[] { "localDateTime" }, errors.EnumerateObject().Select(e => e.Name));
            Assert.Equal(message, Assert.Single(errors.GetProperty("localDateTime").EnumerateArray()).GetString());
        }

        // Nothing was changed by the refusals.
        var stored = Assert.Single((await client.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}/hearings")).EnumerateArray());
        Assert.Equal(1, stored.GetProperty("version").GetInt32());
        Assert.Equal(hearing.GetProperty("scheduledAtUtc").GetDateTime(), stored.GetProperty("scheduledAtUtc").GetDateTime());

        // A real conflict stays a 409: a cancelled hearing cannot be moved, to any future time.
        using (var cancelled = await client.DeleteAsync(hearingPath + "?reason=adjourned"))
        {
            Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        }

        using var moved = await client.PostAsJsonAsync(reschedule, new { localDateTime = Local(50), reason = "Court's notice" });
        Assert.Equal(HttpStatusCode.Conflict, moved.StatusCode);
        Assert.Equal("HearingCancelled", (await moved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rule").GetString());
    }
}

public sealed class SqliteHearingReminderTests(SqliteFactory factory) : HearingReminderTests<SqliteFactory>(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresHearingReminderTests(PostgresFactory factory) : HearingReminderTests<PostgresFactory>(factory), IClassFixture<PostgresFactory>;
