using Npgsql;

namespace CounselConnect.IntegrationTests.Infrastructure;

[Collection(PostgresCollection.Name)]
public sealed class PostgresClusterTests(PostgresClusterFixture fixture) : IAsyncLifetime
{
    private string _connectionString = string.Empty;

    public async Task InitializeAsync() => _connectionString = await fixture.CreateDatabaseAsync(nameof(PostgresClusterTests));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Select_version_reports_PostgreSQL()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select version()", connection);

        var version = (string?)await command.ExecuteScalarAsync();

        Assert.NotNull(version);
        Assert.Contains("PostgreSQL", version, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_test_class_gets_its_own_writable_database()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "create table probe (id int primary key); insert into probe values (1), (2); select current_database(), count(*) from probe",
            connection);
        await using var reader = await command.ExecuteReaderAsync();

        Assert.True(await reader.ReadAsync());
        Assert.StartsWith("postgresclustertests_", reader.GetString(0), StringComparison.Ordinal);
        Assert.Equal(2, reader.GetInt64(1));
    }

    [Fact]
    public async Task A_second_database_is_isolated_from_the_first()
    {
        var other = await fixture.CreateDatabaseAsync("isolation_check");
        await using var connection = new NpgsqlConnection(other);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from pg_tables where tablename = 'probe'", connection);

        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }
}
