using System.Data.Common;
using System.Globalization;
using CounselConnect.Application.Reminders;
using CounselConnect.Domain.Reminders;
using CounselConnect.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace CounselConnect.Infrastructure.Reminders;

/// <summary>
/// Set-based insert of planned reminder rows that skips existing keys, per provider:
/// PostgreSQL: binary <c>COPY</c> into a temporary table, then <c>INSERT … SELECT … ON CONFLICT DO NOTHING</c>;
/// SQLite: one prepared <c>INSERT OR IGNORE</c>, reused for every row, in one transaction;
/// other providers (SQL Server): EF Core, adding the rows whose keys are not stored yet (not covered by the tests: no SQL Server here).
/// In every case the unique index on the key decides; a row that exists is never overwritten.
/// </summary>
public sealed class ReminderRowStore(AppDbContext db) : IReminderRowStore
{
    /// <summary>The columns a planned row sets (LastError: a row recorded as missed by a catch-up); the others (claim, send and cancel data) start empty.</summary>
    private static readonly string[] Columns =
    [
        "Id", "OrganisationId", "CaseId", "TargetKind", "TargetId", "TargetKey", "OffsetDays", "RecipientKind", "RecipientId", "Channel",
        "Language", "EventAtUtc", "DueDate", "Label", "ScheduledForUtc", "NextAttemptAtUtc", "Status", "Attempts", "CreatedAtUtc",
        "LastError",
    ];

    private static readonly string ColumnList = string.Join(", ", Columns.Select(c => "\"" + c + "\""));

    public async Task<int> InsertMissingAsync(IReadOnlyCollection<Reminder> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return 0;
        }

        if (db.Database.IsNpgsql())
        {
            return await InTransactionAsync(tx => CopyPostgresAsync(rows, cancellationToken), cancellationToken);
        }

        if (db.Database.IsSqlite())
        {
            return await InTransactionAsync(tx => InsertSqliteAsync(rows, tx, cancellationToken), cancellationToken);
        }

        return await InsertWithEfAsync(rows, cancellationToken);
    }

    private async Task<int> InTransactionAsync(Func<DbTransaction, Task<int>> work, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is { } current)
        {
            return await work(current.GetDbTransaction());
        }

        // A retrying execution strategy (PostgreSQL, SQL Server; ADR 0012) refuses a transaction it does not run itself, so the
        // transaction is one unit of the strategy: on a transient fault it is tried again whole (staging drops and refills its table).
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var count = await work(transaction.GetDbTransaction());
            await transaction.CommitAsync(ct);
            return count;
        }, cancellationToken);
    }

    private async Task<int> CopyPostgresAsync(IReadOnlyCollection<Reminder> rows, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var columns = ColumnList;
        await using (var create = connection.CreateCommand())
        {
            // LIKE copies the columns and their NOT NULL constraints, not the indexes: the stage is cheap to fill.
            create.CommandText = "DROP TABLE IF EXISTS pg_temp.reminder_stage; CREATE TEMP TABLE reminder_stage (LIKE \"Reminders\") ON COMMIT DROP;";
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await CopyAsync(connection, "reminder_stage", rows, cancellationToken);

        await using var insert = connection.CreateCommand();
        insert.CommandTimeout = db.Database.GetCommandTimeout() ?? insert.CommandTimeout;
        insert.CommandText = $"INSERT INTO \"Reminders\" ({columns}) SELECT {columns} FROM reminder_stage ON CONFLICT DO NOTHING";
        return await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Binary <c>COPY</c> of the planned columns of <paramref name="rows"/> into <paramref name="table"/> (also the benchmark's baseline).</summary>
    public static async Task CopyAsync(NpgsqlConnection connection, string table, IReadOnlyCollection<Reminder> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(rows);
        await using (var copy = await connection.BeginBinaryImportAsync($"COPY {table} ({ColumnList}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var r in rows)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(r.Id, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(r.OrganisationId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(r.CaseId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(r.TargetKind.ToString(), NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(r.TargetId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(r.TargetKey, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(r.OffsetDays, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(r.RecipientKind.ToString(), NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(r.RecipientId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(r.Channel.ToString(), NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(r.Language, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(Utc(r.EventAtUtc), NpgsqlDbType.TimestampTz, cancellationToken);
                if (r.DueDate is { } due)
                {
                    await copy.WriteAsync(due, NpgsqlDbType.Date, cancellationToken);
                }
                else
                {
                    await copy.WriteNullAsync(cancellationToken);
                }

                if (r.Label is { } label)
                {
                    await copy.WriteAsync(label, NpgsqlDbType.Varchar, cancellationToken);
                }
                else
                {
                    await copy.WriteNullAsync(cancellationToken);
                }

                await copy.WriteAsync(Utc(r.ScheduledForUtc), NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(Utc(r.NextAttemptAtUtc), NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(r.Status.ToString(), NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(r.Attempts, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(Utc(r.CreatedAtUtc), NpgsqlDbType.TimestampTz, cancellationToken);
                if (r.LastError is { } error)
                {
                    await copy.WriteAsync(error, NpgsqlDbType.Varchar, cancellationToken);
                }
                else
                {
                    await copy.WriteNullAsync(cancellationToken);
                }
            }

            await copy.CompleteAsync(cancellationToken);
        }
    }

    private async Task<int> InsertSqliteAsync(IReadOnlyCollection<Reminder> rows, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = (SqliteTransaction)transaction;
        command.CommandText = $"INSERT OR IGNORE INTO \"Reminders\" ({ColumnList}) "
            + $"VALUES ({string.Join(", ", Columns.Select(c => "$" + c))})";
        var parameters = Columns.ToDictionary(c => c, c => command.Parameters.Add(new SqliteParameter("$" + c, null)));
        command.Prepare();
        var inserted = 0;
        foreach (var r in rows)
        {
            // The text forms EF Core's SQLite provider stores: upper-case GUIDs, "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd".
            parameters["Id"].Value = SqliteGuid(r.Id);
            parameters["OrganisationId"].Value = SqliteGuid(r.OrganisationId);
            parameters["CaseId"].Value = SqliteGuid(r.CaseId);
            parameters["TargetKind"].Value = r.TargetKind.ToString();
            parameters["TargetId"].Value = SqliteGuid(r.TargetId);
            parameters["TargetKey"].Value = r.TargetKey;
            parameters["OffsetDays"].Value = r.OffsetDays;
            parameters["RecipientKind"].Value = r.RecipientKind.ToString();
            parameters["RecipientId"].Value = SqliteGuid(r.RecipientId);
            parameters["Channel"].Value = r.Channel.ToString();
            parameters["Language"].Value = r.Language;
            parameters["EventAtUtc"].Value = SqliteDateTime(r.EventAtUtc);
            parameters["DueDate"].Value = r.DueDate is { } due ? due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : DBNull.Value;
            parameters["Label"].Value = (object?)r.Label ?? DBNull.Value;
            parameters["ScheduledForUtc"].Value = SqliteDateTime(r.ScheduledForUtc);
            parameters["NextAttemptAtUtc"].Value = SqliteDateTime(r.NextAttemptAtUtc);
            parameters["Status"].Value = r.Status.ToString();
            parameters["Attempts"].Value = r.Attempts;
            parameters["CreatedAtUtc"].Value = SqliteDateTime(r.CreatedAtUtc);
            parameters["LastError"].Value = (object?)r.LastError ?? DBNull.Value;
            inserted += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return inserted;
    }

    private async Task<int> InsertWithEfAsync(IReadOnlyCollection<Reminder> rows, CancellationToken cancellationToken)
    {
        var inserted = 0;
        foreach (var chunk in rows.Chunk(2000))
        {
            var caseIds = chunk.Select(r => r.CaseId).Distinct().ToList();
            var existing = (await db.Set<Reminder>().AsNoTracking().Where(r => caseIds.Contains(r.CaseId))
                .Select(r => new { r.TargetKey, r.OffsetDays, r.RecipientKind, r.RecipientId, r.Channel }).ToListAsync(cancellationToken))
                .Select(k => new ReminderKey(k.TargetKey, k.OffsetDays, k.RecipientKind, k.RecipientId, k.Channel)).ToHashSet();
            var missing = chunk.Where(r => existing.Add(r.Key)).ToList();
            db.Set<Reminder>().AddRange(missing);
            inserted += await db.SaveChangesAsync(cancellationToken);
            foreach (var row in missing)
            {
                db.Entry(row).State = EntityState.Detached;
            }
        }

        return inserted;
    }

    private const string PlanColumns = "\"CaseId\", \"OrganisationId\", \"NextDueAtUtc\", \"Version\", \"PlannedAtUtc\"";

    public async Task UpsertPlansAsync(IReadOnlyCollection<CaseReminderPlan> plans, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plans);
        if (plans.Count == 0)
        {
            return;
        }

        // Only ever earlier (see ReminderPlanner.StampPlanAsync): a null or later due time leaves the stored one.
        const string onConflict = " ON CONFLICT (\"CaseId\") DO UPDATE SET \"NextDueAtUtc\" = CASE WHEN \"ReminderPlans\".\"NextDueAtUtc\" IS NULL "
            + "OR excluded.\"NextDueAtUtc\" < \"ReminderPlans\".\"NextDueAtUtc\" THEN excluded.\"NextDueAtUtc\" ELSE \"ReminderPlans\".\"NextDueAtUtc\" END, "
            + "\"PlannedAtUtc\" = excluded.\"PlannedAtUtc\", \"Version\" = \"ReminderPlans\".\"Version\" + 1";
        if (db.Database.IsNpgsql())
        {
            await InTransactionAsync(async tx =>
            {
                await using var upsert = PlanArraysCommand(plans);
                upsert.CommandText = $"INSERT INTO \"ReminderPlans\" ({PlanColumns}) SELECT {PlanColumns} FROM {PlanArrays}{onConflict}";
                return await upsert.ExecuteNonQueryAsync(cancellationToken);
            }, cancellationToken);
            return;
        }

        if (db.Database.IsSqlite())
        {
            await InTransactionAsync(tx => ForEachPlanSqliteAsync(plans, tx,
                $"INSERT INTO \"ReminderPlans\" ({PlanColumns}) VALUES ($CaseId, $OrganisationId, $NextDueAtUtc, $Version, $PlannedAtUtc){onConflict}",
                cancellationToken), cancellationToken);
            return;
        }

        foreach (var plan in plans)
        {
            var (caseId, next, at) = (plan.CaseId, plan.NextDueAtUtc, plan.PlannedAtUtc);
            var updated = await db.Set<CaseReminderPlan>().Where(p => p.CaseId == caseId).ExecuteUpdateAsync(s => s
                .SetProperty(p => p.NextDueAtUtc, p => next != null && (p.NextDueAtUtc == null || p.NextDueAtUtc > next) ? next : p.NextDueAtUtc)
                .SetProperty(p => p.PlannedAtUtc, at).SetProperty(p => p.Version, p => p.Version + 1), cancellationToken);
            if (updated == 0)
            {
                db.Add(plan);
                await db.SaveChangesAsync(cancellationToken);
                db.Entry(plan).State = EntityState.Detached;
            }
        }
    }

    public async Task<int> AdvancePlansAsync(IReadOnlyCollection<CaseReminderPlan> plans, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plans);
        if (plans.Count == 0)
        {
            return 0;
        }

        if (db.Database.IsNpgsql())
        {
            return await InTransactionAsync(async tx =>
            {
                await using var update = PlanArraysCommand(plans);
                update.CommandText = $"UPDATE \"ReminderPlans\" p SET \"NextDueAtUtc\" = s.\"NextDueAtUtc\" FROM {PlanArrays} "
                    + "WHERE p.\"CaseId\" = s.\"CaseId\" AND p.\"Version\" = s.\"Version\"";
                return await update.ExecuteNonQueryAsync(cancellationToken);
            }, cancellationToken);
        }

        if (db.Database.IsSqlite())
        {
            return await InTransactionAsync(tx => ForEachPlanSqliteAsync(plans, tx,
                "UPDATE \"ReminderPlans\" SET \"NextDueAtUtc\" = $NextDueAtUtc WHERE \"CaseId\" = $CaseId AND \"Version\" = $Version",
                cancellationToken), cancellationToken);
        }

        var moved = 0;
        foreach (var plan in plans)
        {
            var (caseId, version, next) = (plan.CaseId, plan.Version, plan.NextDueAtUtc);
            moved += await db.Set<CaseReminderPlan>().Where(p => p.CaseId == caseId && p.Version == version)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.NextDueAtUtc, next), cancellationToken);
        }

        return moved;
    }

    /// <summary>
    /// PostgreSQL: the plans as one row source of five array parameters (<c>unnest</c>), aliased <c>s</c> with the table's
    /// column names. One statement per call, without the temporary table (its create and drop cost more than the rows).
    /// </summary>
    private const string PlanArrays = "unnest(@case_ids, @organisation_ids, @next_due, @versions, @planned_at) "
        + "AS s(\"CaseId\", \"OrganisationId\", \"NextDueAtUtc\", \"Version\", \"PlannedAtUtc\")";

    private NpgsqlCommand PlanArraysCommand(IReadOnlyCollection<CaseReminderPlan> plans)
    {
        var command = ((NpgsqlConnection)db.Database.GetDbConnection()).CreateCommand();
        command.Parameters.Add(new NpgsqlParameter("case_ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = plans.Select(p => p.CaseId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("organisation_ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid)
        {
            Value = plans.Select(p => p.OrganisationId).ToArray(),
        });
        command.Parameters.Add(new NpgsqlParameter("next_due", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz)
        {
            Value = plans.Select(p => p.NextDueAtUtc is { } next ? Utc(next) : (DateTime?)null).ToArray(),
        });
        command.Parameters.Add(new NpgsqlParameter("versions", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = plans.Select(p => p.Version).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("planned_at", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz)
        {
            Value = plans.Select(p => Utc(p.PlannedAtUtc)).ToArray(),
        });
        return command;
    }

    /// <summary>Binary <c>COPY</c> of plan stamps into <paramref name="table"/> (also the benchmark's baseline).</summary>
    public static async Task CopyPlansAsync(NpgsqlConnection connection, string table, IReadOnlyCollection<CaseReminderPlan> plans, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(plans);
        await using var copy = await connection.BeginBinaryImportAsync($"COPY {table} ({PlanColumns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var p in plans)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(p.CaseId, NpgsqlDbType.Uuid, cancellationToken);
            await copy.WriteAsync(p.OrganisationId, NpgsqlDbType.Uuid, cancellationToken);
            if (p.NextDueAtUtc is { } next)
            {
                await copy.WriteAsync(Utc(next), NpgsqlDbType.TimestampTz, cancellationToken);
            }
            else
            {
                await copy.WriteNullAsync(cancellationToken);
            }

            await copy.WriteAsync(p.Version, NpgsqlDbType.Integer, cancellationToken);
            await copy.WriteAsync(Utc(p.PlannedAtUtc), NpgsqlDbType.TimestampTz, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    /// <summary>SQLite: one prepared statement run for each plan (parameters the statement does not name are ignored).</summary>
    private async Task<int> ForEachPlanSqliteAsync(IReadOnlyCollection<CaseReminderPlan> plans, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = (SqliteTransaction)transaction;
        command.CommandText = sql;
        var caseId = command.Parameters.Add(new SqliteParameter("$CaseId", null));
        var organisationId = command.Parameters.Add(new SqliteParameter("$OrganisationId", null));
        var next = command.Parameters.Add(new SqliteParameter("$NextDueAtUtc", null));
        var version = command.Parameters.Add(new SqliteParameter("$Version", null));
        var plannedAt = command.Parameters.Add(new SqliteParameter("$PlannedAtUtc", null));
        command.Prepare();
        var affected = 0;
        foreach (var p in plans)
        {
            caseId.Value = SqliteGuid(p.CaseId);
            organisationId.Value = SqliteGuid(p.OrganisationId);
            next.Value = p.NextDueAtUtc is { } due ? SqliteDateTime(due) : DBNull.Value;
            version.Value = p.Version;
            plannedAt.Value = SqliteDateTime(p.PlannedAtUtc);
            affected += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return affected;
    }

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    private static string SqliteGuid(Guid value) => value.ToString().ToUpperInvariant();

    private static string SqliteDateTime(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
}
