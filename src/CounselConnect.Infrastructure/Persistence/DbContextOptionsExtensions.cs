using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CounselConnect.Infrastructure.Persistence;

public static class DbContextOptionsExtensions
{
    public const string SqliteMigrationsAssembly = "CounselConnect.Infrastructure.Migrations.Sqlite";
    public const string PostgreSqlMigrationsAssembly = "CounselConnect.Infrastructure.Migrations.PostgreSql";
    public const string SqlServerMigrationsAssembly = "CounselConnect.Infrastructure.Migrations.SqlServer";

    /// <summary>Points the context at one provider, with that provider's migrations assembly.</summary>
    public static DbContextOptionsBuilder UseCounselConnectDatabase(
        this DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                EnsureSqliteDirectory(connectionString);
                builder.UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly));
                break;
            case DatabaseProvider.PostgreSql:
                builder.UseNpgsql(WithPostgreSqlDefaults(connectionString), o => o.MigrationsAssembly(PostgreSqlMigrationsAssembly));
                break;
            case DatabaseProvider.SqlServer:
                builder.UseSqlServer(connectionString, o => o.MigrationsAssembly(SqlServerMigrationsAssembly));
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider '{provider}'. Use Sqlite, PostgreSql or SqlServer.");
        }

        builder.UseOpenIddict();
        // Each host has its own interceptor instances, so a process with many hosts (the test suite) builds many
        // internal EF service providers; that is expected there and harmless, so it is logged, not thrown.
        builder.ConfigureWarnings(w => w.Log(Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.ManyServiceProvidersCreatedWarning));
        return builder;
    }

    /// <summary>Statements Npgsql prepares on the server once they have run this often on a connection (its own default).</summary>
    public const int AutoPrepareStatements = 64;

    /// <summary>
    /// The application's PostgreSQL connection string with two Npgsql settings made the default where the operator's
    /// string does not set them (docs/benchmarks.md, "Pipeline overhead, second pass"):
    /// <list type="bullet">
    /// <item><c>Max Auto Prepare</c> = <see cref="AutoPrepareStatements"/>: the statements EF and the conflict feed run on
    /// every request are parsed and planned once per connection instead of every time (the server's CPU per intake fell
    /// by about a quarter).</item>
    /// <item><c>No Reset On Close</c> = true: a connection going back to the pool is not reset with a batch of
    /// statements (with prepared statements that is seven of them, run about four times per request). Nothing here
    /// leaves session state behind: the audit chainer's advisory lock is transaction-scoped and the reminder stage
    /// table is dropped on commit.</item>
    /// </list>
    /// Hangfire's storage keeps the string as configured.
    /// </summary>
    public static string WithPostgreSqlDefaults(string connectionString)
    {
        // The keys the operator wrote, spaces dropped ("Max Auto Prepare" and "MaxAutoPrepare" are the same setting).
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", string.Empty, StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var tuned = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.Contains("MaxAutoPrepare"))
        {
            tuned.MaxAutoPrepare = AutoPrepareStatements;
        }

        if (!given.Contains("NoResetOnClose"))
        {
            tuned.NoResetOnClose = true;
        }

        return tuned.ConnectionString;
    }

    private static void EnsureSqliteDirectory(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" || dataSource.StartsWith("file:", StringComparison.Ordinal))
        {
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }
}
