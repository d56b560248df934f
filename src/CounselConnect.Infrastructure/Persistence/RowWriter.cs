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
/// tracking, no save interceptor and no generated value read back: for the entries of <c>AuditGroupCommit</c>. Each
/// statement carries at most <see cref="MaxParameters"/> parameters (SQL Server takes 2,100 in one command).
/// </summary>
public static class RowWriter
{
    /// <summary>Parameters per statement: SQL Server takes at most 2,100 in one command.</summary>
    public const int MaxParameters = 2_000;

    /// <summary>
    /// Inserts <paramref name="rows"/> with multi-row <c>INSERT</c> statements, leaving out the columns whose values the
    /// database generates (the identity key): one statement, or several in one transaction. Transient faults are
    /// retried as EF Core's own saves are (the context's execution strategy).
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
        return db.Database.CreateExecutionStrategy().ExecuteAsync(
            (db, rows, table, columns), static (_, state, ct) => WriteAsync(state.db, state.rows, state.table, state.columns, ct),
            verifySucceeded: null, ct);
    }

    private static async Task<bool> WriteAsync<T>(DbContext db, IReadOnlyList<T> rows, StoreObjectIdentifier table, IProperty[] columns,
        CancellationToken ct)
        where T : class
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var perStatement = Math.Max(1, MaxParameters / columns.Length);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var transaction = rows.Count > perStatement ? await connection.BeginTransactionAsync(ct) : null;
            for (var start = 0; start < rows.Count; start += perStatement)
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                Fill(command, sql, table, columns, rows, start, Math.Min(perStatement, rows.Count - start));
                await command.ExecuteNonQueryAsync(ct);
            }

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
