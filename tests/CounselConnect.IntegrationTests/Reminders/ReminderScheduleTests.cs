using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CounselConnect.Domain.Reminders;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.Infrastructure.Seeding;
using CounselConnect.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CounselConnect.IntegrationTests.Reminders;

/// <summary>The organisation's reminder schedule: read and replaced by managers and administrators, validated, and used by planning.</summary>
public sealed class ReminderScheduleTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    private async Task<HttpClient> PersonAsync(string user)
    {
        var client = factory.CreateClient();
        client.WithBearer((await AuthorizationCodeFlow.SignInAsync(factory, $"{user}@{Seeder.DemoEmailDomain}", CounselConnectFactory.DemoPassword)).AccessToken);
        return client;
    }

    [Fact]
    public async Task Managers_and_administrators_read_and_replace_the_schedule_and_new_plans_use_it()
    {
        using var manager = await PersonAsync("manager");
        var initial = await manager.GetFromJsonAsync<JsonElement>("/api/v1/reminders/schedule");
        Assert.True(initial.GetProperty("isDefault").GetBoolean());
        Assert.Equal([14, 7, 2, 1], initial.GetProperty("attorneyHearingOffsets").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("21:00", initial.GetProperty("quietHoursStart").GetString());

        using var admin = await PersonAsync("admin");
        using var saved = await admin.PutAsJsonAsync("/api/v1/reminders/schedule", new
        {
            attorneyHearingOffsets = new[] { 10, 3 },
            attorneyDeadlineOffsets = new[] { 5 },
            clientHearingOffsets = new[] { 3 },
            quietHoursStart = "22:00",
            quietHoursEnd = "07:30",
            deadlineReminderTime = "10:00",
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var after = await manager.GetFromJsonAsync<JsonElement>("/api/v1/reminders/schedule");
        Assert.False(after.GetProperty("isDefault").GetBoolean());
        Assert.Equal([10, 3], after.GetProperty("attorneyHearingOffsets").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("07:30", after.GetProperty("quietHoursEnd").GetString());

        // A hearing scheduled now is planned with the new offsets for its attorney.
        using var client = factory.CreateClient();
        client.WithBearer(await client.GetClientCredentialsTokenAsync());
        using var intake = await client.PostAsJsonAsync("/api/v1/intakes", new
        {
            person = new { givenNames = "Rui", familyNames = "Schedule", aliases = Array.Empty<string>() },
            relatedParties = Array.Empty<object>(),
            custody = "released",
            courtCode = "NYC",
            primaryLanguage = "por",
            languages = new[] { new { code = "por", speaks = true, reads = true } },
            interpreterNeeded = true,
            reliefSought = new[] { "asylum" },
        });
        Assert.Equal(HttpStatusCode.Created, intake.StatusCode);
        var caseId = Guid.Parse((await intake.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        await CaseAssignments.AssignAsync(factory.Services, caseId, await CaseAssignments.UserIdAsync(factory.Services, $"attorney@{Seeder.DemoEmailDomain}"));
        using var hearing = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/hearings", new
        {
            type = "master_calendar",
            localDateTime = DateTime.UtcNow.Date.AddDays(30).AddHours(9).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
            timeZone = "America/New_York",
            courtCode = "NYC",
            appearance = "remote",
        });
        Assert.Equal(HttpStatusCode.Created, hearing.StatusCode);
        await ReminderMaterialisation.AllAsync(factory.Services);
        await using var scope = factory.Services.CreateAsyncScope();
        var offsets = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Reminder>()
            .Where(r => r.CaseId == caseId && r.TargetKind == ReminderTargetKind.Hearing && r.RecipientKind == RecipientKind.Attorney)
            .Select(r => r.OffsetDays).ToListAsync();
        Assert.Equal([3, 10], offsets.Order());
    }

    [Fact]
    public async Task A_bad_schedule_gets_field_errors_and_changes_nothing_and_attorneys_cannot_touch_it()
    {
        using var manager = await PersonAsync("manager");
        var before = await manager.GetStringAsync("/api/v1/reminders/schedule");
        using var bad = await manager.PutAsJsonAsync("/api/v1/reminders/schedule", new
        {
            attorneyHearingOffsets = new[] { 7, 7 },
            attorneyDeadlineOffsets = new[] { 400 },
            quietHoursStart = "9pm",
            quietHoursEnd = "08:00",
            deadlineReminderTime = "23:00",
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        var fields = errors.EnumerateObject().Select(p => p.Name).ToList();
        foreach (var field in new[] { "AttorneyHearingOffsets", "AttorneyDeadlineOffsets", "ClientHearingOffsets", "QuietHoursStart" })
        {
            Assert.Contains(fields, f => string.Equals(f, field, StringComparison.OrdinalIgnoreCase));
        }

        using var quiet = await manager.PutAsJsonAsync("/api/v1/reminders/schedule", new
        {
            attorneyHearingOffsets = new[] { 7 },
            attorneyDeadlineOffsets = new[] { 7 },
            clientHearingOffsets = new[] { 1 },
            quietHoursStart = "21:00",
            quietHoursEnd = "08:00",
            deadlineReminderTime = "23:00",
        });
        Assert.Equal(HttpStatusCode.BadRequest, quiet.StatusCode);
        Assert.Contains((await quiet.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject(),
            p => string.Equals(p.Name, "DeadlineReminderTime", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(before, await manager.GetStringAsync("/api/v1/reminders/schedule"));

        using var attorney = await PersonAsync("attorney");
        using var read = await attorney.GetAsync("/api/v1/reminders/schedule");
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
    }
}
