using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

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
                builder.UseNpgsql(connectionString, o => o.MigrationsAssembly(PostgreSqlMigrationsAssembly));
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
