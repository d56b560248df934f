using System.Diagnostics;
using System.Globalization;
using CounselConnect.Domain.Reminders;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.Infrastructure.Reminders;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.ReminderBench;

/// <summary>
/// <c>stamps-sqlite [stamps=100000]</c>: where the time of writing plan stamps to SQLite goes. Every variant writes the same
/// stamps in the bulk planner's calls (2,000 per call, one transaction each) into a fresh database file with the full schema,
/// and is timed against the baseline of a raw prepared insert of the same values into an unindexed table (same run).
/// </summary>
internal static class SqliteStampBench
{
    private const string Columns = "\"CaseId\", \"OrganisationId\", \"NextDueAtUtc\", \"Version\", \"PlannedAtUtc\"";

    private const string OnlyEarlier = " ON CONFLICT (\"CaseId\") DO UPDATE SET \"NextDueAtUtc\" = CASE WHEN \"ReminderPlans\".\"NextDueAtUtc\" IS NULL "
        + "OR excluded.\"NextDueAtUtc\" < \"ReminderPlans\".\"NextDueAtUtc\" THEN excluded.\"NextDueAtUtc\" ELSE \"ReminderPlans\".\"NextDueAtUtc\" END, "
        + "\"PlannedAtUtc\" = excluded.\"PlannedAtUtc\", \"Version\" = \"ReminderPlans\".\"Version\" + 1";

    public static async Task RunAsync(int count)
    {
        var now = DateTime.UtcNow;
        var organisationId = Guid.NewGuid();
        var stamps = Enumerable.Range(0, count).Select(i => CaseReminderPlan.For(Guid.NewGuid(), organisationId, now.AddDays(6 + (i % 100)).AddHours(i % 7), now)).ToList();
        var batches = stamps.Chunk(2000).ToList();

        // Warm-up: JIT and the provider's first-use costs, on a throwaway file.
        await TimeAsync("warm-up (ignored)", stamps.Take(4000).ToList(), async (conn, b) => await PreparedAsync(conn, b, $"INSERT INTO \"ReminderPlans\" ({Columns}) VALUES ($c, $o, $n, $v, $p){OnlyEarlier}"));

        var baseline = await TimeAsync("baseline: prepared INSERT into an unindexed table (no key), one connection", stamps, async (conn, b) =>
            await PreparedAsync(conn, b, $"INSERT INTO \"PlanBaseline\" ({Columns}) VALUES ($c, $o, $n, $v, $p)"));
        Console.WriteLine();

        // Before ReminderPlanSpeed: the index on NextDueAtUtc (created here: the model no longer has it).
        const string upsert = $"INSERT INTO \"ReminderPlans\" ({Columns}) VALUES ($c, $o, $n, $v, $p){OnlyEarlier}";
        await TimeAsync("before: ReminderRowStore.UpsertPlansAsync, new context + unpooled connection per call (as the plan bench had it)", stamps,
            null, baseline, setup: DueIndex, viaStore: true, pooling: false);
        await TimeAsync("before: the same with connection pooling (Microsoft.Data.Sqlite's default, as in production)", stamps, null, baseline, setup: DueIndex,
            viaStore: true);
        await TimeAsync("before, pieces: prepared upsert per stamp, one open connection", stamps, (conn, b) => PreparedAsync(conn, b, upsert), baseline, setup: DueIndex);
        await TimeAsync("before, pieces: prepared plain INSERT (no ON CONFLICT)", stamps, (conn, b) =>
            PreparedAsync(conn, b, $"INSERT INTO \"ReminderPlans\" ({Columns}) VALUES ($c, $o, $n, $v, $p)"), baseline, setup: DueIndex);
        await TimeAsync("before, pieces: stamps sorted by key within each call", stamps, (conn, b) =>
            PreparedAsync(conn, [.. b.OrderBy(p => p.CaseId.ToString().ToUpperInvariant(), StringComparer.Ordinal)], upsert), baseline, setup: DueIndex);
        await TimeAsync("before, pieces: journal_mode=WAL, synchronous=NORMAL", stamps, (conn, b) => PreparedAsync(conn, b, upsert), baseline,
            setup: DueIndex + "; PRAGMA journal_mode=WAL", pragma: "PRAGMA synchronous=NORMAL");
        await TimeAsync("before, pieces: cache_size 64 MB", stamps, (conn, b) => PreparedAsync(conn, b, upsert), baseline, setup: DueIndex,
            pragma: "PRAGMA cache_size=-65536");
        await TimeAsync("before, pieces: one transaction for all stamps", stamps, null, baseline, setup: DueIndex, oneTransaction: true);
        foreach (var perStatement in new[] { 100, 300 })
        {
            await TimeAsync($"before, pieces: multi-row VALUES upsert, {perStatement} stamps per statement", stamps, (conn, b) => MultiRowAsync(conn, b, perStatement),
                baseline, setup: DueIndex);
        }

        await TimeAsync("before, pieces: temp table + one INSERT ... SELECT ... ON CONFLICT per call", stamps, TempTableAsync, baseline, setup: DueIndex);
        Console.WriteLine();
        await TimeAsync("after: prepared upsert per stamp, one open connection, no NextDueAtUtc index", stamps, (conn, b) => PreparedAsync(conn, b, upsert), baseline);
        await TimeAsync("after: ReminderRowStore.UpsertPlansAsync, new context per call (pooled)", stamps, null, baseline, viaStore: true);
        await TimeAsync("after: the same, second pass (every stamp stored: updates)", stamps, null, baseline, viaStore: true, twice: true);
        await TimeAsync("before: the same second pass with the index", stamps, null, baseline, setup: DueIndex, viaStore: true, twice: true);
        await TimeDueQueryAsync(stamps);
    }

    /// <summary>The materialisation job's query (stamps due within 48 h, earliest first) on the stored stamps, with and without the index on the due time.</summary>
    private static async Task TimeDueQueryAsync(List<CaseReminderPlan> stamps)
    {
        var path = Path.Combine(Path.GetTempPath(), $"cc-bench-stamps-{Guid.NewGuid():N}.db");
        var connectionString = $"Data Source={path};Foreign Keys=False";
        try
        {
            var options = (DbContextOptions<AppDbContext>)new DbContextOptionsBuilder<AppDbContext>()
                .UseCounselConnectDatabase(DatabaseProvider.Sqlite, connectionString).Options;
            await using var db = new AppDbContext(options);
            await db.Database.EnsureCreatedAsync();
            await db.Database.ExecuteSqlRawAsync(DueIndex);
            foreach (var batch in stamps.Chunk(2000))
            {
                await new ReminderRowStore(db).UpsertPlansAsync(batch, CancellationToken.None);
            }

            var until = stamps.Min(p => p.PlannedAtUtc).AddDays(8);
            foreach (var label in new[] { "with the index", "without the index" })
            {
                if (label == "without the index")
                {
                    await db.Database.ExecuteSqlRawAsync("DROP INDEX IF EXISTS \"IX_ReminderPlans_NextDueAtUtc\"");
                }

                var due = 0;
                await db.Set<CaseReminderPlan>().AsNoTracking().Where(p => p.NextDueAtUtc != null && p.NextDueAtUtc <= until)
                    .OrderBy(p => p.NextDueAtUtc).Take(20_000).Select(p => new { p.CaseId, p.Version }).ToListAsync();
                var watch = Stopwatch.StartNew();
                for (var i = 0; i < 10; i++)
                {
                    due = (await db.Set<CaseReminderPlan>().AsNoTracking().Where(p => p.NextDueAtUtc != null && p.NextDueAtUtc <= until)
                        .OrderBy(p => p.NextDueAtUtc).Take(20_000).Select(p => new { p.CaseId, p.Version }).ToListAsync()).Count;
                }

                Console.WriteLine($"materialisation's due query on {stamps.Count:N0} stamps ({due:N0} due), {label}: {watch.Elapsed.TotalMilliseconds / 10:0.0} ms per run; "
                    + $"load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { string.Empty, "-wal", "-shm", "-journal" })
            {
                File.Delete(path + suffix);
            }
        }
    }

    private const string DueIndex = "CREATE INDEX \"IX_ReminderPlans_NextDueAtUtc\" ON \"ReminderPlans\" (\"NextDueAtUtc\")";

    private static async Task<TimeSpan> TimeAsync(string label, List<CaseReminderPlan> stamps, Func<SqliteConnection, CaseReminderPlan[], Task>? perCall,
        TimeSpan? baseline = null, string? setup = null, bool viaStore = false, bool pooling = true, bool oneTransaction = false, bool twice = false,
        string? pragma = null)
    {
        var path = Path.Combine(Path.GetTempPath(), $"cc-bench-stamps-{Guid.NewGuid():N}.db");
        var connectionString = $"Data Source={path};Pooling={pooling};Foreign Keys=False";
        try
        {
            var options = (DbContextOptions<AppDbContext>)new DbContextOptionsBuilder<AppDbContext>()
                .UseCounselConnectDatabase(DatabaseProvider.Sqlite, connectionString).Options;
            await using (var db = new AppDbContext(options))
            {
                await db.Database.EnsureCreatedAsync();
                await db.Database.ExecuteSqlRawAsync($"CREATE TABLE \"PlanBaseline\" ({Columns})");
                if (setup is not null)
                {
                    await db.Database.ExecuteSqlRawAsync(setup);
                }
            }

            if (twice)
            {
                await using var db = new AppDbContext(options);
                foreach (var batch in stamps.Chunk(2000))
                {
                    await new ReminderRowStore(db).UpsertPlansAsync(batch, CancellationToken.None);
                }
            }

            var watch = Stopwatch.StartNew();
            if (viaStore)
            {
                foreach (var batch in stamps.Chunk(2000))
                {
                    await using var db = new AppDbContext(options);
                    await new ReminderRowStore(db).UpsertPlansAsync(batch, CancellationToken.None);
                }
            }
            else
            {
                await using var connection = new SqliteConnection(connectionString);
                await connection.OpenAsync();
                if (pragma is not null)
                {
                    await using var command = connection.CreateCommand();
                    command.CommandText = pragma;
                    await command.ExecuteNonQueryAsync();
                }

                foreach (var batch in oneTransaction ? [stamps.ToArray()] : stamps.Chunk(2000))
                {
                    await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
                    if (perCall is null)
                    {
                        await PreparedAsync(connection, batch, $"INSERT INTO \"ReminderPlans\" ({Columns}) VALUES ($c, $o, $n, $v, $p){OnlyEarlier}");
                    }
                    else
                    {
                        await perCall(connection, batch);
                    }

                    await transaction.CommitAsync();
                }
            }

            var elapsed = watch.Elapsed;
            var stored = 0L;
            await using (var check = new SqliteConnection(connectionString))
            {
                await check.OpenAsync();
                await using var count = check.CreateCommand();
                count.CommandText = label.StartsWith("baseline", StringComparison.Ordinal) ? "SELECT COUNT(*) FROM \"PlanBaseline\"" : "SELECT COUNT(*) FROM \"ReminderPlans\"";
                stored = (long)(await count.ExecuteScalarAsync())!;
            }

            Console.WriteLine($"{label}: {elapsed.TotalSeconds:0.000} s{(baseline is { } b ? $" ({elapsed / b:0.0}x the baseline)" : string.Empty)}; "
                + $"{stored:N0} rows stored; load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
            return elapsed;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { string.Empty, "-wal", "-shm", "-journal" })
            {
                File.Delete(path + suffix);
            }
        }
    }

    /// <summary>The baseline: a raw prepared insert of the stamps into the unindexed "PlanBaseline", one transaction per 2,000.</summary>
    public static async Task<TimeSpan> RawInsertAsync(string connectionString, List<CaseReminderPlan> stamps)
    {
        var watch = Stopwatch.StartNew();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        foreach (var batch in stamps.Chunk(2000))
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            await PreparedAsync(connection, batch, $"INSERT INTO \"PlanBaseline\" ({Columns}) VALUES ($c, $o, $n, $v, $p)");
            await transaction.CommitAsync();
        }

        return watch.Elapsed;
    }

    private static async Task PreparedAsync(SqliteConnection connection, CaseReminderPlan[] batch, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var c = command.Parameters.Add(new SqliteParameter("$c", null));
        var o = command.Parameters.Add(new SqliteParameter("$o", null));
        var n = command.Parameters.Add(new SqliteParameter("$n", null));
        var v = command.Parameters.Add(new SqliteParameter("$v", null));
        var p = command.Parameters.Add(new SqliteParameter("$p", null));
        command.Prepare();
        foreach (var s in batch)
        {
            c.Value = Key(s.CaseId);
            o.Value = Key(s.OrganisationId);
            n.Value = s.NextDueAtUtc is { } due ? Time(due) : DBNull.Value;
            v.Value = s.Version;
            p.Value = Time(s.PlannedAtUtc);
            await command.ExecuteNonQueryAsync();
        }
    }

    private static async Task MultiRowAsync(SqliteConnection connection, CaseReminderPlan[] batch, int perStatement)
    {
        foreach (var chunk in batch.Chunk(perStatement))
        {
            await using var command = connection.CreateCommand();
            var values = new System.Text.StringBuilder();
            for (var i = 0; i < chunk.Length; i++)
            {
                values.Append(i == 0 ? string.Empty : ", ").Append(CultureInfo.InvariantCulture, $"($c{i}, $o{i}, $n{i}, $v{i}, $p{i})");
                var s = chunk[i];
                command.Parameters.AddWithValue($"$c{i}", Key(s.CaseId));
                command.Parameters.AddWithValue($"$o{i}", Key(s.OrganisationId));
                command.Parameters.AddWithValue($"$n{i}", s.NextDueAtUtc is { } due ? Time(due) : DBNull.Value);
                command.Parameters.AddWithValue($"$v{i}", s.Version);
                command.Parameters.AddWithValue($"$p{i}", Time(s.PlannedAtUtc));
            }

            // "WHERE true" resolves the parser ambiguity of ON CONFLICT after INSERT ... SELECT (not needed after VALUES).
            command.CommandText = $"INSERT INTO \"ReminderPlans\" ({Columns}) VALUES {values}{OnlyEarlier}";
            await command.ExecuteNonQueryAsync();
        }
    }

    private static async Task TempTableAsync(SqliteConnection connection, CaseReminderPlan[] batch)
    {
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = $"CREATE TEMP TABLE IF NOT EXISTS plan_stage ({Columns}); DELETE FROM temp.plan_stage;";
            await create.ExecuteNonQueryAsync();
        }

        await PreparedAsync(connection, batch, $"INSERT INTO temp.plan_stage ({Columns}) VALUES ($c, $o, $n, $v, $p)");
        await using var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO \"ReminderPlans\" ({Columns}) SELECT {Columns} FROM temp.plan_stage WHERE true{OnlyEarlier}";
        await insert.ExecuteNonQueryAsync();
    }

    private static string Key(Guid value) => value.ToString().ToUpperInvariant();

    private static string Time(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
}
