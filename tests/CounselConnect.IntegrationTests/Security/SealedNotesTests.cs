using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CounselConnect.Application.Administration.Retention;
using CounselConnect.Application.Imports;
using CounselConnect.Domain.Assignments;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Deadlines;
using CounselConnect.Domain.Imports;
using CounselConnect.Domain.Representatives;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.Infrastructure.Security;
using CounselConnect.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CounselConnect.IntegrationTests.Security;

/// <summary>
/// Free text about a case (decline reason, conflict waiver reason, hearing change reason, assignment note and end
/// reason, judge-set deadline description) and uploaded import files are stored sealed: a dump of every table of the
/// database finds none of it, while the API reads it back; text an earlier release stored in clear is read as it is
/// and sealed by <see cref="ClearNotesSealer"/>; after the retention purge the sealed bytes stay (as in a backup) but
/// no longer open, the notes read as "(erased)", and an import file left behind is discarded with its key.
/// </summary>
public abstract class SealedNotesTests<TFactory>(TFactory factory) where TFactory : CounselConnectFactory
{
    private async Task<HttpClient> ClientAsync()
    {
        var client = factory.CreateClient();
        return client.WithBearer(await client.GetClientCredentialsTokenAsync());
    }

    private static Task<JsonElement> SubmitAsync(HttpClient http, string family, string aNumber) =>
        IntakeRequests.SubmitForViewAsync(http, "Marisol", family, "1979-02-03", aNumber, custody: "released");

    private async Task<T> DbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>Every cell of every table in the database (not only the model's), text as stored, blobs read as UTF-8 and Latin-1.</summary>
    private async Task<string> RawDatabaseAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var sqlite = db.Database.ProviderName!.Contains("Sqlite", StringComparison.Ordinal);
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = sqlite
                ? "SELECT '\"' || name || '\"' FROM sqlite_master WHERE type = 'table'"
                : "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables " +
                  "WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Contains(tables, t => t.Contains("ImportFiles", StringComparison.Ordinal));
        var text = new StringBuilder();
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table}";
            await using DbDataReader reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var value = reader.GetValue(i);
                    text.Append(value is byte[] bytes ? Encoding.UTF8.GetString(bytes) + Encoding.Latin1.GetString(bytes) : value.ToString()).Append('|');
                }
            }
        }

        return text.ToString();
    }

    private async Task<List<string>> ReadableAsync(params string[] values)
    {
        var raw = await RawDatabaseAsync();
        return values.Where(v => raw.Contains(v, StringComparison.OrdinalIgnoreCase)).ToList();
    }

    private static string Of(JsonElement element, params string[] path) =>
        path.Aggregate(element, (e, p) => e.GetProperty(p)).GetString()!;

    [Fact]
    public async Task Case_notes_and_import_files_are_sealed_at_rest_read_back_in_clear_and_unreadable_after_the_purge()
    {
        using var http = await ClientAsync();
        var tag = Guid.NewGuid().ToString("N")[..10];
        var notes = new
        {
            Waiver = $"Waiver signed by both clients {tag}W",
            Moved = $"Continued at the request of cousin Ortega {tag}M",
            Note = $"Client prefers evening calls {tag}N",
            Ended = $"Attorney relocated {tag}E",
            Judge = $"Brief on persecution by Herrera family {tag}J",
            Declined = $"We represent Herrera, her cousin {tag}D",
        };
        var importFamily = $"Importfam{tag}";
        var aNumber = (200_000_000 + Random.Shared.Next(1_000_000, 99_999_999)).ToString(CultureInfo.InvariantCulture);

        // Two intakes with one A-number: the second's conflict check matches the first; the match is waived with a reason.
        var first = await SubmitAsync(http, $"Firstfam{tag}", aNumber);
        var intake = await SubmitAsync(http, $"Secondfam{tag}", aNumber);
        var caseId = intake.GetProperty("id").GetGuid();
        var match = intake.GetProperty("conflictCheck").GetProperty("matches").EnumerateArray().First();
        using (var waived = await http.PostAsJsonAsync($"/api/v1/intakes/{caseId}/conflict-matches/{Of(match, "id")}/decision",
                   new { decision = "waived", reason = notes.Waiver }))
        {
            Assert.Equal(HttpStatusCode.OK, waived.StatusCode);
        }

        // A hearing moved with a reason.
        string hearingId;
        using (var scheduled = await http.PostAsJsonAsync($"/api/v1/cases/{caseId}/hearings", new
               {
                   type = "master_calendar",
                   localDateTime = DateTime.UtcNow.Date.AddDays(40).AddHours(9).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
                   timeZone = "America/New_York",
                   courtCode = "NYC",
                   appearance = "in_person",
               }))
        {
            Assert.Equal(HttpStatusCode.Created, scheduled.StatusCode);
            hearingId = Of(await scheduled.Content.ReadFromJsonAsync<JsonElement>(), "id");
        }

        using (var moved = await http.PostAsJsonAsync($"/api/v1/cases/{caseId}/hearings/{hearingId}/reschedule", new
               {
                   localDateTime = DateTime.UtcNow.Date.AddDays(50).AddHours(9).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
                   reason = notes.Moved,
               }))
        {
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        }

        // An assignment with a note, ended with a reason, and a judge-set deadline: saved through the app's DbContext.
        await DbAsync(async db =>
        {
            var organisationId = await db.Set<Case>().Where(c => c.Id == caseId).Select(c => c.OrganisationId).SingleAsync();
            var now = DateTime.UtcNow;
            var profile = new RepresentativeProfile(organisationId, Guid.NewGuid().ToString(), now);
            db.Add(profile);
            var assignment = new Assignment(organisationId, caseId, profile.Id, AssignmentMethod.AssignedByManager, false, "tests", notes.Note, now);
            db.Add(assignment);
            db.Add(JudgeSetDeadline.Enter(caseId, DateOnly.FromDateTime(now.AddDays(20)), notes.Judge, Guid.NewGuid(), now));
            await db.SaveChangesAsync();
            assignment.End(AssignmentEnd.Withdrawn, "tests", notes.Ended, now);
            return await db.SaveChangesAsync();
        });

        using (var declined = await http.PostAsJsonAsync($"/api/v1/intakes/{caseId}/decline", new { reason = notes.Declined }))
        {
            Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        }

        // An import uploaded through the API: when it has completed, its file is gone and its data key destroyed.
        using (var upload = await http.PostAsync("/api/v1/imports/parties", new StringContent(
                   $"external_id,role,given_names,family_names,aliases,date_of_birth,a_number,case_reference\nsealed-{tag},client,Rufina,{importFamily},,1970-01-02,,\n",
                   Encoding.UTF8, "text/csv")))
        {
            Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
            var location = upload.Headers.Location!;
            for (var i = 0; i < 240 && !(await http.GetStringAsync(location)).Contains("\"completed\"", StringComparison.Ordinal); i++)
            {
                await Task.Delay(250);
            }

            var importId = (await http.GetFromJsonAsync<JsonElement>(location)).GetProperty("id").GetGuid();
            Assert.Equal("completed", Of(await http.GetFromJsonAsync<JsonElement>(location), "status"));
            Assert.False(await DbAsync(db => db.Set<ImportFile>().AnyAsync(f => f.ImportId == importId)));
            var importKey = await DbAsync(db => db.Set<DataKey>().AsNoTracking().SingleAsync(k => k.ScopeId == importId));
            Assert.True(importKey.IsDestroyed);
            Assert.Empty(importKey.WrappedKey);
        }

        // An import file waiting for its job: sealed at rest, opened whole; left idle, the purge discards it.
        var waitingCsv = $"external_id,role,given_names,family_names,aliases,date_of_birth,a_number,case_reference\nwait-{tag},client,Rufina,Waitingfam{tag},,1970-01-02,,\n";
        Guid waitingId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var store = scope.ServiceProvider.GetRequiredService<IImportFileStore>();
            var organisationId = await db.Set<Case>().Where(c => c.Id == caseId).Select(c => c.OrganisationId).SingleAsync();
            var import = new PartyImport(organisationId, "waiting.csv", "tests", DateTime.UtcNow.AddDays(-3));
            db.Add(import);
            store.Add(import.Id, organisationId, Encoding.UTF8.GetBytes(waitingCsv));
            await db.SaveChangesAsync();
            Assert.Equal(waitingCsv, Encoding.UTF8.GetString((await store.OpenAsync(import.Id, CancellationToken.None))!));
            waitingId = import.Id;
        }

        // Nothing of it is readable in any table.
        var secrets = new[] { notes.Waiver, notes.Moved, notes.Note, notes.Ended, notes.Judge, notes.Declined, importFamily, $"Waitingfam{tag}" };
        Assert.Empty(await ReadableAsync(secrets));

        // The API reads every note back as written.
        var read = await http.GetFromJsonAsync<JsonElement>($"/api/v1/intakes/{caseId}");
        Assert.Equal(notes.Declined, Of(read, "declineReason"));
        Assert.Equal(notes.Waiver, Of(read.GetProperty("conflictCheck").GetProperty("matches").EnumerateArray().First(), "decisionReason"));
        var hearings = await http.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}/hearings");
        Assert.Equal(notes.Moved, Of(hearings.EnumerateArray().Single().GetProperty("changes").EnumerateArray().Single(), "reason"));
        var assignments = await http.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}/assignments");
        var ended = assignments.EnumerateArray().Single();
        Assert.Equal(notes.Note, Of(ended, "note"));
        Assert.Equal(notes.Ended, Of(ended, "endReason"));
        var deadline = await DbAsync(db => db.Set<JudgeSetDeadline>().AsNoTracking().SingleAsync(d => d.CaseId == caseId));
        Assert.Equal(notes.Judge, deadline.Description);

        // Text an earlier release stored in clear (the former column) is read as it is, then sealed by the sealer.
        var firstId = first.GetProperty("id").GetGuid();
        var legacy = $"Old clear note about Quintero {tag}L";
        await DbAsync(db => db.Set<Case>().Where(c => c.Id == firstId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => EF.Property<string?>(c, nameof(Case.DeclineReason) + "Clear"), legacy)));
        Assert.Single(await ReadableAsync(legacy));
        Assert.Equal(legacy, Of(await http.GetFromJsonAsync<JsonElement>($"/api/v1/intakes/{firstId}"), "declineReason"));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.True(await ActivatorUtilities.CreateInstance<ClearNotesSealer>(scope.ServiceProvider).SealAllAsync(CancellationToken.None) >= 1);
        }

        Assert.Empty(await ReadableAsync(legacy));
        Assert.Equal(legacy, Of(await http.GetFromJsonAsync<JsonElement>($"/api/v1/intakes/{firstId}"), "declineReason"));

        // The purge: the declined case is past a 30-day period. Its sealed notes stay in the table as a backup would
        // hold them, but no key opens them any more.
        var sealedDecline = await DbAsync(db => db.Set<Case>().Where(c => c.Id == caseId)
            .Select(c => EF.Property<byte[]>(c, nameof(Case.DeclineReason) + "Sealed")).SingleAsync());
        using (var settings = await http.PutAsJsonAsync("/api/v1/admin/retention", new { daysAfterClosing = 30 }))
        {
            Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
        }

        var backdated = DateTime.UtcNow.AddDays(-40);
        await DbAsync(db => db.Set<Case>().Where(c => c.Id == caseId).ExecuteUpdateAsync(s => s.SetProperty(c => c.StatusChangedAtUtc, backdated)));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.Contains(caseId, await scope.ServiceProvider.GetRequiredService<IRetentionPurge>().PurgeDueAsync(CancellationToken.None));
            Assert.Null(scope.ServiceProvider.GetRequiredService<KeyRing>().Decrypt(sealedDecline));
        }

        Assert.Equal(sealedDecline, await DbAsync(db => db.Set<Case>().Where(c => c.Id == caseId)
            .Select(c => EF.Property<byte[]>(c, nameof(Case.DeclineReason) + "Sealed")).SingleAsync()));
        Assert.Empty(await ReadableAsync(secrets));
        var erased = await http.GetFromJsonAsync<JsonElement>($"/api/v1/intakes/{caseId}");
        Assert.Equal(RetentionPurge.Erased, Of(erased, "declineReason"));
        Assert.Equal(RetentionPurge.Erased, Of(erased.GetProperty("conflictCheck").GetProperty("matches").EnumerateArray().First(), "decisionReason"));
        var erasedAssignment = (await http.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}/assignments")).EnumerateArray().Single();
        Assert.Equal(RetentionPurge.Erased, Of(erasedAssignment, "note"));
        Assert.Equal(RetentionPurge.Erased, Of(erasedAssignment, "endReason"));

        // The idle import file went with the same run: row deleted, key destroyed.
        Assert.False(await DbAsync(db => db.Set<ImportFile>().AnyAsync(f => f.ImportId == waitingId)));
        Assert.True((await DbAsync(db => db.Set<DataKey>().AsNoTracking().SingleAsync(k => k.ScopeId == waitingId))).IsDestroyed);

        // The first case (not declined long ago) keeps its note.
        Assert.Equal(legacy, Of(await http.GetFromJsonAsync<JsonElement>($"/api/v1/intakes/{firstId}"), "declineReason"));
    }
}

public sealed class SqliteSealedNotesTests(SqliteFactory factory) : SealedNotesTests<SqliteFactory>(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresSealedNotesTests(PostgresFactory factory) : SealedNotesTests<PostgresFactory>(factory), IClassFixture<PostgresFactory>;
