using CounselConnect.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CounselConnect.UnitTests.Architecture;

/// <summary>
/// SQL Server cannot run on this machine: its migrations are checked by generating the full script, and all
/// three providers must carry the same migrations.
/// </summary>
public sealed class MigrationTests
{
    private static AppDbContext Context(DatabaseProvider provider, string connectionString)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        builder.UseCounselConnectDatabase(provider, connectionString);
        return new AppDbContext(builder.Options);
    }

    private static AppDbContext SqlServer() => Context(DatabaseProvider.SqlServer, "Server=localhost;Database=CounselConnect;TrustServerCertificate=True");

    [Fact]
    public void Sql_server_migration_script_creates_every_table_of_the_model()
    {
        using var db = SqlServer();
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        foreach (var table in db.Model.GetEntityTypes().Select(e => e.GetTableName()).Where(t => t is not null).Distinct())
        {
            Assert.Contains($"CREATE TABLE [{table}]", script, StringComparison.Ordinal);
        }

        Assert.Contains("[__EFMigrationsHistory]", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Sql_server_model_has_no_pending_changes()
    {
        using var db = SqlServer();
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a SQL Server migration: run tests/add-migration.sh.");
    }

    [Fact]
    public void Sqlite_and_postgresql_models_have_no_pending_changes()
    {
        using var sqlite = Context(DatabaseProvider.Sqlite, "Data Source=:memory:");
        using var postgres = Context(DatabaseProvider.PostgreSql, "Host=localhost;Database=x");
        Assert.False(sqlite.Database.HasPendingModelChanges(), "SQLite migrations are behind the model.");
        Assert.False(postgres.Database.HasPendingModelChanges(), "PostgreSQL migrations are behind the model.");
    }

    [Fact]
    public void All_providers_carry_the_same_migrations()
    {
        static IEnumerable<string> Names(AppDbContext db) =>
            db.GetService<IMigrationsAssembly>().Migrations.Keys.Select(id => id[(id.IndexOf('_', StringComparison.Ordinal) + 1)..]);

        using var sqlite = Context(DatabaseProvider.Sqlite, "Data Source=:memory:");
        using var postgres = Context(DatabaseProvider.PostgreSql, "Host=localhost;Database=x");
        using var sqlServer = SqlServer();
        Assert.NotEmpty(Names(sqlite));
        Assert.Equal(Names(sqlite), Names(postgres));
        Assert.Equal(Names(sqlite), Names(sqlServer));
    }
}
