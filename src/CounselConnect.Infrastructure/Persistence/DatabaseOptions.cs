namespace CounselConnect.Infrastructure.Persistence;

/// <summary>Settings under <c>Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply migrations at start-up. Turn off where deployments migrate separately.</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
