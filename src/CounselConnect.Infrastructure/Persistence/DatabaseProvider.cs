namespace CounselConnect.Infrastructure.Persistence;

/// <summary>The database engines CounselConnect runs on (see docs/adr/0004-three-database-providers.md).</summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
    SqlServer,
}
