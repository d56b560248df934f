using System.Diagnostics;
using System.Globalization;
using CounselConnect.Application.Reminders;
using CounselConnect.Application.Reminders.Delivery;
using CounselConnect.Application.Reminders.Planning;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Hearings;
using CounselConnect.Domain.Reminders;
using CounselConnect.Infrastructure.Identity;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.Infrastructure.Reminders;
using CounselConnect.Infrastructure.Reminders.Channels;
using CounselConnect.IntegrationTests.Infrastructure;
using CounselConnect.IntegrationTests.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CounselConnect.ReminderBench;

/// <summary>
/// Reminder benchmarks (see docs/benchmarks.md):
/// <c>plan [hearings=100000]</c> plans the reminders of that many upcoming hearings (one per case, each with an attorney,
/// half with a consenting client) with the production planner, then saves the rows to PostgreSQL;
/// <c>deliver [reminders=5000]</c> delivers due reminders with the production dispatcher, composer and MailKit channel
/// from a throwaway PostgreSQL to a local SMTP sink, with connections reused and, as the baseline, one connection per message.
/// </summary>
public static class Program
{
    private const string NewYork = "America/New_York";

    public static async Task<int> Main(string[] args)
    {
        var mode = args.Length > 0 ? args[0] : "plan";
        var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : mode == "plan" ? 100_000 : 5_000;
        Console.WriteLine($"load average before: {File.ReadAllText("/proc/loadavg").Trim()}");
        await using var cluster = await PostgresCluster.StartAsync();
        switch (mode)
        {
            case "plan":
                await PlanAsync(cluster, count);
                break;
            case "deliver":
                await DeliverAsync(cluster, count);
                break;
            default:
                Console.Error.WriteLine("usage: plan [hearings] | deliver [reminders]");
                return 2;
        }

        Console.WriteLine($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }

    private static async Task PlanAsync(PostgresCluster cluster, int hearings)
    {
        var now = DateTime.UtcNow;
        var organisationId = Guid.NewGuid();
        var attorney = Guid.NewGuid();
        var inputs = new List<ReminderPlanInput>(hearings);
        for (var i = 0; i < hearings; i++)
        {
            var type = (i % 3) switch { 0 => HearingType.MasterCalendar, 1 => HearingType.Individual, _ => HearingType.Bond };
            var c = new Case(organisationId, null, $"CC-B-{i}", CustodyStatus.Released, "NYC", null, null, null, [], "spa", [], false, "bench", now);
            var at = now.Date.AddDays(20 + (i % 100)).AddHours(13 + (i % 6));
            var hearing = Hearing.Schedule(c.Id, organisationId, type, at, NewYork, "NYC", "26 Federal Plaza", AppearanceMode.InPerson, "spa", "bench", now);
            ClientContact? contact = null;
            if (i % 2 == 0)
            {
                contact = ClientContact.Create(c.Id, organisationId, now);
                contact.Update("client@example.test", "+12125550100", "spa", null, true, true, "bench", now);
            }

            inputs.Add(new ReminderPlanInput(c, [hearing], [], contact, [attorney], ReminderSchedule.Default, now, NewYork));
        }

        // Warm-up (JIT, time zone data) on a few cases, then the measured passes.
        BulkReminderPlanner.PlanAll(inputs.Take(400).ToList());

        var watch = Stopwatch.StartNew();
        var rows = new List<Reminder>(hearings * 12);
        foreach (var input in inputs)
        {
            rows.AddRange(ReminderPlan.Build(input));
        }

        var sequential = watch.Elapsed;
        Console.WriteLine($"plan, one thread: {hearings:N0} hearings -> {rows.Count:N0} reminder rows in {sequential.TotalSeconds:0.000} s "
            + $"({hearings / sequential.TotalSeconds:N0} hearings/s)");
        watch.Restart();
        rows = BulkReminderPlanner.PlanAll(inputs);
        var planning = watch.Elapsed;
        Console.WriteLine($"plan, every core ({Environment.ProcessorCount}): {rows.Count:N0} rows in {planning.TotalSeconds:0.000} s");

        // Writing them on PostgreSQL. Baseline: the same binary COPY into a table with the same columns and no index or key.
        var pg = await NewPostgresAsync(cluster, "cc_bench_plan");
        await using (var db = new AppDbContext(pg))
        {
            await db.Database.ExecuteSqlRawAsync("CREATE TABLE \"ReminderCopyBaseline\" (LIKE \"Reminders\")");
            await db.Database.OpenConnectionAsync();
            watch.Restart();
            await ReminderRowStore.CopyAsync((Npgsql.NpgsqlConnection)db.Database.GetDbConnection(), "\"ReminderCopyBaseline\"", rows, CancellationToken.None);
        }

        var baseline = watch.Elapsed;
        Console.WriteLine($"baseline, raw COPY into an unindexed table: {rows.Count:N0} rows in {baseline.TotalSeconds:0.000} s");
        var store = await TimeStoreAsync(pg, rows, "row store (COPY to temp + INSERT ... ON CONFLICT DO NOTHING), 4 indexes", baseline);
        await TimeStoreAsync(pg, rows, "row store again, every key exists (idempotent re-run)", baseline);
        Console.WriteLine($"PostgreSQL total, plan on every core + row store: {(planning + store).TotalSeconds:0.000} s for {hearings:N0} hearings");

        // The same write with the two indexes this change dropped (ClaimToken; OrganisationId, Status) put back.
        var six = await NewPostgresAsync(cluster, "cc_bench_plan_six");
        await using (var db = new AppDbContext(six))
        {
            await db.Database.ExecuteSqlRawAsync("CREATE INDEX ON \"Reminders\" (\"ClaimToken\"); CREATE INDEX ON \"Reminders\" (\"OrganisationId\", \"Status\")");
        }

        await TimeStoreAsync(six, rows, "row store with the 2 dropped indexes restored (6 indexes)", baseline);

        // SQLite: one prepared INSERT OR IGNORE in one transaction.
        var path = Path.Combine(Path.GetTempPath(), $"cc-bench-plan-{Guid.NewGuid():N}.db");
        try
        {
            var sqlite = (DbContextOptions<AppDbContext>)new DbContextOptionsBuilder<AppDbContext>()
                .UseCounselConnectDatabase(DatabaseProvider.Sqlite, $"Data Source={path};Pooling=False").Options;
            await using (var db = new AppDbContext(sqlite))
            {
                await db.Database.EnsureCreatedAsync();
            }

            var sqliteStore = await TimeStoreAsync(sqlite, rows, "SQLite row store (prepared INSERT OR IGNORE, one transaction)", baseline);
            Console.WriteLine($"SQLite total, plan on every core + row store: {(planning + sqliteStore).TotalSeconds:0.000} s for {hearings:N0} hearings");
        }
        finally
        {
            foreach (var suffix in new[] { string.Empty, "-wal", "-shm", "-journal" })
            {
                File.Delete(path + suffix);
            }
        }
    }

    private static async Task<DbContextOptions<AppDbContext>> NewPostgresAsync(PostgresCluster cluster, string database)
    {
        await cluster.CreateDatabaseAsync(database);
        var options = (DbContextOptions<AppDbContext>)new DbContextOptionsBuilder<AppDbContext>()
            .UseCounselConnectDatabase(DatabaseProvider.PostgreSql, cluster.ConnectionString(database)).Options;
        await using var db = new AppDbContext(options);
        await db.Database.EnsureCreatedAsync();
        return options;
    }

    private static async Task<TimeSpan> TimeStoreAsync(DbContextOptions<AppDbContext> options, List<Reminder> rows, string label, TimeSpan baseline)
    {
        // In the bulk planner's batches (2,000 hearings here, one per case), one context and store call per batch.
        var perBatch = (int)Math.Ceiling(rows.Count / (double)rows.Select(r => r.CaseId).Distinct().Count() * BulkReminderPlanner.BatchSize);
        var watch = Stopwatch.StartNew();
        var inserted = 0;
        foreach (var batch in rows.Chunk(perBatch))
        {
            await using var db = new AppDbContext(options);
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
            inserted += await new ReminderRowStore(db).InsertMissingAsync(batch, CancellationToken.None);
        }

        var elapsed = watch.Elapsed;
        Console.WriteLine($"{label}, {perBatch:N0} rows per call: {inserted:N0} of {rows.Count:N0} rows inserted in {elapsed.TotalSeconds:0.000} s "
            + $"({rows.Count / elapsed.TotalSeconds:N0} rows/s; {elapsed / baseline:0.0}x the raw COPY)");
        return elapsed;
    }

    private static async Task DeliverAsync(PostgresCluster cluster, int reminders)
    {
        await using var sink = new SmtpSink();
        const string database = "cc_bench_deliver";
        await cluster.CreateDatabaseAsync(database);
        var options = (DbContextOptions<AppDbContext>)new DbContextOptionsBuilder<AppDbContext>().UseCounselConnectDatabase(DatabaseProvider.PostgreSql, cluster.ConnectionString(database)).Options;
        var now = DateTime.UtcNow;
        var organisationId = Guid.NewGuid();
        var c = new Case(organisationId, null, "CC-B-1", CustodyStatus.Released, "NYC", null, null, null, [], "spa", [], false, "bench", now);
        var hearing = Hearing.Schedule(c.Id, organisationId, HearingType.Individual, now.AddDays(400), NewYork, "NYC", "26 Federal Plaza",
            AppearanceMode.InPerson, "spa", "bench", now);
        var attorney = new ApplicationUser { UserName = "a@example.test", Email = "a@example.test", DisplayName = "Alex Attorney", OrganisationId = organisationId };
        await using (var db = new AppDbContext(options))
        {
            await db.Database.EnsureCreatedAsync();
            db.Add(c);
            db.Add(hearing);
            db.Add(attorney);
            await db.SaveChangesAsync();
        }

        foreach (var (label, reuse, dispatchers) in new[] { ("one connection per message (baseline)", false, 1), ("reused connections", true, 1), ("reused connections, 2 dispatchers", true, 2) })
        {
            var offset = await NextOffsetAsync(options);
            await using (var db = new AppDbContext(options))
            {
                db.Set<Reminder>().AddRange(Enumerable.Range(0, reminders).Select(i => Reminder.Plan(organisationId, c.Id, ReminderTargetKind.Hearing, hearing.Id,
                    ReminderPlan.TargetKeyFor(hearing), offset + i, RecipientKind.Attorney, attorney.Id, ReminderChannel.Email, "eng", hearing.ScheduledAtUtc,
                    null, null, DateTime.UtcNow.AddSeconds(-1), DateTime.UtcNow)));
                await db.SaveChangesAsync();
            }

            using var channel = new SmtpEmailChannel(Options.Create(new ChannelOptions
            {
                Smtp = new SmtpOptions { Host = "127.0.0.1", Port = sink.Port, Security = "None", FromAddress = "reminders@example.test", ReuseConnections = reuse },
            }));
            var before = sink.Messages.Count;
            var watch = Stopwatch.StartNew();
            var results = await Task.WhenAll(Enumerable.Range(0, dispatchers).Select(async d =>
            {
                await using var db = new AppDbContext(options);
                var dispatcher = new ReminderDispatcher(db, new ReminderMessageComposer(db, new ReminderRecipientDirectory(db)), [channel], TimeProvider.System,
                    Options.Create(new ReminderOptions { BatchSize = 50, RunBudget = TimeSpan.FromMinutes(10) }), NullLogger<ReminderDispatcher>.Instance);
                return await dispatcher.RunAsync($"bench-{d}", CancellationToken.None);
            }));
            var elapsed = watch.Elapsed;
            var sent = results.Sum(r => r.Sent);
            Console.WriteLine($"deliver, {label}: {sent:N0} sent ({sink.Messages.Count - before:N0} at the sink) in {elapsed.TotalSeconds:0.00} s = "
                + $"{sent / elapsed.TotalSeconds:N0} messages/s; failed {results.Sum(r => r.Failed + r.Retried)}, cancelled {results.Sum(r => r.Cancelled)}");
        }
    }

    private static async Task<int> NextOffsetAsync(DbContextOptions<AppDbContext> options)
    {
        await using var db = new AppDbContext(options);
        return (await db.Set<Reminder>().MaxAsync(r => (int?)r.OffsetDays) ?? 0) + 1;
    }
}
