using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CounselConnect.Application.Auditing;
using CounselConnect.Domain.Auditing;
using CounselConnect.Infrastructure.Auditing;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.Infrastructure.Seeding;
using CounselConnect.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CounselConnect.IntegrationTests.Security;

/// <summary>
/// The audit trail is one hash chain per organisation: refused requests are recorded, managers can read it, the
/// background chainer links what concurrent writers saved into one gap-free chain, and a row changed or removed in
/// the raw database is found by the verification.
/// </summary>
public abstract class AuditTrailTests<TFactory>(TFactory factory) where TFactory : CounselConnectFactory
{
    private async Task<HttpClient> SignedInAsync(string user)
    {
        var tokens = await AuthorizationCodeFlow.SignInAsync(factory, $"{user}@{Seeder.DemoEmailDomain}", CounselConnectFactory.DemoPassword);
        return factory.CreateClient().WithBearer(tokens.AccessToken);
    }

    private async Task<AuditChainReport> VerifyAllAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IAuditChainVerifier>().VerifyAsync(null, CancellationToken.None);
    }

    /// <summary>Waits (at most 30 s) until the background chainer has linked every entry saved so far.</summary>
    private async Task ChainedAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await EntriesAsync(q => q.Where(e => e.Sequence == 0))).Count > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The background chainer did not link the new audit entries within 30 seconds.");
            await Task.Delay(100);
        }
    }

    private async Task<int> ExecuteRawAsync(string sql, params object[] values)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Database.ExecuteSqlRawAsync(sql, values);
    }

    private async Task<List<AuditEntry>> EntriesAsync(Func<IQueryable<AuditEntry>, IQueryable<AuditEntry>> filter)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await filter(scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<AuditEntry>().AsNoTracking()).ToListAsync();
    }

    [Fact]
    public async Task A_refused_request_is_recorded_with_who_and_the_route_pattern_and_no_values()
    {
        using var attorney = await SignedInAsync("attorney");
        var secret = Guid.NewGuid();
        using var refused = await attorney.PostAsync($"/api/v1/admin/users/{secret}/disable", null);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var me = await attorney.GetFromJsonAsync<JsonDocument>("/api/v1/me");
        var subject = me!.RootElement.GetProperty("subject").GetString()!;

        var recorded = await EntriesAsync(q => q.Where(e => e.Actor == subject && e.Action == "AuthorizationRefused"));
        var entry = Assert.Single(recorded, e => e.Route == "/api/v1/admin/users/{id:guid}/disable");
        Assert.NotEqual(AuditEntry.SystemChain, entry.OrganisationId);
        Assert.Null(entry.EntityId);
        Assert.DoesNotContain(recorded, e => (e.Route ?? string.Empty).Contains(secret.ToString(), StringComparison.OrdinalIgnoreCase));

        // A forged token is refused too, and recorded in the chain of no organisation.
        using var forged = factory.CreateClient().WithBearer("not-a-token");
        using var unauthenticated = await forged.GetAsync("/api/v1/audit");
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        Assert.Contains(await EntriesAsync(q => q.Where(e => e.Action == "AuthenticationRefused")),
            e => e.Actor == "system" && e.OrganisationId == AuditEntry.SystemChain && e.Route == "/api/v1/audit/");
    }

    [Fact]
    public async Task Managers_page_and_filter_the_trail_and_others_are_refused()
    {
        using var attorney = await SignedInAsync("attorney");
        using (var refused = await attorney.GetAsync("/api/v1/audit"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using var manager = await SignedInAsync("manager");
        await ChainedAsync();
        var page = await manager.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=AuthorizationRefused&pageSize=5");
        Assert.True(page.GetProperty("totalCount").GetInt32() >= 1);
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.InRange(items.Count, 1, 5);
        Assert.All(items, i => Assert.Equal("AuthorizationRefused", i.GetProperty("action").GetString()));
        var sequences = items.Select(i => i.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(sequences.OrderByDescending(s => s), sequences);
        Assert.Contains(items, i => i.GetProperty("actorName").GetString() is { Length: > 0 });

        // A date without a time is the whole day: from and to today hold today's refusals.
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var todays = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/audit?action=AuthorizationRefused&from={today}&to={today}");
        Assert.True(todays.GetProperty("totalCount").GetInt32() >= 1, todays.ToString());

        var future = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/audit?from={DateTime.UtcNow.AddDays(1):O}");
        Assert.Equal(0, future.GetProperty("totalCount").GetInt32());
        using var badSize = await manager.GetAsync("/api/v1/audit?pageSize=0");
        Assert.Equal(HttpStatusCode.BadRequest, badSize.StatusCode);
        using var badDate = await manager.GetAsync("/api/v1/audit?from=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        // The error is at the parameter the caller sent ("to"), not the query's property name.
        using var backwards = await manager.GetAsync("/api/v1/audit?from=2027-01-01&to=2026-01-01");
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        var errors = (await backwards.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("to", out _), errors.ToString());
        Assert.False(errors.TryGetProperty("toUtc", out _), errors.ToString());
    }

    [Fact]
    public async Task Reads_of_a_cases_assignments_and_reminders_are_audited_and_the_trail_answers_who_read_that_case()
    {
        using var script = factory.CreateClient();
        script.WithBearer(await script.GetClientCredentialsTokenAsync());
        var intake = await IntakeRequests.SubmitForViewAsync(script, "Lectora", "Qv" + Guid.NewGuid().ToString("N")[..8], "1979-02-03");
        var caseId = intake.GetProperty("id").GetGuid();
        var reference = intake.GetProperty("reference").GetString()!;
        var other = await IntakeRequests.SubmitAsync(script, "Otra", "Qv" + Guid.NewGuid().ToString("N")[..8], "1979-02-03");

        using (var assignments = await script.GetAsync($"/api/v1/cases/{caseId}/assignments"))
        {
            Assert.Equal(HttpStatusCode.OK, assignments.StatusCode);
        }

        using (var reminders = await script.GetAsync($"/api/v1/cases/{caseId}/reminders"))
        {
            Assert.Equal(HttpStatusCode.OK, reminders.StatusCode);
        }

        var reads = await EntriesAsync(q => q.Where(e => e.EntityType == "Case" && e.EntityId == caseId));
        Assert.Contains(reads, e => e.Action == "assignment.list" && e.FieldCategory == "assignment");
        Assert.Contains(reads, e => e.Action == "reminder.list" && e.FieldCategory == "contact");

        // Who read this client's file: the trail filtered by the case's reference (any case) or id, each entry naming the
        // case by its reference.
        using var manager = await SignedInAsync("manager");
        foreach (var filter in new[] { $"caseReference={reference}", $"caseReference={reference.ToLowerInvariant()}", $"caseId={caseId}" })
        {
            var page = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/audit?{filter}&pageSize=200");
            var items = page.GetProperty("items").EnumerateArray().ToList();
            Assert.Equal(reads.Count, page.GetProperty("totalCount").GetInt32());
            Assert.All(items, i => Assert.Equal(caseId, i.GetProperty("entityId").GetGuid()));
            Assert.All(items, i => Assert.Equal(reference, i.GetProperty("caseReference").GetString()));
            Assert.Contains(items, i => i.GetProperty("action").GetString() == "assignment.list");
            Assert.Contains(items, i => i.GetProperty("action").GetString() == "intake.read");
        }

        Assert.DoesNotContain((await manager.GetFromJsonAsync<JsonElement>($"/api/v1/audit?caseId={other}")).GetProperty("items").EnumerateArray(),
            i => i.GetProperty("entityId").GetGuid() == caseId);
        var unknown = await manager.GetFromJsonAsync<JsonElement>("/api/v1/audit?caseReference=CC-1999-ZZZZZZ");
        Assert.Equal(0, unknown.GetProperty("totalCount").GetInt32());
        using (var malformed = await manager.GetAsync("/api/v1/audit?caseReference=not%20a%20reference"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        }

        // The page: a case field, and the case's reference in the list.
        using var browser = await AuthorizationCodeFlow.SignInToPagesAsync(factory, $"manager@{Seeder.DemoEmailDomain}", CounselConnectFactory.DemoPassword);
        var html = await browser.GetStringAsync($"/Manager/Audit?caseReference={reference}");
        Assert.Contains("id=\"caseReference\"", html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{reference}\"", html, StringComparison.Ordinal);
        Assert.Contains("assignment.list", html, StringComparison.Ordinal);
        Assert.Contains($">{reference}<", html, StringComparison.Ordinal);
        Assert.DoesNotContain("One of the filters is not valid", html, StringComparison.Ordinal);
        var bad = await browser.GetStringAsync("/Manager/Audit?caseReference=not%20a%20reference");
        Assert.Contains("role=\"alert\"", bad, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("manager")]
    [InlineData("admin")]
    public async Task The_audit_trail_page_lists_entries_for_managers_and_administrators(string user)
    {
        using var browser = await AuthorizationCodeFlow.SignInToPagesAsync(factory, $"{user}@{Seeder.DemoEmailDomain}", CounselConnectFactory.DemoPassword);

        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var address in new[] { "/Manager/Audit", $"/Manager/Audit?from={today}&to={today}&pageNumber=1" })
        {
            using var response = await browser.GetAsync(address);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("One of the filters is not valid", html, StringComparison.Ordinal);
            Assert.Contains("Audit entries, newest first", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Concurrent_writers_extend_one_unbroken_chain()
    {
        using var intake = await SignedInAsync("intake");
        await Task.WhenAll(Enumerable.Range(0, 24).Select(async _ =>
        {
            using var response = await intake.GetAsync("/api/v1/admin/users");
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }));

        // Saved unchained, without waiting for each other; the background chainer links them shortly after.
        await ChainedAsync();
        var report = await VerifyAllAsync();
        Assert.True(report.Intact, report.FirstBreak?.Reason);
        var chain = (await EntriesAsync(q => q.Where(e => e.Action == "AuthorizationRefused"))).First().OrganisationId;
        var sequences = (await EntriesAsync(q => q.Where(e => e.OrganisationId == chain))).Select(e => e.Sequence).Order().ToList();
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);
    }

    [Fact]
    public async Task Audited_reads_made_at_the_same_moment_are_each_stored_before_their_answer()
    {
        using var intake = await SignedInAsync("intake");
        var before = (await EntriesAsync(q => q.Where(e => e.Action == "conflict_check.adhoc"))).Count;
        await Task.WhenAll(Enumerable.Range(0, 24).Select(async i =>
        {
            using var response = await intake.PostAsJsonAsync("/api/v1/conflict-checks",
                new { givenNames = new[] { "Groupcommit" }, familyNames = new[] { $"Reader{i}" }, aliases = Array.Empty<string>() });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }));

        // Each answer came after its entry was committed, so all 24 are there now, each once.
        var entries = await EntriesAsync(q => q.Where(e => e.Action == "conflict_check.adhoc"));
        Assert.Equal(before + 24, entries.Count);
        Assert.Equal(entries.Count, entries.Select(e => e.Id).Distinct().Count());
        await ChainedAsync();
        var report = await VerifyAllAsync();
        Assert.True(report.Intact, report.FirstBreak?.Reason);
    }

    [Fact]
    public async Task Audit_only_saves_waiting_at_the_same_moment_share_one_insert()
    {
        var group = factory.Services.GetRequiredService<AuditGroupCommit>();
        var organisation = Guid.NewGuid();
        AuditEntry Entry(int i) => new(organisation, "group-commit-test", "test.read", "Case", Guid.NewGuid(), "identity", "/test", DateTime.UtcNow.AddTicks(i));
        int[] sizes;
        if (factory is PostgresFactory)
        {
            // Another session holds a lock on the table, so the first insert is surely in flight while the next two
            // writes are queued; once the lock goes, those two share the next insert.
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var blocker = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlRawAsync("LOCK TABLE \"AuditEntries\" IN EXCLUSIVE MODE");
            var first = Task.Run(() => group.WriteAsync([Entry(1)]));
            await WaitUntilAsync(() => InsertWaitingOnLockAsync(), "the first insert to wait for the lock");
            var second = Task.Run(() => group.WriteAsync([Entry(2)]));
            var third = Task.Run(() => group.WriteAsync([Entry(3), Entry(4)]));
            await WaitUntilAsync(() => Task.FromResult(group.WaitingWrites == 2), "the next two writes to queue");
            await blocker.CommitAsync();
            sizes = await Task.WhenAll(first, second, third);
            Assert.Equal([1, 3, 3], sizes);
        }
        else
        {
            sizes = await Task.WhenAll(group.WriteAsync([Entry(1)]), group.WriteAsync([Entry(2)]), group.WriteAsync([Entry(3), Entry(4)]));
            Assert.True(sizes[0] >= 1 && sizes[1] >= 1 && sizes[2] >= 2, string.Join(", ", sizes));
        }

        Assert.Equal(4, (await EntriesAsync(q => q.Where(e => e.OrganisationId == organisation))).Count);
    }

    private async Task<bool> InsertWaitingOnLockAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var waiting = await db.Database.SqlQueryRaw<int>(
            "SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO \"AuditEntries\"%'").ToListAsync();
        return waiting.Single() > 0;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task A_failing_entry_fails_only_its_own_write_and_the_others_in_its_batch_are_stored()
    {
        var group = factory.Services.GetRequiredService<AuditGroupCommit>();
        var organisation = Guid.NewGuid();
        AuditEntry Entry(string? category) => new(organisation, "group-commit-test", "test.read", "Case", Guid.NewGuid(), category!, "/test", DateTime.UtcNow);

        var good = group.WriteAsync([Entry("identity")]);
        var bad = group.WriteAsync([Entry(null)]); // the column is required
        var alsoGood = group.WriteAsync([Entry("identity")]);

        await good;
        await alsoGood;
        await Assert.ThrowsAnyAsync<Exception>(() => bad);
        Assert.Equal(2, (await EntriesAsync(q => q.Where(e => e.OrganisationId == organisation))).Count);
    }

    [Fact]
    public async Task A_write_larger_than_one_statement_is_stored_exactly_as_given_and_chained()
    {
        // More parameters than one command may carry on SQL Server, so the insert takes several statements.
        var group = factory.Services.GetRequiredService<AuditGroupCommit>();
        var organisation = Guid.NewGuid();
        var at = new DateTime(2026, 12, 2, 9, 30, 15, DateTimeKind.Utc).AddTicks(1234560);
        var given = Enumerable.Range(0, 2 * RowWriter.MaxParameters / 11 + 7).Select(i => new AuditEntry(organisation, $"actor-{i}",
            i % 2 == 0 ? "case.read" : "conflict_check.adhoc", "Case", i % 3 == 0 ? null : Guid.NewGuid(), "identity Ä", i % 5 == 0 ? null : $"/r/{i}",
            at.AddSeconds(i))).ToList();

        Assert.Equal(given.Count, await group.WriteAsync(given));

        var stored = await EntriesAsync(q => q.Where(e => e.OrganisationId == organisation).OrderBy(e => e.Id));
        Assert.Equal(given.Count, stored.Count);
        Assert.All(given.Zip(stored), pair => Assert.Equal(
            (pair.First.Actor, pair.First.Action, pair.First.EntityType, pair.First.EntityId, pair.First.FieldCategory, pair.First.Route,
                pair.First.AtUtc, pair.First.OrganisationId),
            (pair.Second.Actor, pair.Second.Action, pair.Second.EntityType, pair.Second.EntityId, pair.Second.FieldCategory, pair.Second.Route,
                pair.Second.AtUtc, pair.Second.OrganisationId)));
        Assert.Equal(given.Count, stored.Select(e => e.Id).Distinct().Count());

        await ChainedAsync();
        var report = await VerifyAllAsync();
        Assert.True(report.Intact, report.FirstBreak?.Reason);
        var linked = await EntriesAsync(q => q.Where(e => e.OrganisationId == organisation).OrderBy(e => e.Sequence));
        Assert.Equal(Enumerable.Range(1, given.Count).Select(i => (long)i), linked.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Group_commits_of_several_servers_and_ordinary_saves_extend_one_chain_without_gaps()
    {
        // Three group commits stand for three servers' (the app's own and two more on the same database); alongside,
        // ordinary saves write entries in their own transactions. The chainer links all of them into each organisation's chain.
        var signal = factory.Services.GetRequiredService<AuditChainSignal>();
        var scopes = factory.Services.GetRequiredService<IServiceScopeFactory>();
        using var second = new AuditGroupCommit(scopes, signal);
        using var third = new AuditGroupCommit(scopes, signal);
        AuditGroupCommit[] servers = [factory.Services.GetRequiredService<AuditGroupCommit>(), second, third];
        var organisation = Guid.NewGuid();
        var other = Guid.NewGuid();
        AuditEntry Entry(Guid chainOf, int i) => new(chainOf, $"writer-{i}", "test.read", "Case", Guid.NewGuid(), "identity", "/test", DateTime.UtcNow);

        var reads = Enumerable.Range(0, 60).Select(i => Task.Run(() => servers[i % 3].WriteAsync(
            i % 4 == 0 ? [Entry(organisation, i), Entry(other, i)] : [Entry(organisation, i)])));
        var saves = Enumerable.Range(0, 12).Select(i => Task.Run(async () =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                db.Add(Entry(organisation, 100 + i));
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
            });
        }));
        await Task.WhenAll(reads.Concat(saves));

        await ChainedAsync();
        var report = await VerifyAllAsync();
        Assert.True(report.Intact, report.FirstBreak?.Reason);
        var linked = await EntriesAsync(q => q.Where(e => e.OrganisationId == organisation).OrderBy(e => e.Sequence));
        Assert.Equal(60 + 12, linked.Count);
        Assert.Equal(Enumerable.Range(1, linked.Count).Select(i => (long)i), linked.Select(e => e.Sequence));
        Assert.Equal(Enumerable.Range(0, 60).Concat(Enumerable.Range(100, 12)).Select(i => $"writer-{i}").Order(), linked.Select(e => e.Actor).Order());
        var others = await EntriesAsync(q => q.Where(e => e.OrganisationId == other).OrderBy(e => e.Sequence));
        Assert.Equal(Enumerable.Range(1, 15).Select(i => (long)i), others.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Changing_or_removing_one_row_in_the_raw_database_is_reported_at_that_row()
    {
        using var admin = await SignedInAsync("admin");
        for (var i = 0; i < 3; i++)
        {
            using var refused = await admin.GetAsync("/api/v1/intakes");
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using var manager = await SignedInAsync("manager");
        await ChainedAsync();
        var intact = await manager.GetFromJsonAsync<JsonElement>("/api/v1/audit/verification");
        Assert.True(intact.GetProperty("intact").GetBoolean(), intact.ToString());

        var entries = await EntriesAsync(q => q.Where(e => e.Action == "AuthorizationRefused" && e.Route == "/api/v1/intakes/").OrderBy(e => e.Sequence));
        var victim = entries[^2];
        var table = "\"AuditEntries\"";
        Assert.Equal(1, await ExecuteRawAsync($"UPDATE {table} SET \"Actor\" = {{0}} WHERE \"Id\" = {{1}}", "someone-else", victim.Id));
        try
        {
            var tampered = await manager.GetFromJsonAsync<JsonElement>("/api/v1/audit/verification");
            Assert.False(tampered.GetProperty("intact").GetBoolean());
            var broken = tampered.GetProperty("firstBreak");
            Assert.Equal(victim.Sequence, broken.GetProperty("sequence").GetInt64());
            Assert.Equal(victim.Id, broken.GetProperty("entryId").GetInt64());
            Assert.Contains("changed", broken.GetProperty("reason").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            await ExecuteRawAsync($"UPDATE {table} SET \"Actor\" = {{0}} WHERE \"Id\" = {{1}}", victim.Actor, victim.Id);
        }

        Assert.True((await VerifyAllAsync()).Intact);

        // Removing a row leaves a gap, reported at the row after it.
        Assert.Equal(1, await ExecuteRawAsync($"DELETE FROM {table} WHERE \"Id\" = {{0}}", victim.Id));
        var gap = await VerifyAllAsync();
        Assert.False(gap.Intact);
        Assert.Equal(victim.Sequence + 1, gap.FirstBreak!.Sequence);
        Assert.Contains("missing", gap.FirstBreak.Reason, StringComparison.Ordinal);
        await ExecuteRawAsync(
            $"INSERT INTO {table} (\"Id\", \"OrganisationId\", \"Sequence\", \"Actor\", \"Action\", \"EntityType\", \"EntityId\", \"FieldCategory\", \"Route\", \"AtUtc\", \"PreviousHash\", \"Hash\") " +
            "VALUES ({0}, {1}, {2}, {3}, {4}, {5}, NULL, {6}, {7}, {8}, {9}, {10})",
            victim.Id, factory.Provider == DatabaseProvider.Sqlite ? victim.OrganisationId.ToString().ToUpperInvariant() : victim.OrganisationId, victim.Sequence, victim.Actor, victim.Action, victim.EntityType, victim.FieldCategory, victim.Route!,
            victim.AtUtc, victim.PreviousHash, victim.Hash);
        Assert.True((await VerifyAllAsync()).Intact);
    }

    [Fact]
    public async Task Saved_entries_cannot_be_changed_through_the_application()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await ChainedAsync();
        var entry = await db.Set<AuditEntry>().FirstAsync();
        db.Remove(entry);
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        // Nor changed, nor linked a second time: only the chainer's first linking of an unchained entry is allowed.
        db.ChangeTracker.Clear();
        entry = await db.Set<AuditEntry>().FirstAsync();
        db.Entry(entry).Property(e => e.Actor).CurrentValue = "someone-else";
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        entry = await db.Set<AuditEntry>().FirstAsync();
        entry.Link(entry.Sequence + 1000, entry.PreviousHash, entry.Hash);
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }
}

public sealed class SqliteAuditTrailTests(SqliteFactory factory) : AuditTrailTests<SqliteFactory>(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresAuditTrailTests(PostgresFactory factory) : AuditTrailTests<PostgresFactory>(factory), IClassFixture<PostgresFactory>;

/// <summary>A server that does not run the chainer, so unchained entries stay as they were saved.</summary>
public sealed class SqliteFactoryWithoutChainer : SqliteFactory
{
    protected override IReadOnlyDictionary<string, string> ExtraSettings { get; } = new Dictionary<string, string>
    {
        ["Auditing:ChainerEnabled"] = "false",
    };
}

/// <summary>
/// Entries are saved unchained and linked later: an entry left unchained past the alarm time is reported, and a
/// chainer pass links it into the chain.
/// </summary>
public sealed class AuditChainerTests(SqliteFactoryWithoutChainer factory) : IClassFixture<SqliteFactoryWithoutChainer>
{
    [Fact]
    public async Task An_entry_left_unchained_too_long_is_reported_until_the_chainer_links_it()
    {
        var tokens = await AuthorizationCodeFlow.SignInAsync(factory, $"intake@{Seeder.DemoEmailDomain}", CounselConnectFactory.DemoPassword);
        using (var intake = factory.CreateClient().WithBearer(tokens.AccessToken))
        using (var refused = await intake.GetAsync("/api/v1/admin/users"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var verifier = scope.ServiceProvider.GetRequiredService<IAuditChainVerifier>();
        var saved = await db.Set<AuditEntry>().AsNoTracking().Where(e => e.Action == "AuthorizationRefused").SingleAsync();
        Assert.Equal(0, saved.Sequence);
        Assert.Equal(string.Empty, saved.Hash);

        // Fresh unchained entries are normal: counted, not a problem.
        var fresh = await verifier.VerifyAsync(null, CancellationToken.None);
        Assert.True(fresh.Intact, fresh.FirstBreak?.Reason);
        Assert.True(fresh.Unchained >= 1);

        // Ten minutes old and still unchained: past the five-minute alarm.
        Assert.Equal(1, await db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"AtUtc\" = {0} WHERE \"Id\" = {1}",
            saved.AtUtc.AddMinutes(-10), saved.Id));
        var stale = await verifier.VerifyAsync(null, CancellationToken.None);
        Assert.False(stale.Intact);
        Assert.Equal(saved.Id, stale.FirstBreak!.EntryId);
        Assert.Equal(0, stale.FirstBreak.Sequence);
        Assert.Contains("not been chained", stale.FirstBreak.Reason, StringComparison.Ordinal);

        var linked = await factory.Services.GetRequiredService<AuditChainer>().ChainPendingAsync(CancellationToken.None);
        Assert.True(linked >= fresh.Unchained);
        var after = await verifier.VerifyAsync(null, CancellationToken.None);
        Assert.True(after.Intact, after.FirstBreak?.Reason);
        Assert.Equal(0, after.Unchained);
        var chained = await db.Set<AuditEntry>().AsNoTracking().Where(e => e.OrganisationId == saved.OrganisationId).OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(Enumerable.Range(1, chained.Count).Select(i => (long)i), chained.Select(e => e.Sequence));
        // Linked in the order of their row ids.
        Assert.Equal(chained.Select(e => e.Id).Order(), chained.Select(e => e.Id));
    }
}
