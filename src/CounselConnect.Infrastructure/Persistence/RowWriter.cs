using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CounselConnect.Infrastructure.Persistence;

/// <summary>
/// Writes many rows of one entity type with a few plain statements built from the EF Core model: the table and
/// column names, each column's type mapping (value converters included, e.g. SQLite's text GUIDs) and the provider's
/// own quoting and parameter names, so the same code runs on SQLite, PostgreSQL and SQL Server. There is no change
/// tracking, no save interceptor and no generated value read back: for the entries of <c>AuditGroupCommit</c>, written
/// inside the transaction that links them. Each
/// statement carries at most <see cref="MaxParameters"/> parameters (SQL Server takes 2,100 in one command).
/// </summary>
public static class RowWriter
{
    /// <summary>Parameters per statement: SQL Server takes at most 2,100 in one command.</summary>
    public const int MaxParameters = 2_000;

    /// <summary>
    /// Inserts <paramref name="rows"/> with multi-row <c>INSERT</c> statements, leaving out the columns whose values the
    /// database generates (the identity key). Inside the context's current transaction when it has one (the caller
    /// then owns retries and the commit); otherwise in one statement, or several in a transaction of their own, with
    /// transient faults retried as EF Core's own saves are (the context's execution strategy).
    /// </summary>
    public static Task InsertAsync<T>(DbContext db, IReadOnlyList<T> rows, CancellationToken ct)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return Task.CompletedTask;
        }

        var entityType = db.Model.FindEntityType(typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T).Name} is not an entity type of this model.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var columns = entityType.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.Never).ToArray();
        if (db.Database.CurrentTransaction is { } current)
        {
            return WriteAsync(db, current.GetDbTransaction(), rows, table, columns, ct);
        }

        return db.Database.CreateExecutionStrategy().ExecuteAsync(
            (db, rows, table, columns), static (_, state, ct) => WriteOwnAsync(state.db, state.rows, state.table, state.columns, ct),
            verifySucceeded: null, ct);
    }

    private static async Task<bool> WriteOwnAsync<T>(DbContext db, IReadOnlyList<T> rows, StoreObjectIdentifier table, IProperty[] columns,
        CancellationToken ct)
        where T : class
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            await using var transaction = rows.Count > PerStatement(columns) ? await connection.BeginTransactionAsync(ct) : null;
            await WriteAsync(db, transaction, rows, table, columns, ct);
            if (transaction is not null)
            {
                await transaction.CommitAsync(ct);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return true;
    }

    private static int PerStatement(IProperty[] columns) => Math.Max(1, MaxParameters / columns.Length);

    private static async Task WriteAsync<T>(DbContext db, DbTransaction? transaction, IReadOnlyList<T> rows, StoreObjectIdentifier table,
        IProperty[] columns, CancellationToken ct)
        where T : class
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var perStatement = PerStatement(columns);
        var connection = db.Database.GetDbConnection();
        for (var start = 0; start < rows.Count; start += perStatement)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            Fill(command, sql, table, columns, rows, start, Math.Min(perStatement, rows.Count - start));
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    private static void Fill<T>(DbCommand command, ISqlGenerationHelper sql, StoreObjectIdentifier table, IProperty[] columns,
        IReadOnlyList<T> rows, int start, int count)
        where T : class
    {
        var text = new StringBuilder("INSERT INTO ").Append(sql.DelimitIdentifier(table.Name, table.Schema)).Append(" (");
        for (var c = 0; c < columns.Length; c++)
        {
            text.Append(c == 0 ? string.Empty : ", ").Append(sql.DelimitIdentifier(columns[c].GetColumnName(table)!));
        }

        text.Append(") VALUES ");
        var n = 0;
        for (var r = start; r < start + count; r++)
        {
            text.Append(r == start ? "(" : ", (");
            for (var c = 0; c < columns.Length; c++)
            {
                var name = "p" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                n++;
                text.Append(c == 0 ? string.Empty : ", ").Append(sql.GenerateParameterNamePlaceholder(name));
                command.Parameters.Add(columns[c].GetRelationalTypeMapping().CreateParameter(command, sql.GenerateParameterName(name),
                    columns[c].GetGetter().GetClrValueUsingContainingEntity(rows[r]), columns[c].IsNullable));
            }

            text.Append(')');
        }

        command.CommandText = text.Append(sql.StatementTerminator).ToString();
    }
}
