using CounselConnect.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SqliteFactory = CounselConnect.IntegrationTests.Support.SqliteFactory;

namespace CounselConnect.IntegrationTests.Foundation;

/// <summary>
/// The embedded database (SQLite) runs in write-ahead-log mode (EF Core sets it when it creates the database file), so a
/// read still open on one connection (a page loading its lists) does not hold up another connection's commit (an audit
/// entry's group insert). With SQLite's rollback journal the commit below would wait for the read to end and fail after
/// its busy timeout.
/// </summary>
public sealed class SqliteJournalTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    [Fact]
    public async Task A_commit_is_not_held_up_by_a_read_still_open_on_another_connection()
    {
        string connectionString;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            connectionString = scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.GetConnectionString()!;
        }

        await using var reader = new SqliteConnection(connectionString);
        await reader.OpenAsync();
        Assert.Equal("wal", await ScalarAsync(reader, null, "PRAGMA journal_mode"));

        // A read inside a transaction keeps its hold on the database until the transaction ends.
        await using var read = reader.BeginTransaction(deferred: true);
        Assert.True(Convert.ToInt64(await ScalarAsync(reader, read, "SELECT COUNT(*) FROM sqlite_master")) > 0);

        await using var writer = new SqliteConnection(connectionString + ";Default Timeout=2");
        await writer.OpenAsync();
        await ScalarAsync(writer, null, "CREATE TABLE journal_probe (x INTEGER)");
        await ScalarAsync(writer, null, "INSERT INTO journal_probe VALUES (1)");
        Assert.Equal(1L, await ScalarAsync(writer, null, "SELECT COUNT(*) FROM journal_probe"));

        // The open read still sees the database as it was when it began.
        Assert.Equal(0L, await ScalarAsync(reader, read, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'journal_probe'"));
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
