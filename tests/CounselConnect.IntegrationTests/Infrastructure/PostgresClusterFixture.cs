namespace CounselConnect.IntegrationTests.Infrastructure;

/// <summary>
/// One PostgreSQL server shared by every test class in the "postgres" collection. Each test class asks for its own
/// database with <see cref="CreateDatabaseAsync"/>, so classes never see each other's data.
/// </summary>
public sealed class PostgresClusterFixture : IAsyncLifetime
{
    private PostgresCluster? _cluster;

    public PostgresCluster Cluster =>
        _cluster ?? throw new InvalidOperationException("The PostgreSQL fixture has not been initialised.");

    public async Task InitializeAsync() => _cluster = await PostgresCluster.StartAsync();

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
            _cluster = null;
        }
    }

    /// <summary>Creates a database named <paramref name="prefix"/> plus a unique suffix and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var clean = new string(prefix.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
        if (clean.Length == 0 || char.IsAsciiDigit(clean[0]))
        {
            clean = "db_" + clean;
        }

        var name = $"{clean[..Math.Min(clean.Length, 40)]}_{Guid.NewGuid().ToString("N")[..16]}";
        await Cluster.CreateDatabaseAsync(name);
        return Cluster.ConnectionString(name);
    }
}

/// <summary>Test classes marked [Collection(PostgresCollection.Name)] share one <see cref="PostgresClusterFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresClusterFixture>
{
    public const string Name = "postgres";
}
