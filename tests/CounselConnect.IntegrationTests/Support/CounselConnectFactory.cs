using CounselConnect.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace CounselConnect.IntegrationTests.Support;

/// <summary>
/// The real web host on a real database. Each factory gets its own database; subclasses say which engine.
/// Tokens come from the embedded OpenIddict server (ephemeral keys), never from a fake authentication handler.
/// </summary>
public abstract class CounselConnectFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string CliSecret = "integration-tests-cli-secret";
    public const string NativeRedirectUri = "http://127.0.0.1:7890/callback";
    public const string DemoPassword = "Test-Password-2026!";

    private string? _connectionString;

    public abstract DatabaseProvider Provider { get; }

    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("The database is not provisioned yet.");

    public async Task InitializeAsync()
    {
        _connectionString = await ProvisionDatabaseAsync();
        // Building the server runs the migrator and the seeder.
        StartServer();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await DropDatabaseAsync();
    }

    /// <summary>Settings a subclass adds on top of the defaults above.</summary>
    protected virtual IReadOnlyDictionary<string, string> ExtraSettings { get; } = new Dictionary<string, string>();

    protected abstract Task<string> ProvisionDatabaseAsync();

    protected abstract Task DropDatabaseAsync();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Debug).AddProvider(new LogSink()));
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Default", ConnectionString);
        builder.UseSetting("OpenIddict:EphemeralKeys", "true");
        builder.UseSetting("Seed:Demo", "true");
        builder.UseSetting("Seed:CliClientSecret", CliSecret);
        builder.UseSetting("Seed:DemoPassword", DemoPassword);
        builder.UseSetting("Seed:NativeRedirectUris:0", NativeRedirectUri);
        builder.UseSetting("Hangfire:ServerEnabled", "true");
        builder.UseSetting("Hangfire:WorkerCount", "2");
        builder.UseSetting("Hangfire:QueuePollInterval", "00:00:01");
        // The suite signs in far more often than a person would; RateLimitTests use their own low limits.
        builder.UseSetting("RateLimits:SignInPerMinute", "100000");
        builder.UseSetting("RateLimits:ConflictChecksPerMinute", "100000");
        builder.UseSetting("RateLimits:ExportsPerMinute", "100000");
        foreach (var (key, value) in ExtraSettings)
        {
            builder.UseSetting(key, value);
        }
    }
}

/// <summary>A fresh SQLite database file per factory.</summary>
public class SqliteFactory : CounselConnectFactory
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"counselconnect-test-{Guid.NewGuid():N}.db");

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override Task<string> ProvisionDatabaseAsync() => Task.FromResult($"Data Source={_path};Pooling=False");

    protected override Task DropDatabaseAsync()
    {
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }

        return Task.CompletedTask;
    }
}

/// <summary>A fresh database per factory on the shared throwaway PostgreSQL server.</summary>
public sealed class PostgresFactory : CounselConnectFactory
{
    private readonly string _database = $"cc_test_{Guid.NewGuid():N}";

    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    protected override async Task<string> ProvisionDatabaseAsync()
    {
        var cluster = await SharedPostgres.GetAsync();
        await cluster.CreateDatabaseAsync(_database);
        return cluster.ConnectionString(_database);
    }

    protected override Task DropDatabaseAsync() => Task.CompletedTask;
}
