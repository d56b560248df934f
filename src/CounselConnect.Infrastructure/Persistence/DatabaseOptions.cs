namespace CounselConnect.Infrastructure.Persistence;

/// <summary>Settings under <c>Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply migrations at start-up. Turn off where deployments migrate separately.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>
    /// Fail a query that takes some rows (<c>Take</c>, <c>Skip</c>) without an order, instead of logging EF Core's
    /// warning: which rows such a query returns is up to the database. On in Development (the demo and the test
    /// suite), so that a test running such a query fails; off by default, where it is a warning in the log.
    /// </summary>
    public bool StrictQueries { get; set; }
}
