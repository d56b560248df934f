using System.Diagnostics;
using System.Globalization;
using CounselConnect.Application.Reminders;
using CounselConnect.Application.Reminders.Delivery;
using CounselConnect.Application.Reminders.Planning;
using CounselConnect.Domain.Assignments;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Hearings;
using CounselConnect.Domain.Reminders;
using CounselConnect.Domain.Representatives;
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
/// <c>plan [hearings=100000] [full]</c> plans the reminders of that many upcoming hearings (one per case, each with an attorney,
/// half with a consenting client) with the production planner: the rows due within the horizon and one stamp per case, against
/// the raw COPY of the stamps and the old every-row-up-front computation (with <c>full</c>, its write too), then one
/// materialisation cycle a day later, and the materialisation step end to end on stored cases;
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
        if (mode == "stamps-sqlite")
        {
            await SqliteStampBench.RunAsync(args.Length > 1 ? count : 100_000);
            Console.WriteLine($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
            return 0;
        }

        await using var cluster = await PostgresCluster.StartAsync();
        switch (mode)
        {
            case "plan":
                await PlanAsync(cluster, count, args.Contains("full"));
                break;
            case "deliver":
                await DeliverAsync(cluster, count);
                break;
            default:
                Console.Error.WriteLine("usage: plan [hearings] [full] | deliver [reminders] | stamps-sqlite [stamps]");
                return 2;
        }

        Console.WriteLine($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }

    private static async Task PlanAsync(PostgresCluster cluster, int hearings, bool fullWrite)
    {
        var now = DateTime.UtcNow;
        var horizon = new ReminderOptions().MaterialiseHorizon;
        var inputs = Generate(hearings, now, out _);

        // Warm-up (JIT, time zone data) on a few cases, then the measured passes.
        BulkReminderPlanner.PlanAll(inputs.Take(400).ToList());
        BulkReminderPlanner.PlanWithin(inputs.Take(400).ToList(), now + horizon);

        // Before: every reminder row built up front (ReminderPlan.Build), as planning did until ReminderPlanHorizon.
        var watch = Stopwatch.StartNew();
        var fullRows = 0;
        foreach (var input in inputs)
        {
            fullRows += ReminderPlan.Build(input).Count;
        }

        var full = watch.Elapsed;
        Console.WriteLine($"before: every row up front, one thread: {hearings:N0} hearings -> {fullRows:N0} reminder rows in {full.TotalSeconds:0.000} s");

        // Now: the rows due within the horizon and one stamp per case (ReminderPlan.BuildWithin, deadline engine memoised).
        watch.Restart();
        var sequentialRows = 0;
        foreach (var input in inputs)
        {
            sequentialRows += ReminderPlan.BuildWithin(input, now + horizon).Rows.Count;
        }

        var sequential = watch.Elapsed;
        Console.WriteLine($"now: rows within {horizon.TotalHours:0} h + stamps, one thread: {sequentialRows:N0} rows + {hearings:N0} stamps in {sequential.TotalSeconds:0.000} s "
            + $"({full / sequential:0.0}x faster than every row)");
        watch.Restart();
        var plans = BulkReminderPlanner.PlanWithin(inputs, now + horizon);
        var planning = watch.Elapsed;
        var rows = plans.SelectMany(p => p.Window.Rows).ToList();
        var stamps = plans.Select(p => CaseReminderPlan.For(p.Input.Case.Id, p.Input.Case.OrganisationId, p.Window.NextDueAfterUtc, now)).ToList();
        Console.WriteLine($"now, as BulkReminderPlanner runs it (parallel chunks, {Environment.ProcessorCount} cores): {rows.Count:N0} rows + {stamps.Count:N0} stamps in {planning.TotalSeconds:0.000} s");

        // Writing them on PostgreSQL. Baseline: a raw binary COPY of the same stamps into an unindexed table with the same columns.
        // The bench's cases exist only in memory, so the stamps' foreign key to Cases is dropped (it would cost one key lookup per stamp).
        var pg = await NewPostgresAsync(cluster, "cc_bench_plan");
        await using (var db = new AppDbContext(pg))
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"ReminderPlans\" DROP CONSTRAINT IF EXISTS \"FK_ReminderPlans_Cases_CaseId\"");
            await db.Database.ExecuteSqlRawAsync("CREATE TABLE \"PlanCopyBaseline\" (LIKE \"ReminderPlans\")");
            await db.Database.OpenConnectionAsync();
            watch.Restart();
            await ReminderRowStore.CopyPlansAsync((Npgsql.NpgsqlConnection)db.Database.GetDbConnection(), "\"PlanCopyBaseline\"", stamps, CancellationToken.None);
        }

        var baseline = watch.Elapsed;
        Console.WriteLine($"baseline, raw COPY of the {stamps.Count:N0} stamps into an unindexed table: {baseline.TotalSeconds:0.000} s");
        var write = await TimePlanWriteAsync(pg, rows, stamps, "PostgreSQL: rows within the horizon (row store) + stamps (one unnest upsert per call)", baseline);
        await TimePlanWriteAsync(pg, rows, stamps, "PostgreSQL again, every row and stamp stored (a replan of the same cases)", baseline);
        Console.WriteLine($"PostgreSQL total, planning (parallel) + write: {(planning + write).TotalSeconds:0.000} s for {hearings:N0} hearings");

        // A day's worth of materialisation in mid-range (30 days after planning): the rows whose send time came within the horizon
        // during that day, i.e. due between day + horizon - 1 day and day + horizon, for the cases whose stamp says so, written
        // through the row store, and those stamps moved on. Compute and writes only (the case data is in memory here).
        var day = now.AddDays(30);
        var dayFrom = day + horizon - TimeSpan.FromDays(1);
        var dueCases = BulkReminderPlanner.PlanWithin([.. inputs.Select(i => i with { NowUtc = day })], day + horizon)
            .Where(p => p.Window.Rows.Any(r => r.ScheduledForUtc > dayFrom)).Select(p => p.Input.Case.Id).ToHashSet();
        watch.Restart();
        var dayPlans = BulkReminderPlanner.PlanWithin([.. inputs.Where(i => dueCases.Contains(i.Case.Id)).Select(i => i with { NowUtc = day })], day + horizon);
        var dayCompute = watch.Elapsed;
        var dayRows = dayPlans.SelectMany(p => p.Window.Rows).Where(r => r.ScheduledForUtc > dayFrom).ToList();
        watch.Restart();
        var dayInserted = 0;
        var dayMoved = 0;
        foreach (var chunk in dayPlans.Chunk(BulkReminderPlanner.BatchSize))
        {
            await using var db = new AppDbContext(pg);
            var store = new ReminderRowStore(db);
            dayInserted += await store.InsertMissingAsync([.. chunk.SelectMany(p => p.Window.Rows).Where(r => r.ScheduledForUtc > dayFrom)], CancellationToken.None);

            // Version 2: the stamps were written once and then replanned once above.
            dayMoved += await store.AdvancePlansAsync([.. chunk.Select(p => CaseReminderPlan.For(p.Input.Case.Id, p.Input.Case.OrganisationId,
                p.Window.NextDueAfterUtc, day, 2))], CancellationToken.None);
        }

        var dayWrite = watch.Elapsed;
        Console.WriteLine($"materialisation, one day's worth 30 days after planning: {dueCases.Count:N0} cases, {dayRows.Count:N0} rows "
            + $"({dayInserted:N0} written), {dayMoved:N0} stamps moved; compute {dayCompute.TotalSeconds:0.000} s + PostgreSQL {dayWrite.TotalSeconds:0.000} s");

        // SQLite: the same writes (prepared INSERT OR IGNORE and INSERT ... ON CONFLICT DO UPDATE, one transaction per call), with
        // connection pooling as in production (until ReminderPlanSpeed the bench turned it off, which cost a schema read per call).
        // Baseline: a raw prepared insert of the same 100,000 stamps into an unindexed SQLite table, one transaction per 2,000.
        // Before: the same writes with the index on NextDueAtUtc that ReminderPlanSpeed dropped (recreated here).
        var sqliteBaseline = TimeSpan.Zero;
        foreach (var (label, setup) in new[]
        {
            ("SQLite baseline: raw prepared INSERT of the stamps into an unindexed table", "CREATE TABLE \"PlanBaseline\" (\"CaseId\", \"OrganisationId\", \"NextDueAtUtc\", \"Version\", \"PlannedAtUtc\")"),
            ("SQLite before (index on ReminderPlans.NextDueAtUtc): rows within the horizon + stamps", "CREATE INDEX \"IX_ReminderPlans_NextDueAtUtc\" ON \"ReminderPlans\" (\"NextDueAtUtc\")"),
            ("SQLite after (no such index): rows within the horizon + stamps", null),
        })
        {
            var path = Path.Combine(Path.GetTempPath(), $"cc-bench-plan-{Guid.NewGuid():N}.db");
            try
            {
                var sqlite = (DbContextOptions<AppDbContext>)new DbContextOptionsBuilder<AppDbContext>()
                    .UseCounselConnectDatabase(DatabaseProvider.Sqlite, $"Data Source={path};Foreign Keys=False").Options;
                await using (var db = new AppDbContext(sqlite))
                {
                    await db.Database.EnsureCreatedAsync();
                    if (setup is not null)
                    {
                        await db.Database.ExecuteSqlRawAsync(setup);
                    }
                }

                if (sqliteBaseline == TimeSpan.Zero)
                {
                    sqliteBaseline = await SqliteStampBench.RawInsertAsync($"Data Source={path}", stamps);
                    Console.WriteLine($"{label}: {sqliteBaseline.TotalSeconds:0.000} s; load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
                    continue;
                }

                var sqliteWrite = await TimePlanWriteAsync(sqlite, rows, stamps, label, baseline);
                Console.WriteLine($"  = {sqliteWrite / sqliteBaseline:0.0}x the SQLite baseline; total, planning (parallel) + write: "
                    + $"{(planning + sqliteWrite).TotalSeconds:0.000} s for {hearings:N0} hearings; load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
            }
            finally
            {
                DeleteSqlite(path);
            }
        }

        await MaterialiseEndToEndAsync(cluster, Math.Max(100, hearings / 20));

        if (fullWrite)
        {
            // Before, the write too: every row through the row store (slow: tens of seconds even on a quiet machine).
            var all = BulkReminderPlanner.PlanAll(inputs);
            await TimeStoreAsync(await NewPostgresAsync(cluster, "cc_bench_plan_full"), all, "before: every row through the row store", baseline);
        }
    }

    /// <summary>The benchmark's hearings: one per case, types rotating, 20 to 119 days ahead, one attorney, half with a consenting client.</summary>
    private static List<ReminderPlanInput> Generate(int hearings, DateTime now, out Guid attorney)
    {
        var organisationId = Guid.NewGuid();
        attorney = Guid.NewGuid();
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

        return inputs;
    }

    /// <summary>
    /// The production materialisation step end to end (<see cref="BulkReminderPlanner.MaterialiseDueAsync"/>: reads the due stamps and
    /// the cases' data, plans, writes rows and moves stamps) on PostgreSQL, for <paramref name="cases"/> cases of the same generator
    /// stored with their attorney's assignment (no client contacts: their addresses are encrypted by the web host's interceptor),
    /// a day after they were planned.
    /// </summary>
    private static async Task MaterialiseEndToEndAsync(PostgresCluster cluster, int cases)
    {
        var now = DateTime.UtcNow;
        var options = await NewPostgresAsync(cluster, "cc_bench_materialise");
        var inputs = Generate(cases, now, out _);
        var organisationId = inputs[0].Case.OrganisationId;
        var user = new ApplicationUser { UserName = "bench@example.test", Email = "bench@example.test", DisplayName = "Bench Attorney", OrganisationId = organisationId };
        var profile = new RepresentativeProfile(organisationId, user.Id.ToString(), now);
        await using (var db = new AppDbContext(options))
        {
            db.AddRange(user, profile);
            db.AddRange(inputs.Select(i => i.Case));
            db.AddRange(inputs.SelectMany(i => i.Hearings));
            db.AddRange(inputs.Select(i => new Assignment(organisationId, i.Case.Id, profile.Id, AssignmentMethod.AssignedByManager, false, "bench", null, now)));
            await db.SaveChangesAsync();
        }

        var reminderOptions = Options.Create(new ReminderOptions());
        BulkReminderPlanner Planner(AppDbContext db, TimeProvider clock)
        {
            var directory = new ReminderRecipientDirectory(db);
            return new BulkReminderPlanner(db, directory, new ReminderRowStore(db), new ReminderPlanner(db, directory, clock, reminderOptions), clock, reminderOptions);
        }

        var watch = Stopwatch.StartNew();
        await using (var db = new AppDbContext(options))
        {
            var planned = await Planner(db, TimeProvider.System).PlanCasesAsync([.. inputs.Select(i => i.Case.Id)], CancellationToken.None);
            Console.WriteLine($"end to end on PostgreSQL, {cases:N0} stored cases: planning (BulkReminderPlanner) {watch.Elapsed.TotalSeconds:0.000} s, {planned.RowsInserted:N0} rows");
        }

        // The job run once a day for 30 days (the first runs catch up on what planning left beyond the horizon), then measured.
        var runs = new List<(double Seconds, MaterialiseResult Result)>();
        for (var d = 1; d <= 31; d++)
        {
            var clock = new FixedClock(now.AddDays(d));
            watch.Restart();
            await using var db = new AppDbContext(options);
            var result = await Planner(db, clock).MaterialiseDueAsync(reminderOptions.Value.MaterialiseHorizon, 100_000, CancellationToken.None);
            runs.Add((watch.Elapsed.TotalSeconds, result));
        }

        var last = runs[^1];
        Console.WriteLine($"end to end on PostgreSQL, one materialisation run a day for 31 days: {runs.Sum(r => r.Result.RowsInserted):N0} rows in "
            + $"{runs.Sum(r => r.Seconds):0.000} s; max run {runs.Max(r => r.Seconds):0.000} s; day 31: {last.Result.Cases:N0} cases, "
            + $"{last.Result.RowsInserted:N0} rows written, {last.Result.StampsMoved:N0} stamps moved in {last.Seconds:0.000} s");

        watch.Restart();
        await using (var db = new AppDbContext(options))
        {
            var again = await Planner(db, new FixedClock(now.AddDays(31))).MaterialiseDueAsync(reminderOptions.Value.MaterialiseHorizon, 100_000, CancellationToken.None);
            Console.WriteLine($"day 31 run again at the same time (nothing left due): {again.Cases:N0} cases due, {again.RowsInserted:N0} rows written in {watch.Elapsed.TotalSeconds:0.000} s");
        }
    }

    private sealed class FixedClock(DateTime utcNow) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(utcNow, TimeSpan.Zero);
    }

    private static async Task<TimeSpan> TimePlanWriteAsync(DbContextOptions<AppDbContext> options, List<Reminder> rows, List<CaseReminderPlan> stamps,
        string label, TimeSpan baseline)
    {
        // In the bulk planner's batches (2,000 cases), one context and store call per batch.
        var watch = Stopwatch.StartNew();
        var inserted = 0;
        var rowsByCase = rows.ToLookup(r => r.CaseId);
        foreach (var batch in stamps.Chunk(BulkReminderPlanner.BatchSize))
        {
            await using var db = new AppDbContext(options);
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
            var store = new ReminderRowStore(db);
            inserted += await store.InsertMissingAsync([.. batch.SelectMany(p => rowsByCase[p.CaseId])], CancellationToken.None);
            await store.UpsertPlansAsync(batch, CancellationToken.None);
        }

        var elapsed = watch.Elapsed;
        Console.WriteLine($"{label}: {inserted:N0} of {rows.Count:N0} rows inserted, {stamps.Count:N0} stamps in {elapsed.TotalSeconds:0.000} s "
            + $"({elapsed / baseline:0.0}x the raw COPY of the stamps)");
        return elapsed;
    }

    private static void DeleteSqlite(string path)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm", "-journal" })
        {
            File.Delete(path + suffix);
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
            + $"({rows.Count / elapsed.TotalSeconds:N0} rows/s; {elapsed / baseline:0.0}x the baseline above)");
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
